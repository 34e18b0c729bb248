<?php
/*
 * Plugin Name: wp-local honeypot
 * Description: Installed by parlor's scripts/wp-local.sh; active only while the option
 * `wplocal_honeypot` is set (tests/wordpress_themes_reply.rs sets and clears it). Adds two
 * hidden trap fields to the comment form the way common anti-spam plugins do, and files a
 * comment as spam when either is filled:
 *   - `homepage`: a text input in a paragraph hidden by a stylesheet class (off-screen, as
 *     WP Armour / Zero Spam style traps), `aria-hidden` on the paragraph, `tabindex="-1"`,
 *     `autocomplete="off"`, placed before WordPress's own `url` field, with a tempting label;
 *   - `url2`: a text input inside a `display:none` div (Akismet-style inline hiding).
 */
function wplocal_honeypot_on() {
    return (bool) get_option('wplocal_honeypot');
}

add_action('wp_head', function () {
    if (wplocal_honeypot_on()) {
        echo "<style>.comment-form-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}</style>\n";
    }
});

add_filter('comment_form_default_fields', function ($fields) {
    if (!wplocal_honeypot_on()) {
        return $fields;
    }
    $trap = '<p class="comment-form-hp" aria-hidden="true"><label for="homepage">Homepage</label> '
        . '<input id="homepage" name="homepage" type="text" value="" size="30" tabindex="-1" autocomplete="off" /></p>';
    $out = [];
    foreach ($fields as $key => $html) {
        if ($key === 'url') {
            $out['hp'] = $trap;
        }
        $out[$key] = $html;
    }
    if (!isset($out['hp'])) {
        $out['hp'] = $trap;
    }
    return $out;
});

add_action('comment_form', function () {
    if (wplocal_honeypot_on()) {
        echo '<div style="display:none"><label for="url2">Website</label>'
            . '<input type="text" name="url2" id="url2" value="" tabindex="-1" autocomplete="off" /></div>';
    }
});

// `pre_comment_approved` decides the status WordPress stores ('spam' here): wp_allow_comment.
add_filter('pre_comment_approved', function ($approved) {
    if (!wplocal_honeypot_on()) {
        return $approved;
    }
    $filled = function ($k) {
        return isset($_POST[$k]) && trim((string) $_POST[$k]) !== '';
    };
    if ($filled('homepage') || $filled('url2')) {
        update_option('wplocal_honeypot_caught', (int) get_option('wplocal_honeypot_caught') + 1);
        return 'spam';
    }
    return $approved;
}, 99);
