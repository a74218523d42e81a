import { spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnInGroup, stopGroup } from "../../scripts/processes";
import { freePort } from "../../scripts/free-port.mjs";

// A real WordPress for integration tests (../shared/design/peers.md §3): Debian's package copied
// into a temp directory and served under a sub-path (/blog, as many self-hosted sites are) by
// `php -S`, its tables in a scratch database on the machine's MariaDB (127.0.0.1:3306, root
// without a password), installed from PHP CLI with the web installer's own functions. stop()
// ends the server and drops the database and the directory, on every path: a failed start cleans
// up before throwing, and an exiting test process drops what is left.

export const WORDPRESS_DIR = process.env.WORDPRESS_DIR ?? "/usr/share/wordpress";
const MARIADB = { host: process.env.WORDPRESS_DB_HOST ?? "127.0.0.1", port: Number(process.env.WORDPRESS_DB_PORT ?? 3306), user: "root" };
const SUBPATH = "/blog";
const STATIC_ASSETS = ["wp-includes/js", "wp-includes/css", "wp-includes/images", "wp-includes/fonts", "wp-admin/js", "wp-admin/css", "wp-admin/images"];
const ROUTER = fileURLToPath(new URL("./wordpress-router.php", import.meta.url));
const INSTALLER = fileURLToPath(new URL("./wordpress-install.php", import.meta.url));

export type WordpressPeer = {
  /** The site's address, with its sub-path: http://127.0.0.1:<port>/blog */
  siteUrl: string;
  username: string;
  /** The administrator's login password (not usable for the REST API). */
  password: string;
  /** An application password for the administrator, as WordPress shows it (groups of four). */
  appPassword: string;
  /** Term ids made by the installer, by name. */
  terms: { categories: Record<string, number>; tags: Record<string, number> };
  database: string;
  /** Milliseconds each start-up step took (copy, database, install, server), for the test log. */
  timings: Record<string, number>;
  /** Switches the site's permalinks: "" is WordPress's plain ?p=123 links (the API then only at ?rest_route=). */
  setPermalinks(structure: string): void;
  /** A REST call as the administrator (application password), parsed. Throws with WordPress's answer on failure. */
  rest<T = Record<string, unknown>>(route: string, init?: RequestInit): Promise<T>;
  stop(): Promise<void>;
};

/** Why a WordPress cannot be started here (PHP or the package missing), or undefined when it can. */
export function wordpressMissing(): string | undefined {
  if (spawnSync("php", ["-v"], { stdio: "ignore" }).status !== 0)
    return "PHP is not installed (`npm test` installs it: apt-get install wordpress php-cli php-mysql php-curl php-gd php-xml php-mbstring)";
  if (!existsSync(path.join(WORDPRESS_DIR, "wp-settings.php"))) return `WordPress is not installed at ${WORDPRESS_DIR} (Debian's wordpress package)`;
  return undefined;
}

/** One SQL statement on the MariaDB server, through PHP's mysqli (PHP is needed anyway; no client library here). */
function sql(statement: string): void {
  const code = `$db = new mysqli(getenv('H'), 'root', '', '', (int) getenv('P')); $db->query(getenv('Q')) or exit(1);`;
  const r = spawnSync("php", ["-r", code], {
    env: { ...process.env, H: MARIADB.host, P: String(MARIADB.port), Q: statement },
    encoding: "utf8",
    timeout: 15_000,
  });
  if (r.status !== 0)
    throw new Error(`MariaDB at ${MARIADB.host}:${MARIADB.port} (root, no password) refused "${statement}": ${r.stderr || r.stdout}`);
}

const salt = () => randomBytes(32).toString("base64");

function wpConfig(o: { database: string; home: string; contentDir: string }): string {
  const defines: Record<string, string | boolean> = {
    DB_NAME: o.database,
    DB_USER: MARIADB.user,
    DB_PASSWORD: "",
    DB_HOST: `${MARIADB.host}:${MARIADB.port}`,
    DB_CHARSET: "utf8mb4",
    DB_COLLATE: "",
    WP_HOME: o.home,
    WP_SITEURL: o.home,
    WP_CONTENT_DIR: o.contentDir,
    WP_CONTENT_URL: `${o.home}/wp-content`,
    // Application passwords are offered only over https, or on a site that says it is local.
    WP_ENVIRONMENT_TYPE: "local",
    DISABLE_WP_CRON: true,
    WP_HTTP_BLOCK_EXTERNAL: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    WP_DEBUG: false,
    ...Object.fromEntries(
      ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"].map((k) => [
        k,
        salt(),
      ]),
    ),
  };
  const lines = Object.entries(defines).map(([k, v]) => `define(${JSON.stringify(k)}, ${typeof v === "boolean" ? String(v) : phpString(v)});`);
  return `<?php\n${lines.join("\n")}\n$table_prefix = 'wp_';\nif (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');\nrequire_once ABSPATH . 'wp-settings.php';\n`;
}

const phpString = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

export async function startWordpress(opts: { timeoutMs?: number } = {}): Promise<WordpressPeer> {
  const missing = wordpressMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(path.join(tmpdir(), "postmill-wp-"));
  const docroot = path.join(dir, "www");
  const site = path.join(docroot, SUBPATH.slice(1));
  const database = `postmill_wp_${randomBytes(6).toString("hex")}`;
  let server: ChildProcess | undefined;
  let dropped = false;
  const dropSync = () => {
    if (dropped) return;
    dropped = true;
    try {
      sql(`DROP DATABASE IF EXISTS ${database}`);
    } catch {
      /* the server is gone: nothing to drop */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends without stop() (a crash, Ctrl-C) still drops the database; the
  // server's process group is stopped by spawnInGroup's own exit and signal handlers. A signal is
  // passed on by whichever handler runs last, as if none had been installed.
  const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onSignal = (sig: NodeJS.Signals) => {
    dropSync();
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  process.once("exit", dropSync);
  for (const sig of SIGNALS) process.once(sig, onSignal);
  const stop = async () => {
    if (server) await stopGroup(server, 3000);
    dropSync();
    process.removeListener("exit", dropSync);
    for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  };

  const timings: Record<string, number> = {};
  let mark = Date.now();
  const step = (name: string) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };
  try {
    // The package's own wp-config.php reads /etc/wordpress; the copy gets its own, and its own
    // wp-content (uploads land there, never in /var/lib/wordpress).
    // Browser assets (scripts, styles, images: over half the bytes) are linked, not copied: PHP
    // never runs them, so they cannot make WordPress look for its config in the package. tar copies
    // the rest several times faster than a file-by-file copy.
    mkdirSync(site, { recursive: true });
    const excludes = STATIC_ASSETS.map((d) => `--exclude=./${d}`).join(" ");
    const copied = spawnSync("sh", ["-c", `tar -C "$SRC" -c ${excludes} . | tar -C "$DEST" -x`], {
      env: { ...process.env, SRC: WORDPRESS_DIR, DEST: site },
      encoding: "utf8",
    });
    if (copied.status !== 0) throw new Error(`Copying ${WORDPRESS_DIR} failed: ${copied.stderr}`);
    for (const d of STATIC_ASSETS) if (existsSync(path.join(WORDPRESS_DIR, d))) symlinkSync(path.join(WORDPRESS_DIR, d), path.join(site, d));
    rmSync(path.join(site, ".htaccess"), { force: true });
    rmSync(path.join(site, "wp-config.php"), { force: true });
    mkdirSync(path.join(site, "wp-content", "uploads"), { recursive: true });
    step("copy");
    const port = await freePort();
    const home = `http://127.0.0.1:${port}${SUBPATH}`;
    writeFileSync(path.join(site, "wp-config.php"), wpConfig({ database, home, contentDir: path.join(site, "wp-content") }));
    sql(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    step("database");

    // A login password unlike an application password (24 letters and digits), as people choose them.
    const password = `Login-${randomBytes(9).toString("base64url")}!`;
    const installed = spawnSync("php", [INSTALLER, site, password], { env: { ...process.env, WP_HOME_URL: home }, encoding: "utf8", timeout: 60_000 });
    const line = installed.stdout.trim().split("\n").pop() ?? "";
    if (installed.status !== 0 || !line.startsWith("{"))
      throw new Error(`Installing WordPress failed (exit ${installed.status}):\n${installed.stderr}\n${installed.stdout}`);
    const info = JSON.parse(line) as { appPassword: string; terms: WordpressPeer["terms"] };
    step("install");

    let stderr = "";
    server = spawnInGroup("php", ["-d", "upload_max_filesize=64M", "-d", "post_max_size=64M", "-S", `127.0.0.1:${port}`, "-t", docroot, ROUTER], {
      env: { ...process.env, WP_SUBPATH: SUBPATH, PHP_CLI_SERVER_WORKERS: "2" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    server.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
    for (;;) {
      const ok = await fetch(`${home}/wp-json/`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`WordPress's php -S did not answer on ${home}:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    step("server");

    const auth = `Basic ${Buffer.from(`admin:${info.appPassword}`).toString("base64")}`;
    return {
      siteUrl: home,
      username: "admin",
      password,
      appPassword: info.appPassword,
      terms: info.terms,
      database,
      timings,
      setPermalinks(structure: string) {
        const code = "$_SERVER['HTTP_HOST'] = '127.0.0.1'; require getenv('WP_DIR') . '/wp-load.php'; update_option('permalink_structure', getenv('S'));";
        const r = spawnSync("php", ["-r", code], { env: { ...process.env, WP_DIR: site, S: structure }, encoding: "utf8", timeout: 30_000 });
        if (r.status !== 0) throw new Error(`Setting the permalinks failed: ${r.stderr || r.stdout}`);
      },
      async rest<T>(route: string, init: RequestInit = {}) {
        const headers = new Headers(init.headers);
        headers.set("authorization", auth);
        const res = await fetch(`${home}/wp-json${route}`, { ...init, headers });
        const text = await res.text();
        if (!res.ok) throw new Error(`${route} answered ${res.status}: ${text}`);
        return JSON.parse(text) as T;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
