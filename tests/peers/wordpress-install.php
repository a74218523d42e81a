<?php
// Installs WordPress from the command line with the functions the web installer uses, then makes
// what the tests need: pretty permalinks, two categories, two tags and an application password for
// the administrator. Prints one JSON line. Arguments: <WordPress dir> <admin password>.
[$script, $dir, $password] = $argv;
define('WP_INSTALLING', true);
$home = parse_url(getenv('WP_HOME_URL'));
$_SERVER['HTTP_HOST'] = $home['host'] . ':' . $home['port'];
$_SERVER['SERVER_NAME'] = $home['host'];
$_SERVER['REQUEST_URI'] = $home['path'] . '/';
require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// No mail leaves a test site (wp_install sends the "new site" e-mail).
add_filter('pre_wp_mail', '__return_false');
$installed = wp_install('Postmill test blog', 'admin', 'admin@example.test', true, '', wp_slash($password));
if (is_wp_error($installed)) {
    fwrite(STDERR, $installed->get_error_message());
    exit(1);
}
update_option('permalink_structure', '/%postname%/');
$user = get_user_by('login', 'admin');
$terms = [];
foreach ([['News', 'category'], ['Releases', 'category'], ['postmill', 'post_tag'], ['launch', 'post_tag']] as [$name, $taxonomy]) {
    $t = wp_insert_term($name, $taxonomy);
    $terms[$taxonomy === 'category' ? 'categories' : 'tags'][$name] = $t['term_id'];
}
[$appPassword] = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'postmill']);
echo json_encode(['userId' => $user->ID, 'appPassword' => $appPassword, 'terms' => $terms]), "\n";
