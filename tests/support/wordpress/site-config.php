<?php
// broadsheet's test WordPress: the site configuration Debian's
// /usr/share/wordpress/wp-config.php loads, installed once as
// /etc/wordpress/config-broadsheet-test.php by `scripts/tools.sh wordpress`
// (the one file outside the project a test WordPress needs, since Debian's
// WordPress reads its site settings only from /etc/wordpress). Each running
// test site keeps its real settings in its own state folder; nginx names
// that file in the BROADSHEET_WP_SETTINGS server variable, and
// scripts/wordpress.sh in the environment of PHP's command line.
$broadsheet_settings = isset( $_SERVER['BROADSHEET_WP_SETTINGS'] )
	? $_SERVER['BROADSHEET_WP_SETTINGS']
	: getenv( 'BROADSHEET_WP_SETTINGS' );
if ( ! is_string( $broadsheet_settings ) || ! is_file( $broadsheet_settings ) ) {
	header( 'HTTP/1.1 500 Internal Server Error' );
	exit( "broadsheet: BROADSHEET_WP_SETTINGS names no settings file\n" );
}
require $broadsheet_settings;
