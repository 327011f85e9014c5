<?php
/**
 * Installs the test WordPress and fills it from broadsheet bundles, with
 * WordPress's own functions (there is no wp-cli package to lean on).
 *
 *   php setup.php install CONFIG_NAME STATE_DIR
 *   php setup.php seed CONFIG_NAME BUNDLE_DIR [BUNDLE_DIR...]
 *
 * CONFIG_NAME picks /etc/wordpress/config-CONFIG_NAME.php, as nginx's
 * WORDPRESS_CONFIG does for web requests. Two commands, two processes:
 * installing needs WP_INSTALLING, which a process cannot drop afterwards and
 * which changes how options are cached while seeding.
 *
 * What seeding makes of a bundle: the first bundle's site title and
 * description; one user (role author) per author, with the byline the seed
 * site shows ("<name> is a member of <affiliation>."); its categories and
 * tags; one published post per teaser (its slug, title, body, excerpt kept
 * exactly as the bundle has it, "[…]" included, the date at 12:00 UTC (a
 * second earlier for each later teaser of the same day), the
 * first author, the categories and tags), and a featured image where the
 * teaser has one. A teaser whose slug is already a post is skipped, and so
 * is one naming an author, category or tag its bundle does not list (as
 * broadsheet itself skips it); both are reported on stderr.
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$command = $argv[1] ?? '';
$name    = $argv[2] ?? '';
if ( ! in_array( $command, array( 'install', 'seed' ), true ) || '' === $name ) {
	fwrite( STDERR, "usage: php setup.php install CONFIG_NAME STATE_DIR | seed CONFIG_NAME BUNDLE_DIR...\n" );
	exit( 2 );
}

// What Debian's wp-config.php reads to find the site's config file, and what
// WordPress expects of any request.
$_SERVER['WORDPRESS_CONFIG'] = $name;
$_SERVER['HTTP_HOST']        = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['SERVER_NAME']      = '127.0.0.1';
$_SERVER['SERVER_PORT']      = '80';
$_SERVER['REQUEST_METHOD']   = 'GET';

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
} else {
	// Skips the ping and enclosure bookkeeping a new post otherwise gets.
	define( 'WP_IMPORTING', true );
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

// No mail server here: wp_install() mails the admin, and that mail would only
// warn that sendmail is missing. No HTTP either: wp_install() asks the site
// for its first post to see whether pretty permalinks work (the servers may
// not be up yet, and we set the permalinks ourselves).
add_filter( 'pre_wp_mail', '__return_false' );
add_filter(
	'pre_http_request',
	function () {
		return new WP_Error( 'http_request_blocked', 'No HTTP while installing and seeding.' );
	}
);

function broadsheet_fail( $message ) {
	fwrite( STDERR, "setup.php: $message\n" );
	exit( 1 );
}

function broadsheet_note( $message ) {
	fwrite( STDERR, "setup.php: $message\n" );
}

function broadsheet_json( $file ) {
	$text = @file_get_contents( $file );
	if ( false === $text ) {
		return null;
	}
	$value = json_decode( $text, true );
	if ( ! is_array( $value ) ) {
		broadsheet_fail( "$file is not a JSON object" );
	}
	return $value;
}

// A featured image: an attachment for the bundle's picture, with the width,
// height, alt text and srcset sizes WordPress reports for it. A picture
// relative to the bundle is copied into uploads; one at an absolute address
// stays there: the attachment records the address, and the mu-plugin serves
// it from there, as media-offload plugins do.
function broadsheet_featured_image( $post_id, $image, $bundle, $when ) {
	$src     = (string) $image['src'];
	$remote  = (bool) preg_match( '#^https?://#', $src );
	$uploads = wp_get_upload_dir();
	$file    = $remote
		? 'broadsheet/remote/' . wp_basename( (string) parse_url( $src, PHP_URL_PATH ) )
		: 'broadsheet/' . ltrim( $src, '/' );
	$copy    = function ( $from ) use ( $bundle, $uploads ) {
		$target = $uploads['basedir'] . '/broadsheet/' . ltrim( $from, '/' );
		wp_mkdir_p( dirname( $target ) );
		if ( ! @copy( "$bundle/$from", $target ) ) {
			broadsheet_note( "$bundle: cannot copy $from into uploads" );
		}
	};
	if ( ! $remote ) {
		$copy( $src );
	}
	$type = wp_check_filetype( $file )['type'] ?: 'image/jpeg';
	$meta = array(
		'width'  => (int) ( $image['width'] ?? 0 ),
		'height' => (int) ( $image['height'] ?? 0 ),
		'file'   => $file,
		'sizes'  => array(),
	);
	// "pic-300.jpg 300w, pic-1024.jpg 1024w": each candidate becomes a size
	// named by its width (WordPress finds a size's file beside the full one).
	foreach ( explode( ',', (string) ( $image['srcset'] ?? '' ) ) as $candidate ) {
		if ( ! preg_match( '/^\s*(\S+)\s+(\d+)w\s*$/', $candidate, $m ) ) {
			continue;
		}
		$w = (int) $m[2];
		$meta['sizes'][ "w$w" ] = array(
			'file'      => wp_basename( (string) parse_url( $m[1], PHP_URL_PATH ) ),
			'width'     => $w,
			'height'    => $meta['width'] > 0 ? (int) round( $meta['height'] * $w / $meta['width'] ) : 0,
			'mime-type' => wp_check_filetype( $m[1] )['type'] ?: $type,
		);
		if ( ! $remote && ! preg_match( '#^https?://#', $m[1] ) ) {
			$copy( $m[1] );
		}
	}
	$attachment = wp_insert_attachment(
		wp_slash(
			array(
				'post_title'     => (string) ( $image['alt'] ?? '' ),
				'post_mime_type' => $type,
				'post_status'    => 'inherit',
				'post_date'      => $when,
				'post_date_gmt'  => $when,
				'guid'           => $remote ? $src : $uploads['baseurl'] . '/' . $file,
			)
		),
		$file,
		$post_id,
		true
	);
	if ( is_wp_error( $attachment ) ) {
		broadsheet_fail( "image for post $post_id: " . $attachment->get_error_message() );
	}
	if ( $remote ) {
		update_post_meta( $attachment, '_broadsheet_remote_url', wp_slash( $src ) );
	}
	update_post_meta( $attachment, '_wp_attachment_metadata', wp_slash( $meta ) );
	update_post_meta( $attachment, '_wp_attachment_image_alt', wp_slash( (string) ( $image['alt'] ?? '' ) ) );
	update_post_meta( $post_id, '_thumbnail_id', $attachment );
}

if ( 'install' === $command ) {
	$state = $argv[3] ?? '';
	if ( is_blog_installed() ) {
		exit( 0 );
	}
	// The admin is nobody's byline: with no posts it is not listed by the
	// API's users route. Its password is kept for anyone who wants to log in.
	$password = wp_generate_password( 24, false );
	$result   = wp_install( 'broadsheet test site', 'admin', 'admin@example.org', true, '', $password );
	if ( is_wp_error( $result ) ) {
		broadsheet_fail( 'wp_install: ' . $result->get_error_message() );
	}
	if ( '' !== $state ) {
		file_put_contents( "$state/admin-password", "admin $password\n" );
	}

	// What wp_install() puts there besides the admin: "Hello world!", its
	// comment, "Sample Page" and the draft privacy page. The site should hold
	// exactly the seeded posts.
	foreach ( get_posts( array( 'post_type' => array( 'post', 'page' ), 'post_status' => 'any', 'numberposts' => -1 ) ) as $post ) {
		wp_delete_post( $post->ID, true );
	}
	update_option( 'wp_page_for_privacy_policy', 0 );

	update_option( 'timezone_string', 'UTC' );
	update_option( 'gmt_offset', 0 );
	update_option( 'default_pingback_flag', 0 );
	update_option( 'default_ping_status', 'closed' );
	update_option( 'default_comment_status', 'closed' );

	// Pretty permalinks, and the rewrite rules (/wp-json/ among them) stored
	// once here so no web request has to build them.
	global $wp_rewrite;
	$wp_rewrite->set_permalink_structure( '/%postname%/' );
	$wp_rewrite->flush_rules( false );
	exit( 0 );
}

// ---- seed ----------------------------------------------------------------

global $wpdb;

// Writing a few hundred posts fast: one transaction, term counts once at
// the end, no cache invalidation per post, no revisions, and no kses: the
// posts go in as an editor allowed unfiltered HTML would write them.
wp_defer_term_counting( true );
wp_defer_comment_counting( true );
wp_suspend_cache_invalidation( true );
kses_remove_filters();
remove_action( 'post_updated', 'wp_save_post_revision' );
remove_action( 'wp_after_insert_post', 'wp_save_post_revision_on_insert' );
add_filter( 'wp_revisions_to_keep', '__return_zero' );
$wpdb->query( 'START TRANSACTION' );

$started  = microtime( true );
$posts    = 0;
$skipped  = 0;
$bundles  = array_slice( $argv, 3 );
$first    = true;

foreach ( $bundles as $bundle ) {
	$bundle = rtrim( $bundle, '/' );
	$index  = broadsheet_json( "$bundle/index.json" );
	if ( null === $index ) {
		broadsheet_fail( "$bundle/index.json: cannot read it" );
	}

	if ( $first && isset( $index['site'] ) ) {
		update_option( 'blogname', (string) ( $index['site']['title'] ?? '' ) );
		update_option( 'blogdescription', (string) ( $index['site']['description'] ?? '' ) );
	}
	$first = false;

	// Authors: users with role author, looked up by slug so a second bundle
	// naming the same author reuses the user.
	$users = array();
	foreach ( $index['authors'] ?? array() as $author ) {
		$slug = (string) $author['slug'];
		$user = get_user_by( 'slug', $slug );
		if ( $user ) {
			$users[ $slug ] = $user->ID;
			continue;
		}
		$name = (string) $author['name'];
		if ( ! empty( $author['affiliation'] ) ) {
			$description = "$name is a member of {$author['affiliation']}.";
		} else {
			$description = (string) ( $author['description'] ?? '' );
		}
		// WordPress's insert functions take slashed data, as a form posts it.
		$id = wp_insert_user(
			wp_slash( array(
				'user_login'   => $slug,
				'user_nicename' => $slug,
				'user_email'   => "$slug@example.org",
				'user_pass'    => wp_generate_password( 24, false ),
				'display_name' => $name,
				'nickname'     => $name,
				'description'  => $description,
				'role'         => 'author',
			) )
		);
		if ( is_wp_error( $id ) ) {
			broadsheet_fail( "author $slug: " . $id->get_error_message() );
		}
		$users[ $slug ] = $id;
	}

	// Categories and tags, by slug, reused when they exist.
	$terms = array(
		'category' => array(),
		'post_tag' => array(),
	);
	foreach ( array( 'categories' => 'category', 'tags' => 'post_tag' ) as $key => $taxonomy ) {
		foreach ( $index[ $key ] ?? array() as $term ) {
			$slug     = (string) $term['slug'];
			$existing = get_term_by( 'slug', $slug, $taxonomy );
			if ( $existing ) {
				$terms[ $taxonomy ][ $slug ] = (int) $existing->term_id;
				continue;
			}
			$made = wp_insert_term(
				wp_slash( (string) $term['name'] ),
				$taxonomy,
				wp_slash(
					array(
						'slug'        => $slug,
						'description' => (string) ( $term['description'] ?? '' ),
					)
				)
			);
			if ( is_wp_error( $made ) ) {
				broadsheet_fail( "$taxonomy $slug: " . $made->get_error_message() );
			}
			$terms[ $taxonomy ][ $slug ] = (int) $made['term_id'];
		}
	}

	// The index's teasers, then those of the parts it lists.
	$teasers = $index['teasers'] ?? array();
	foreach ( $index['parts'] ?? array() as $part ) {
		$more = broadsheet_json( "$bundle/$part" );
		if ( null === $more ) {
			broadsheet_fail( "$bundle/$part: cannot read it" );
		}
		$teasers = array_merge( $teasers, $more['teasers'] ?? array() );
	}

	foreach ( $teasers as $teaser ) {
		$slug = (string) ( $teaser['slug'] ?? '' );
		$date = (string) ( $teaser['date'] ?? '' );
		if ( '' === $slug || ! preg_match( '/^\d{4}-\d{2}-\d{2}$/', $date ) ) {
			broadsheet_note( "$bundle: skipped a teaser without a slug or date" );
			++$skipped;
			continue;
		}
		$exists = $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM $wpdb->posts WHERE post_name = %s AND post_type = 'post' LIMIT 1", $slug ) );
		if ( $exists ) {
			broadsheet_note( "$bundle: skipped $slug: already a post" );
			++$skipped;
			continue;
		}

		$missing = array();
		$author  = null;
		foreach ( (array) ( $teaser['authors'] ?? array() ) as $who ) {
			if ( ! isset( $users[ $who ] ) ) {
				$missing[] = "author $who";
			} elseif ( null === $author ) {
				$author = $users[ $who ];
			}
		}
		if ( null === $author && ! $missing ) {
			broadsheet_note( "$bundle: skipped $slug: it names no author" );
			++$skipped;
			continue;
		}
		$ids = array(
			'category' => array(),
			'post_tag' => array(),
		);
		foreach ( array( 'categories' => 'category', 'tags' => 'post_tag' ) as $key => $taxonomy ) {
			foreach ( (array) ( $teaser[ $key ] ?? array() ) as $term ) {
				if ( isset( $terms[ $taxonomy ][ $term ] ) ) {
					$ids[ $taxonomy ][] = $terms[ $taxonomy ][ $term ];
				} else {
					$missing[] = "$key $term";
				}
			}
		}
		if ( $missing ) {
			broadsheet_note( "$bundle: skipped $slug: its bundle lists no " . implode( ', ', $missing ) );
			++$skipped;
			continue;
		}

		$article = broadsheet_json( "$bundle/articles/$slug.json" );
		if ( null === $article ) {
			broadsheet_note( "$bundle: $slug has no articles/$slug.json: its post has no body" );
		}
		$body = (string) ( $article['article']['body_html'] ?? '' );

		// Newest first within a day, as the bundle lists them: a second
		// earlier for each later teaser of the same day, so that WordPress,
		// which orders by date alone, pages through them the same way every
		// time.
		$same_day          = ( $same_day_seen[ $date ] ?? 0 );
		$same_day_seen[ $date ] = $same_day + 1;
		$when              = gmdate( 'Y-m-d H:i:s', strtotime( "$date 12:00:00 UTC" ) - $same_day );
		$id   = wp_insert_post(
			wp_slash(
				array(
					'post_type'      => 'post',
					'post_status'    => 'publish',
					'post_name'      => $slug,
					'post_title'     => (string) $teaser['title'],
					'post_content'   => $body,
					'post_excerpt'   => (string) ( $teaser['excerpt'] ?? '' ),
					'post_date'      => $when,
					'post_date_gmt'  => $when,
					'post_author'    => $author,
					'comment_status' => 'closed',
					'ping_status'    => 'closed',
				)
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			broadsheet_fail( "post $slug: " . $id->get_error_message() );
		}
		// A teaser with no categories stays where WordPress files such a
		// post: under the default category, Uncategorized.
		if ( $ids['category'] ) {
			wp_set_object_terms( $id, $ids['category'], 'category' );
		}
		wp_set_object_terms( $id, $ids['post_tag'], 'post_tag' );

		if ( ! empty( $teaser['image']['src'] ) ) {
			broadsheet_featured_image( $id, $teaser['image'], $bundle, $when );
		}
		++$posts;
	}
}

$wpdb->query( 'COMMIT' );
wp_suspend_cache_invalidation( false );
wp_defer_term_counting( false );
wp_defer_comment_counting( false );
// Counts of every term, including ones this run did not touch but an
// earlier bundle's posts use.
foreach ( array( 'category', 'post_tag' ) as $taxonomy ) {
	$all = get_terms( array( 'taxonomy' => $taxonomy, 'hide_empty' => false, 'fields' => 'tt_ids' ) );
	wp_update_term_count_now( $all, $taxonomy );
}

printf( "seeded %d posts (%d skipped) in %.1f s\n", $posts, $skipped, microtime( true ) - $started );
