<?php
/*
 * Plugin Name: wp-local test helpers
 * Description: Installed by parlor's scripts/wp-local.sh. No MTA here: wp_mail() is a no-op.
 */
add_filter('pre_wp_mail', '__return_true');
