<?php
// php wp-eval.php PORT FILE.php [ARGS...]  — boots WordPress for 127.0.0.1:PORT and runs FILE
// (or, with FILE = "-e", evaluates ARGS[0] as PHP code). Used by scripts/wp-local.sh.
// WPLOCAL_INSTALLING=1 in the environment boots an uninstalled site (for wp_install()).
if ($argc < 3) {
    fwrite(STDERR, "usage: php wp-eval.php PORT FILE.php|-e CODE\n");
    exit(2);
}
$wplocal_port = (int) $argv[1];
$_SERVER['HTTP_HOST'] = '127.0.0.1:' . $wplocal_port;
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = (string) $wplocal_port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
if (getenv('WPLOCAL_INSTALLING') === '1') {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
if ($argv[2] === '-e') {
    eval($argv[3] ?? '');
} else {
    require $argv[2];
}
