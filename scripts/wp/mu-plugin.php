<?php
/*
 * Plugin Name: wp-local test helpers
 * Description: Installed by parlor's scripts/wp-local.sh. No MTA here: wp_mail() is a no-op.
 * The option `wplocal_no_flood` (set by `scripts/wp-local.sh PORT flood off`) turns the 15 s
 * comment flood check off, so posting tests need not wait between POSTs from 127.0.0.1.
 */
add_filter('pre_wp_mail', '__return_true');
add_filter('wp_is_comment_flood', function ($is_flood) {
    return get_option('wplocal_no_flood') ? false : $is_flood;
}, 99);
