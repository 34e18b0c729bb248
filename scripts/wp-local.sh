#!/usr/bin/env bash
# A real WordPress (Debian's package, MariaDB, `php -S`) on 127.0.0.1:PORT for parlor's tests.
#
# Usage: scripts/wp-local.sh PORT STEP [ARG]
#   up          install missing packages, start a private MariaDB and php -S, install and seed
#   smoke       curl checks of reading and posting (prints "smoke: N passed, N failed")
#   samples     save each fixture page under every theme to $STATE/samples/
#   theme NAME  switch the theme (twentytwentyone, twentytwentytwo, twentytwentythree, wplocal-xhtml,
#               or any theme installed in the site's theme directory, e.g. by scripts/wp/zoo-capture.sh)
#   eval CODE   run PHP code inside WordPress (e.g. "update_option('x', 1);")
#   approve-all set comment_previously_approved=0 (new commenters are approved at once)
#   moderate    set comment_previously_approved=1 (the default: new commenters are held)
#   flood on|off  the 15 s comment flood check (per IP or email; every test POST is from
#               127.0.0.1): on by default; `off` lets posting tests skip the waits
#   status      print whether the servers run
#   down        stop php (parent and workers) and mariadbd
#   reset       down, then delete the state
#   all         up, smoke, samples, down (default)
# State: ${WP_LOCAL_ROOT:-/tmp/wp-local}/PORT. Env: WP_LOCAL_SKIP_APT=1 forbids apt;
# WP_LOCAL_AUTO_APPROVE=1 seeds comment_previously_approved=0.
# Facts, timings and gotchas: shared/reference/blog-markup.md section 6.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WPDIR="$HERE/wp"
DOCROOT=/usr/share/wordpress
PACKAGES=(wordpress mariadb-server php-cli php-mysql php-curl php-xml php-mbstring
    wordpress-theme-twentytwentyone wordpress-theme-twentytwentytwo
    wordpress-theme-twentytwentythree curl)
THEMES=(twentytwentyone twentytwentytwo twentytwentythree wplocal-xhtml)

die() { echo "wp-local: $*" >&2; exit 1; }
log() { echo "wp-local: $*" >&2; }

[[ $# -ge 1 ]] || die "usage: $0 PORT [up|smoke|samples|theme NAME|eval CODE|approve-all|moderate|flood on|off|status|down|reset|all]"
PORT="$1"
STEP="${2:-all}"
[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "bad port '$PORT'"
ROOT="${WP_LOCAL_ROOT:-/tmp/wp-local}"
STATE="$ROOT/$PORT"
RUN="$STATE/run"
SOCK="$RUN/mysqld.sock"
BASE="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------- packages
ensure_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    log "missing packages: ${missing[*]}"
    [[ "${WP_LOCAL_SKIP_APT:-}" == 1 ]] && die "WP_LOCAL_SKIP_APT=1, not installing: ${missing[*]}"
    [[ $(id -u) -eq 0 ]] || die "need root to install ${missing[*]} (sudo apt-get install -y --no-install-recommends ${missing[*]})"
    command -v apt-get >/dev/null || die "no apt-get: install ${missing[*]} by hand"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >"$ROOT/apt.log" 2>&1; then
        log "apt-get install failed; running apt-get update and retrying"
        apt-get update >>"$ROOT/apt.log" 2>&1 || die "apt-get update failed (see $ROOT/apt.log)"
        apt-get install -y --no-install-recommends "${missing[@]}" >>"$ROOT/apt.log" 2>&1 ||
            die "apt-get install ${missing[*]} failed (see $ROOT/apt.log)"
    fi
}

# ---------------------------------------------------------------- helpers
pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wp_eval_file() { php "$STATE/wp-eval.php" "$PORT" "$@"; }
wp_eval() { php "$STATE/wp-eval.php" "$PORT" -e "$1"; }

sql() { mariadb --no-defaults -S "$SOCK" -u root "$@"; }

# ---------------------------------------------------------------- files
write_files() {
    mkdir -p "$STATE/wp-content/themes" "$STATE/wp-content/plugins" "$STATE/wp-content/mu-plugins" \
        "$STATE/wp-content/uploads" "$STATE/samples"
    cp "$WPDIR/router.php" "$WPDIR/wp-eval.php" "$WPDIR/seed.php" "$STATE/"
    cp "$WPDIR/mu-plugin.php" "$STATE/wp-content/mu-plugins/wplocal.php"
    # A honeypot like anti-spam plugins add; inert until the option `wplocal_honeypot` is set.
    cp "$WPDIR/honeypot.php" "$STATE/wp-content/mu-plugins/wplocal-honeypot.php"
    local t
    for t in twentytwentyone twentytwentytwo twentytwentythree; do
        [[ -d "$DOCROOT/wp-content/themes/$t" ]] || die "theme $t missing from $DOCROOT/wp-content/themes"
        ln -sfn "$DOCROOT/wp-content/themes/$t" "$STATE/wp-content/themes/$t"
    done
    rm -rf "$STATE/wp-content/themes/wplocal-xhtml"
    cp -r "$WPDIR/theme-xhtml" "$STATE/wp-content/themes/wplocal-xhtml"
    cat >"$STATE/wp-config-local.php" <<EOF
<?php
// Written by scripts/wp-local.sh for port $PORT.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', 'localhost:$SOCK');
\$wplocal_host = \$_SERVER['HTTP_HOST'] ?? '127.0.0.1:$PORT';
if (!preg_match('/^(127\\.0\\.0\\.1|localhost):$PORT\$/', \$wplocal_host)) {
    \$wplocal_host = '127.0.0.1:$PORT';
}
define('WP_HOME', 'http://' . \$wplocal_host);
define('WP_SITEURL', 'http://' . \$wplocal_host);
define('WP_CONTENT_DIR', '$STATE/wp-content');
define('WP_CONTENT_URL', 'http://' . \$wplocal_host . '/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
define('AUTH_KEY', 'wplocal-auth-$PORT');
define('SECURE_AUTH_KEY', 'wplocal-secure-auth-$PORT');
define('LOGGED_IN_KEY', 'wplocal-logged-in-$PORT');
define('NONCE_KEY', 'wplocal-nonce-$PORT');
define('AUTH_SALT', 'wplocal-auth-salt-$PORT');
define('SECURE_AUTH_SALT', 'wplocal-secure-auth-salt-$PORT');
define('LOGGED_IN_SALT', 'wplocal-logged-in-salt-$PORT');
define('NONCE_SALT', 'wplocal-nonce-salt-$PORT');
\$table_prefix = 'wp_';
EOF
    # Debian's wp-config.php loads /etc/wordpress/config-<host>.php (port stripped): a dispatcher
    # there picks the per-port config through /etc/wordpress/wplocal/PORT.php.
    mkdir -p /etc/wordpress/wplocal || die "cannot write /etc/wordpress (need root)"
    ln -sfn "$STATE/wp-config-local.php" "/etc/wordpress/wplocal/$PORT.php"
    local host f
    for host in 127.0.0.1 localhost; do
        f="/etc/wordpress/config-$host.php"
        if [[ -f "$f" ]] && ! grep -q 'wp-local dispatcher' "$f"; then
            die "$f exists and is not ours; move it away"
        fi
        cat >"$f" <<'EOF'
<?php
// wp-local dispatcher (parlor scripts/wp-local.sh): per-port configs in /etc/wordpress/wplocal/.
$wplocal_port = (int) ($_SERVER['SERVER_PORT'] ?? 0);
if (preg_match('/:(\d+)$/', $_SERVER['HTTP_HOST'] ?? '', $wplocal_m)) {
    $wplocal_port = (int) $wplocal_m[1];
}
$wplocal_file = '/etc/wordpress/wplocal/' . $wplocal_port . '.php';
if (!is_file($wplocal_file)) {
    header('HTTP/1.0 404 Not Found');
    echo 'wp-local: no WordPress configured for port ' . $wplocal_port;
    exit(1);
}
require $wplocal_file;
EOF
    done
}

# ---------------------------------------------------------------- mariadb
start_db() {
    if pid_alive "$STATE/mysqld.pid" && [[ -S "$SOCK" ]]; then return 0; fi
    mkdir -p "$RUN"
    chown mysql:mysql "$RUN"
    chmod 755 "$STATE" "$ROOT"
    if [[ ! -d "$STATE/db/mysql" ]]; then
        local t0=$SECONDS
        rm -rf "$STATE/db"
        mariadb-install-db --no-defaults --datadir="$STATE/db" --user=mysql \
            --auth-root-authentication-method=socket --skip-test-db >"$STATE/db-install.log" 2>&1 ||
            die "mariadb-install-db failed (see $STATE/db-install.log)"
        log "database initialised in $((SECONDS - t0)) s"
    fi
    rm -f "$SOCK"
    setsid mariadbd --no-defaults --user=mysql --datadir="$STATE/db" --socket="$SOCK" \
        --pid-file="$RUN/mysqld.pid" --log-error="$RUN/mysqld.err" --skip-networking \
        --innodb-buffer-pool-size=32M --skip-log-bin </dev/null >/dev/null 2>&1 &
    echo $! >"$STATE/mysqld.pid"
    local i
    for i in $(seq 1 150); do
        if [[ -S "$SOCK" ]] && sql -e 'SELECT 1' >/dev/null 2>&1; then break; fi
        pid_alive "$STATE/mysqld.pid" || die "mariadbd exited (see $RUN/mysqld.err)"
        sleep 0.1
    done
    sql -e 'SELECT 1' >/dev/null 2>&1 || die "mariadbd did not come up in 15 s (see $RUN/mysqld.err)"
    sql -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;
        CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
        GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';" || die "cannot create the database"
}

# ---------------------------------------------------------------- php -S
start_web() {
    if pid_alive "$STATE/php.pid"; then return 0; fi
    if curl -s -o /dev/null --max-time 2 "$BASE/" 2>/dev/null; then
        die "something else already listens on 127.0.0.1:$PORT"
    fi
    PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$PORT" -t "$DOCROOT" "$STATE/router.php" \
        </dev/null >"$STATE/php.log" 2>&1 &
    echo $! >"$STATE/php.pid"
    local i
    for i in $(seq 1 100); do
        curl -s -o /dev/null --max-time 2 "$BASE/wp-includes/version.php" && return 0
        pid_alive "$STATE/php.pid" || die "php -S exited (see $STATE/php.log)"
        sleep 0.1
    done
    die "php -S did not answer on $BASE in 10 s (see $STATE/php.log)"
}

install_wp() {
    # Booted with WP_INSTALLING so an uninstalled site does not redirect (and exit 0).
    if [[ "$(WPLOCAL_INSTALLING=1 wp_eval 'echo is_blog_installed() ? "yes" : "no";' 2>/dev/null)" == yes ]]; then
        return 0
    fi
    local t0=$SECONDS
    WPLOCAL_INSTALLING=1 wp_eval "require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        \$r = wp_install('Parlor Test Blog', 'admin', 'admin@example.test', false, '', wp_slash('admin-password'));
        echo 'installed, user ' . \$r['user_id'] . PHP_EOL;" >"$STATE/install.log" 2>&1 ||
        die "wp_install failed (see $STATE/install.log)"
    log "WordPress installed in $((SECONDS - t0)) s"
}

step_up() {
    local t0=$SECONDS
    mkdir -p "$ROOT"
    ensure_packages
    write_files
    start_db
    start_web
    install_wp
    wp_eval_file "$STATE/seed.php" >"$STATE/seed.log" 2>&1 || { cat "$STATE/seed.log" >&2; die "seed failed"; }
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/2024/05/01/threaded-comments-fixture/")
    [[ "$code" == 200 ]] || die "post 4 answered $code"
    log "up: $BASE ready in $((SECONDS - t0)) s (admin / admin-password)"
}

# ---------------------------------------------------------------- down / reset
kill_tree() {
    local pidfile="$1" pid kids
    [[ -f "$pidfile" ]] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kids=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
        kill "$pid" $kids 2>/dev/null || true
        local i
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" $kids 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

step_down() {
    kill_tree "$STATE/php.pid"
    kill_tree "$STATE/mysqld.pid"
    rm -f "/etc/wordpress/wplocal/$PORT.php"
    log "down: $PORT stopped"
}

step_reset() {
    step_down
    rm -rf "$STATE"
    log "reset: $STATE deleted"
}

# ---------------------------------------------------------------- theme / samples
require_up() { pid_alive "$STATE/php.pid" && pid_alive "$STATE/mysqld.pid" || die "not running; run '$0 $PORT up' first"; }

step_theme() {
    local name="$1"
    # Besides the script's own themes, any theme installed in the site's theme directory (the
    # zoo, scripts/wp/zoo-capture.sh) can be switched to.
    [[ " ${THEMES[*]} " == *" $name "* || ("$name" =~ ^[a-z0-9_-]+$ && -f "$STATE/wp-content/themes/$name/style.css") ]] ||
        die "unknown theme '$name' (one of: ${THEMES[*]}, or a theme installed in $STATE/wp-content/themes)"
    require_up
    wp_eval "switch_theme('$name'); echo get_stylesheet() . PHP_EOL;" >/dev/null
    log "theme: $name"
}

step_samples() {
    require_up
    local out="$STATE/samples" t
    local p4="$BASE/2024/05/01/threaded-comments-fixture/"
    local p5="$BASE/2024/04/30/comments-closed-fixture/"
    local p6="$BASE/2024/04/29/paginated-comments-fixture/"
    local p7="$BASE/2024/04/28/deep-thread-fixture/"
    mkdir -p "$out"
    for t in "${THEMES[@]}"; do
        step_theme "$t"
        curl -sf "$p4" -o "$out/$t.html" || die "GET $p4 failed"
        curl -sf "$p5" -o "$out/$t-closed.html" || die "GET $p5 failed"
        curl -sf "$p6" -o "$out/$t-paginated.html" || die "GET $p6 failed"
        curl -sf "$p7" -o "$out/$t-deep.html" || die "GET $p7 failed"
        local n
        for n in 1 2 3; do
            curl -sf "${p6}comment-page-$n/" -o "$out/$t-paginated-page$n.html" || die "GET page $n failed"
        done
    done
    curl -sf "$BASE/wp-json/wp/v2/comments?post=4&per_page=100" -o "$out/rest-comments-4.json" || true
    curl -sf "${p4}feed/" -o "$out/feed-comments-4.xml" || true
    step_theme twentytwentyone
    log "samples: saved in $out"
}

# ---------------------------------------------------------------- smoke
SMOKE_PASS=0
SMOKE_FAIL=0
check() {
    local name="$1"
    shift
    if "$@"; then
        SMOKE_PASS=$((SMOKE_PASS + 1))
        echo "  ok   $name"
    else
        SMOKE_FAIL=$((SMOKE_FAIL + 1))
        echo "  FAIL $name"
    fi
}

# post_comment OUTFILE FIELDS...: POST to wp-comments-post.php, print "status location".
post_comment() {
    local hdr="$1"
    shift
    local args=() f
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -o "$hdr.body" -D "$hdr" -w '%{http_code}' "${args[@]}" "$BASE/wp-comments-post.php"
}

step_smoke() {
    require_up
    local p4="$BASE/2024/05/01/threaded-comments-fixture/" tmp page code loc
    tmp=$(mktemp -d)
    wp_eval "delete_option('wplocal_no_flood');" # the 429 check needs the flood check on
    page=$(curl -sf "$p4" || true)
    check "(a) post 4 has comment 5 at depth-4" grep -q 'id="comment-5" class="comment[^"]*depth-4' <<<"$page"
    check "(a) post 4 has form#commentform" grep -q 'id="commentform"' <<<"$page"
    local stamp
    stamp=$(date +%s)
    code=$(post_comment "$tmp/h1" "comment=Smoke reply $stamp from a new author" "author=Curl Tester" \
        "email=curl-$stamp@example.test" comment_post_ID=4 comment_parent=5)
    loc=$(grep -i '^location:' "$tmp/h1" | tr -d '\r' | cut -d' ' -f2-)
    check "(b1) new author: 302 held" test "$code" = 302
    check "(b1) Location has unapproved & moderation-hash" grep -q 'unapproved=[0-9]*&moderation-hash=' <<<"$loc"
    local held=${loc##*#comment-}
    page=$(curl -sf "$p4" || true)
    check "(c1) held comment absent from the public page" bash -c "! grep -q 'id=\"comment-$held\"' <<<\"\$1\"" _ "$page"
    page=$(curl -sf "$loc" || true)
    check "(c1) held comment shown at Location with the note" bash -c "grep -q 'id=\"comment-$held\"' <<<\"\$1\" && grep -q 'comment-awaiting-moderation' <<<\"\$1\"" _ "$page"
    log "smoke: waiting 16 s (flood limit)"
    sleep 16
    code=$(post_comment "$tmp/h2" "comment=Carol again $stamp, approved at once" "author=Carol" \
        "email=carol@example.test" comment_post_ID=4 comment_parent=5)
    loc=$(grep -i '^location:' "$tmp/h2" | tr -d '\r' | cut -d' ' -f2-)
    check "(b2) known author: 302" test "$code" = 302
    check "(b2) Location is #comment-ID without unapproved" bash -c "[[ \"\$1\" == *'#comment-'* && \"\$1\" != *unapproved* ]]" _ "$loc"
    local ok=${loc##*#comment-}
    page=$(curl -sf "$p4" || true)
    check "(c2) approved reply public as depth-5" grep -q "id=\"comment-$ok\" class=\"comment[^\"]*depth-5" <<<"$page"
    code=$(post_comment "$tmp/h3" "comment=Carol again $stamp, approved at once" "author=Carol" \
        "email=carol@example.test" comment_post_ID=4 comment_parent=5)
    check "duplicate: 409" test "$code" = 409
    code=$(post_comment "$tmp/h4" "comment=Carol flood $stamp" "author=Carol" \
        "email=carol@example.test" comment_post_ID=4 comment_parent=0)
    check "flood: 429" test "$code" = 429
    code=$(post_comment "$tmp/h5" "comment=no name $stamp" comment_post_ID=4)
    check "missing name/email: 200 + error" bash -c "[[ \$1 == 200 ]] && grep -q 'fill the required fields' \"\$2\"" _ "$code" "$tmp/h5.body"
    code=$(post_comment "$tmp/h6" "comment=" "author=X" "email=x@example.test" comment_post_ID=4)
    check "empty comment: 200 + error" bash -c "[[ \$1 == 200 ]] && grep -q 'type your comment' \"\$2\"" _ "$code" "$tmp/h6.body"
    code=$(post_comment "$tmp/h7" "comment=bad mail $stamp" "author=X" "email=not-an-email" comment_post_ID=4)
    check "bad email: 200 + error" bash -c "[[ \$1 == 200 ]] && grep -q 'valid email' \"\$2\"" _ "$code" "$tmp/h7.body"
    code=$(post_comment "$tmp/h8" "comment=closed $stamp" "author=X" "email=x@example.test" comment_post_ID=5)
    check "closed post: 403" test "$code" = 403
    code=$(post_comment "$tmp/h9" "comment=nowhere $stamp" "author=X" "email=x@example.test" comment_post_ID=99999)
    check "unknown post: empty 200" bash -c "[[ \$1 == 200 && ! -s \$2 ]]" _ "$code" "$tmp/h9.body"
    code=$(curl -s -o /dev/null -D "$tmp/h10" -w '%{http_code}' "$BASE/wp-comments-post.php")
    check "GET wp-comments-post.php: 405 Allow: POST" bash -c "[[ \$1 == 405 ]] && grep -qi '^allow: POST' \"\$2\"" _ "$code" "$tmp/h10"
    rm -rf "$tmp"
    echo "smoke: $SMOKE_PASS passed, $SMOKE_FAIL failed"
    ((SMOKE_FAIL == 0))
}

# ---------------------------------------------------------------- dispatch
case "$STEP" in
up) step_up ;;
smoke) step_smoke ;;
samples) step_samples ;;
theme) step_theme "${3:?usage: $0 PORT theme NAME}" ;;
eval) require_up; wp_eval "${3:?usage: $0 PORT eval CODE}" ;;
approve-all) require_up; wp_eval "update_option('comment_previously_approved', 0);"; log "new commenters are approved at once" ;;
moderate) require_up; wp_eval "update_option('comment_previously_approved', 1);"; log "new commenters are held" ;;
flood)
    require_up
    case "${3:-}" in
    on) wp_eval "delete_option('wplocal_no_flood');"; log "flood check on (15 s between comments per IP/email)" ;;
    off) wp_eval "update_option('wplocal_no_flood', 1);"; log "flood check off" ;;
    *) die "usage: $0 PORT flood on|off" ;;
    esac ;;
status)
    if pid_alive "$STATE/php.pid" && pid_alive "$STATE/mysqld.pid"; then echo "up: $BASE"; else echo "down"; exit 1; fi ;;
down) step_down ;;
reset) step_reset ;;
all)
    trap step_down EXIT
    step_up
    step_smoke
    step_samples
    ;;
*) die "unknown step '$STEP'" ;;
esac
