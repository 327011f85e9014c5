<?php
// The test WordPress's configuration, written by scripts/wordpress.sh into
// the state folder @STATE@ as wp-config.php. Debian's
// /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-@NAME@.php
// (tests/support/wordpress/site-config.php) when a request carries
// WORDPRESS_CONFIG=@NAME@, which loads this file, named by
// BROADSHEET_WP_SETTINGS (nginx sets both; setup.php and the script do for
// the CLI).

define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '@DB_PASSWORD@');
define('DB_HOST', '127.0.0.1:@DB_PORT@');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

// Each nginx server block passes its own address, so every mode is a site
// of its own; the install and seed scripts get the "pretty" one.
$broadsheet_url = isset($_SERVER['BROADSHEET_WP_URL'])
    && preg_match('#^http://127\.0\.0\.1:[0-9]+$#', $_SERVER['BROADSHEET_WP_URL'])
    ? $_SERVER['BROADSHEET_WP_URL'] : 'http://127.0.0.1:@PRETTY_PORT@';
define('WP_HOME', $broadsheet_url);
define('WP_SITEURL', $broadsheet_url);

// Content (mu-plugins, uploads, a link to the packaged themes) lives in the
// state folder, not in /var/lib/wordpress.
define('WP_CONTENT_DIR', '@STATE@/content');
define('WP_CONTENT_URL', $broadsheet_url . '/wp-content');

// Nothing reaches the network: no cron, no update checks, no outbound HTTP
// (except to this machine), no plugin or theme installs.
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISALLOW_FILE_MODS', true);

define('WP_POST_REVISIONS', false);
define('WP_DEBUG', false);
define('WP_ALLOW_MULTISITE', false);

define('AUTH_KEY', '@SALT1@');
define('SECURE_AUTH_KEY', '@SALT2@');
define('LOGGED_IN_KEY', '@SALT3@');
define('NONCE_KEY', '@SALT4@');
define('AUTH_SALT', '@SALT5@');
define('SECURE_AUTH_SALT', '@SALT6@');
define('LOGGED_IN_SALT', '@SALT7@');
define('NONCE_SALT', '@SALT8@');
