<?php
// Router for `php -S` serving Debian's WordPress (docroot /usr/share/wordpress).
// Copied into the state dir by scripts/wp-local.sh; serves /wp-content/* from the state dir
// (Debian keeps WP_CONTENT_DIR outside the docroot), passes real files and directories
// through, and sends everything else to index.php (pretty permalinks, feeds, /wp-json/).
$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strpos($path, '/wp-content/') === 0) {
    $base = realpath(__DIR__ . '/wp-content');
    $file = realpath(__DIR__ . $path);
    if ($file === false || !is_file($file) || substr($file, -4) === '.php') {
        http_response_code(404);
        echo 'Not found';
        return true;
    }
    $types = [
        'css' => 'text/css', 'js' => 'application/javascript', 'png' => 'image/png',
        'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'svg' => 'image/svg+xml',
        'woff' => 'font/woff', 'woff2' => 'font/woff2', 'json' => 'application/json',
        'webp' => 'image/webp', 'ico' => 'image/x-icon', 'txt' => 'text/plain',
    ];
    $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
    header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}
$real = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && (is_file($real) || (is_dir($real) && is_file(rtrim($real, '/') . '/index.php')))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
