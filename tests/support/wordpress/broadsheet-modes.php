<?php
/**
 * Plugin Name: broadsheet test modes
 * Description: Makes one WordPress behave like several real sites, one per
 * nginx server block, for broadsheet's end-to-end tests.
 *
 * scripts/wordpress.sh links this file into the test site's mu-plugins
 * folder. nginx tells it which site to be with the BROADSHEET_WP_MODE
 * server variable; with none (the PHP scripts that install and seed the
 * site) it changes nothing. Each mode does what a real site does, through
 * WordPress's own hooks, so the answers (status, JSON error bodies, CORS
 * headers) are WordPress's own:
 *
 *   pretty     a normal site with /%postname%/ permalinks
 *   plain      a site without pretty permalinks: the API only at
 *              /?rest_route=/…, and /wp-json/… is WordPress's 404 page
 *   auth       a "require login for the REST API" plugin: 401 everywhere
 *   forbidden  the same with 403
 *   disabled   a "disable the REST API" plugin: no routes, so 404 rest_no_route
 *   nocors     a plugin that removes WordPress's CORS headers
 *   malformed  a broken plugin that prints a PHP warning before every answer
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

// Featured images that setup.php linked to an absolute address (a bundle's
// image elsewhere) are served from there, as media-offload plugins do. All
// modes.
add_filter(
	'wp_get_attachment_url',
	function ( $url, $attachment_id ) {
		$remote = get_post_meta( $attachment_id, '_broadsheet_remote_url', true );
		return $remote ? $remote : $url;
	},
	10,
	2
);

$broadsheet_mode = isset( $_SERVER['BROADSHEET_WP_MODE'] ) ? (string) $_SERVER['BROADSHEET_WP_MODE'] : '';

switch ( $broadsheet_mode ) {
	case 'plain':
		// The "Plain" permalink setting. Everything that builds a link reads
		// this option: post links become /?p=ID and rest_url() (the API's
		// Link header, the _links in answers) becomes /index.php?rest_route=/.
		add_filter( 'pre_option_permalink_structure', '__return_empty_string' );

		// The site shares its database with the pretty one, whose stored
		// rewrite rules would still turn /wp-json/… into an API request. A
		// plain site has no rules: the only query is the query string, and a
		// path other than the front page matches nothing. Reset what the
		// rules matched and let WordPress answer that as it does any URL that
		// matches nothing: its 404 page, status 404.
		add_filter(
			'request',
			function ( $query_vars ) {
				$path = (string) parse_url( $_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH );
				if ( '/' === $path || '/index.php' === $path || isset( $_GET['rest_route'] ) ) {
					return $query_vars;
				}
				return array( 'error' => '404' );
			},
			0
		);
		break;

	case 'auth':
	case 'forbidden':
		// What "require login" plugins do: refuse every REST request before
		// it is dispatched. WordPress turns the error into its JSON error
		// body with this status, and still sends its CORS headers.
		add_filter(
			'rest_authentication_errors',
			function ( $result ) use ( $broadsheet_mode ) {
				if ( 'auth' === $broadsheet_mode ) {
					return new WP_Error( 'rest_not_logged_in', 'You are not currently logged in.', array( 'status' => 401 ) );
				}
				return new WP_Error( 'rest_forbidden', 'Sorry, you are not allowed to do that.', array( 'status' => 403 ) );
			},
			99
		);
		break;

	case 'disabled':
		// What "disable the REST API" plugins do: register no routes, so
		// every request (the index too) gets WordPress's 404 rest_no_route.
		add_filter( 'rest_endpoints', '__return_empty_array', 99 );
		break;

	case 'nocors':
		// WordPress adds its CORS headers (Access-Control-Allow-Origin and
		// friends) from rest_api_default_filters on rest_api_init; take that
		// filter off again, as security plugins do.
		add_action(
			'rest_api_init',
			function () {
				remove_filter( 'rest_pre_serve_request', 'rest_send_cors_headers' );
			},
			99
		);
		break;

	case 'malformed':
		// A broken plugin on a site that shows PHP errors: a real warning,
		// printed as HTML. PHP-FPM's output buffer holds it, so WordPress's
		// headers (status 200, CORS, totals) still go out, and the body is
		// the warning followed by the JSON.
		ini_set( 'display_errors', '1' );
		ini_set( 'html_errors', '1' );
		add_action(
			'init',
			function () {
				$settings = get_option( 'broadsheet_broken_plugin_settings' );
				// get_option() gave false: PHP 8 warns "Trying to access array
				// offset on value of type bool".
				if ( $settings['enabled'] ) {
					return;
				}
			}
		);
		break;
}
