<?php
// Router for `php -S`: WordPress lives under a sub-path of the document root (as on a site served
// at https://example.com/blog). Existing files are served as they are (PHP files run); any other
// path under the sub-path runs WordPress's front controller, as Apache's rewrite rules would, so
// pretty permalinks and /wp-json/ work.
$prefix = getenv('WP_SUBPATH') ?: '';
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/' && is_file($root . $path)) {
    return false;
}
if ($prefix !== '' && strpos($path, $prefix) !== 0) {
    http_response_code(404);
    echo 'Not found';
    return true;
}
$_SERVER['SCRIPT_NAME'] = $prefix . '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . $prefix . '/index.php';
$_SERVER['PHP_SELF'] = $_SERVER['SCRIPT_NAME'];
chdir($root . $prefix);
require $root . $prefix . '/index.php';
