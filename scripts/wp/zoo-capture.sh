#!/usr/bin/env bash
# The WordPress theme zoo: installs public themes into a running scripts/wp-local.sh site and
# saves the seeded fixture posts as each theme renders them, for tests/zoo.rs.
#
# Usage: scripts/wp/zoo-capture.sh PORT [THEME...]   (default: every theme in ZOO below)
#   The site must be up (scripts/wp-local.sh PORT up). Theme code comes from public GitHub
#   repositories mirrored under ${ZOO_MIRROR:-/work/.mirror}/OWNER+NAME/repo (the `fetch`
#   tool of the project's sessions, or `git clone --mirror` by hand); it is copied into the
#   site's wp-content/themes at run time only and never enters this repository.
# Output: tests/fixtures/zoo/THEME/{threaded,held,closed,deep,paginated,paginated-page1..3}.html
#   and tests/fixtures/zoo/THEME/pages.tsv (file <TAB> URL it was fetched from).
#   A theme whose pages fail (HTTP error or a PHP fatal) is reported and its directory removed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 PORT [THEME...]" >&2; exit 1; }
PORT="$1"
shift
MIRROR="${ZOO_MIRROR:-/work/.mirror}"
STATE="${WP_LOCAL_ROOT:-/tmp/wp-local}/$PORT"
BASE="http://127.0.0.1:$PORT"
OUT="$REPO/tests/fixtures/zoo"
WPL="$REPO/scripts/wp-local.sh"

# slug | mirror (OWNER+NAME, or "debian" for the packaged ones) | git ref | path in the repo
ZOO=(
    "twentyten|chintan9+WordPress|HEAD|wp-content/themes/twentyten"
    "twentyeleven|chintan9+WordPress|HEAD|wp-content/themes/twentyeleven"
    "twentytwelve|chintan9+WordPress|HEAD|wp-content/themes/twentytwelve"
    "twentythirteen|chintan9+WordPress|HEAD|wp-content/themes/twentythirteen"
    "twentyfourteen|chintan9+WordPress|HEAD|wp-content/themes/twentyfourteen"
    "twentyfifteen|chintan9+WordPress|HEAD|wp-content/themes/twentyfifteen"
    "twentysixteen|chintan9+WordPress|HEAD|wp-content/themes/twentysixteen"
    "twentyseventeen|chintan9+WordPress|HEAD|wp-content/themes/twentyseventeen"
    "twentynineteen|chintan9+WordPress|HEAD|wp-content/themes/twentynineteen"
    "twentytwenty|chintan9+WordPress|HEAD|wp-content/themes/twentytwenty"
    "twentytwentyfour|chintan9+WordPress|HEAD|wp-content/themes/twentytwentyfour"
    "twentytwentyfive|chintan9+WordPress|HEAD|wp-content/themes/twentytwentyfive"
    "twentytwentyone|debian||"
    "twentytwentytwo|debian||"
    "twentytwentythree|debian||"
    "wplocal-xhtml|debian||"
    "astra|brainstormforce+astra|HEAD|"
    "generatepress|tomusborne+generatepress|3.5.1|"
    "neve|Codeinwp+neve|HEAD|"
    "storefront|woocommerce+storefront|HEAD|"
    "oceanwp|oceanwp+oceanwp|HEAD|"
    "hueman|presscustomizr+hueman|HEAD|"
    "colormag|themegrill+colormag|HEAD|"
    "hello-elementor|elementor+hello-theme|HEAD|"
    "customizr|presscustomizr+customizr|HEAD|"
    "vantage|siteorigin+vantage|HEAD|"
    "onepress|FameThemes+onepress|HEAD|"
    "go|godaddy-wordpress+go|HEAD|"
    "independent-publisher|raamdev+independent-publisher|HEAD|"
    "stargazer|justintadlock+stargazer|HEAD|"
)

# Comment plugins, captured under a default theme into tests/fixtures/zoo/NAME:
# name | mirror | git ref | plugin directory in the repo | main file | theme | PHP before
# activation | PHP after activation (a second request, with the plugin loaded)
PLUGINS=(
    # wpDiscuz 7 creates its default form on its first admin_init (pluginNewVersion); without
    # a form it leaves the theme's list alone.
    "wpdiscuz|WordpressPluginDirectory+wpdiscuz|HEAD|wpdiscuz|wpdiscuz/class.WpdiscuzCore.php|twentytwentyone||require_once ABSPATH . 'wp-admin/includes/admin.php'; wpDiscuz()->pluginNewVersion();"
    # wpDiscuz 2.2.9 (2015) fatals on PHP 8 (listed to say so).
    "wpdiscuz2|wp-plugins+wpdiscuz|HEAD||wpdiscuz2/wc.php|twentytwentyone||"
    # Disqus 2.86 prints its server-side list (#dsq-comments) once it has a forum and a key; its
    # dsq_comment() prints only comment_type '' (WordPress before 5.5 stored that; 5.5 renamed
    # it 'comment'), so the seeded comments are given the old type while it runs.
    "disqus|disqus+disqus-wordpress|HEAD|disqus|disqus/disqus.php|twentytwentyone|update_option('disqus_forum_url', 'parlortest'); update_option('disqus_api_key', 'key'); update_option('disqus_replace', 'all'); update_option('disqus_active', '1'); global \$wpdb; \$wpdb->query(\"UPDATE \$wpdb->comments SET comment_type = '' WHERE comment_type = 'comment'\"); wp_cache_flush();|"
)

die() { echo "zoo: $*" >&2; exit 1; }
log() { echo "zoo: $*" >&2; }

"$WPL" "$PORT" status >/dev/null || die "WordPress on $PORT is not up (scripts/wp-local.sh $PORT up)"

git_dir() {
    local d="$MIRROR/$1/repo"
    [[ -d "$d/.git" ]] && d="$d/.git"
    [[ -d "$d" ]] && echo "$d"
}

# export GITDIR REF PATH DEST: the tree at REF:PATH into DEST. Snapshots may lack their largest
# blobs (images): when `git archive` fails on one, files are copied one by one and those skipped.
export_tree() {
    local gd="$1" ref="$2" path="$3" dest="$4" mode type sha file
    git -C "$gd" archive --format=tar "$ref" ${path:+"$path"} 2>/dev/null | tar -x -C "$dest" 2>/dev/null && return 0
    git -C "$gd" ls-tree -r "$ref" ${path:+"$path"} | while read -r mode type sha file; do
        [[ "$type" == blob ]] || continue
        mkdir -p "$dest/$(dirname "$file")"
        git -C "$gd" cat-file blob "$sha" >"$dest/$file" 2>/dev/null || rm -f "$dest/$file"
    done
}

# install SLUG MIRRORS REF PATH: copies the theme into the site (replacing an older copy).
install_theme() {
    local slug="$1" mirrors="$2" ref="$3" path="$4" m gd="" tmp
    [[ "$mirrors" == debian ]] && return 0
    for m in ${mirrors//:/ }; do
        gd=$(git_dir "$m") && break
    done
    [[ -n "$gd" ]] || { log "$slug: no mirror of ${mirrors//:/ or } under $MIRROR"; return 1; }
    tmp=$(mktemp -d)
    export_tree "$gd" "$ref" "$path" "$tmp" || { rm -rf "$tmp"; log "$slug: cannot export $ref $path"; return 1; }
    rm -rf "$STATE/wp-content/themes/$slug"
    if [[ -n "$path" ]]; then
        mv "$tmp/$path" "$STATE/wp-content/themes/$slug"
        rm -rf "$tmp"
    else
        mv "$tmp" "$STATE/wp-content/themes/$slug"
        chmod 755 "$STATE/wp-content/themes/$slug"
    fi
    # Source repositories built by a toolchain may lack the header WordPress reads a theme by.
    if ! grep -qi '^[[:space:]*]*Theme Name:' "$STATE/wp-content/themes/$slug/style.css" 2>/dev/null; then
        printf '/*\nTheme Name: %s\nVersion: source\n*/\n' "$slug" >"$STATE/wp-content/themes/$slug/style.css"
    fi
}

# install_plugin NAME MIRROR REF PATH: copies the plugin into the site as plugins/NAME.
install_plugin() {
    local name="$1" mirror="$2" ref="$3" path="$4" gd tmp
    gd=$(git_dir "$mirror") || { log "$name: no mirror of $mirror under $MIRROR"; return 1; }
    tmp=$(mktemp -d)
    export_tree "$gd" "$ref" "$path" "$tmp" || { rm -rf "$tmp"; log "$name: cannot export $ref $path"; return 1; }
    rm -rf "$STATE/wp-content/plugins/$name"
    mv "$tmp/${path:-}" "$STATE/wp-content/plugins/$name"
    rm -rf "$tmp"
    chmod -R a+rX "$STATE/wp-content/plugins/$name"
}

# get URL FILE: saves the page, failing on HTTP errors and PHP fatals.
get() {
    local url="$1" file="$2" code
    code=$(curl -s -o "$file" -w '%{http_code}' "$url") || { log "GET $url failed"; return 1; }
    [[ "$code" == 200 ]] || { log "GET $url answered $code"; return 1; }
    [[ -s "$file" ]] || { log "GET $url: empty page"; return 1; }
    if grep -q 'critical error on this website\|Fatal error' "$file"; then
        log "GET $url: PHP fatal error in the page"
        return 1
    fi
    printf '%s\t%s\n' "$(basename "$file")" "$url" >>"$(dirname "$file")/pages.tsv"
}

wp_eval() { "$WPL" "$PORT" eval "$1"; }

capture() {
    local slug="$1" dir="$OUT/$1" p4="$BASE/2024/05/01/threaded-comments-fixture/"
    local p5="$BASE/2024/04/30/comments-closed-fixture/" p6="$BASE/2024/04/29/paginated-comments-fixture/"
    local p7="$BASE/2024/04/28/deep-thread-fixture/" n hash
    rm -rf "$dir"
    mkdir -p "$dir"
    get "$p4" "$dir/threaded.html" || return 1
    get "$p5" "$dir/closed.html" || return 1
    get "$p7" "$dir/deep.html" || return 1
    get "$p6" "$dir/paginated.html" || return 1
    for n in 1 2 3; do
        get "${p6}comment-page-$n/" "$dir/paginated-page$n.html" || return 1
    done
    # The held comment 13 as its author sees it right after posting: WordPress shows it for
    # 10 minutes after comment_date_gmt to a request carrying unapproved=ID and
    # moderation-hash=wp_hash(comment_date_gmt) (wp_get_unapproved_comment_author_email,
    # wp-includes/comment.php). Only the GMT date moves; the displayed local date stays.
    hash=$(wp_eval "global \$wpdb; \$now = gmdate('Y-m-d H:i:s');
        \$wpdb->update(\$wpdb->comments, ['comment_date_gmt' => \$now], ['comment_ID' => 13]);
        clean_comment_cache(13); echo wp_hash(\$now);")
    get "$p4?unapproved=13&moderation-hash=$hash" "$dir/held.html" || true
    wp_eval "global \$wpdb; \$wpdb->update(\$wpdb->comments, ['comment_date_gmt' => '2024-05-01 23:00:00'],
        ['comment_ID' => 13]); clean_comment_cache(13);" >/dev/null
    [[ -s "$dir/held.html" ]] || return 1
}

mkdir -p "$OUT"
selected=("$@")
ok=()
failed=()
for spec in "${ZOO[@]}"; do
    IFS='|' read -r slug mirrors ref path <<<"$spec"
    if ((${#selected[@]} > 0)) && [[ " ${selected[*]} " != *" $slug "* ]]; then continue; fi
    if ! install_theme "$slug" "$mirrors" "$ref" "$path"; then failed+=("$slug(no source)"); continue; fi
    if ! "$WPL" "$PORT" theme "$slug" 2>/dev/null; then failed+=("$slug(switch)"); continue; fi
    if capture "$slug"; then
        ok+=("$slug")
        log "$slug: captured"
    else
        rm -rf "${OUT:?}/$slug"
        failed+=("$slug(render)")
        # A theme that fatals breaks wp-eval.php too: put the default back by its options.
        mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root wordpress -e \
            "UPDATE wp_options SET option_value='twentytwentyone' WHERE option_name IN ('template','stylesheet')"
    fi
done
for spec in "${PLUGINS[@]}"; do
    IFS='|' read -r name mirror ref path main theme setup after <<<"$spec"
    if ((${#selected[@]} > 0)) && [[ " ${selected[*]} " != *" $name "* ]]; then continue; fi
    if ! install_plugin "$name" "$mirror" "$ref" "$path"; then failed+=("$name(no source)"); continue; fi
    "$WPL" "$PORT" theme "$theme" 2>/dev/null || { failed+=("$name(theme)"); continue; }
    if ! wp_eval "require_once ABSPATH . 'wp-admin/includes/plugin.php'; $setup \$r = activate_plugin('$main'); if (is_wp_error(\$r)) { echo \$r->get_error_message(); exit(1); }"; then
        failed+=("$name(activate)")
        continue
    fi
    if [[ -n "$after" ]] && ! wp_eval "$after" >/dev/null; then
        failed+=("$name(setup)")
    elif capture "$name"; then
        ok+=("$name")
        log "$name: captured"
    else
        rm -rf "${OUT:?}/$name"
        failed+=("$name(render)")
    fi
    wp_eval "require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins('$main');" >/dev/null 2>&1 ||
        mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root wordpress -e \
            "UPDATE wp_options SET option_value='a:0:{}' WHERE option_name='active_plugins'"
    mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root wordpress -e \
        "UPDATE wp_comments SET comment_type='comment' WHERE comment_type=''"
done
"$WPL" "$PORT" theme twentytwentyone 2>/dev/null || true
log "captured: ${ok[*]:-none}"
log "failed: ${failed[*]:-none}"
