// `npm test`: the whole suite. Typecheck, lint, unit + integration tests (vitest; real Postgres at
// 127.0.0.1:5432 when it runs, else embedded PGlite), then browser tests (Playwright, Debian's
// Chromium, against `npm start`). Ends with one line: "N passed, N failed[, N skipped]".
// `npm test -- unit` or `npm test -- e2e` runs one part; `npm test -- e2e <spec or Playwright args>`
// runs only those browser tests.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import { portFromEnv } from "./free-port.mjs";

const only = process.argv[2];
const env = { ...process.env, TZ: "UTC", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const totals = { passed: 0, failed: 0, skipped: 0 };
mkdirSync(".tmp", { recursive: true });

// The step running now runs in a process group of its own (npx starts it under a shell that
// would die on SIGTERM without passing it on). SIGINT, SIGTERM or SIGHUP to this process becomes
// SIGINT to that whole group, as Ctrl-C would send (Playwright stops its web server on SIGINT, but
// on SIGTERM dies leaving it running), SIGKILL 15 s later; the run ends once the step has, so
// nothing outlives it; later steps are skipped, and clean-up (the browser tests' database) runs.
// Steps read no input: a process group other than the terminal's must not.
let current;
let interrupted = false;
const signalStep = (sig) => {
  try {
    process.kill(-current.pid, sig);
  } catch {
    /* already gone */
  }
};
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the test run`);
    if (interrupted || !current) process.exit(1);
    interrupted = true;
    totals.failed += 1;
    signalStep("SIGINT");
    setTimeout(() => current && signalStep("SIGKILL"), 15_000).unref();
  });
}

function run(cmd, args, extraEnv = {}, { quiet = false } = {}) {
  if (interrupted) return Promise.resolve(1);
  if (!quiet) console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    current = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], detached: true, env: { ...env, ...extraEnv } });
    current.once("error", () => resolve(1));
    current.once("exit", (code) => {
      current = undefined;
      resolve(code ?? 1);
    });
  });
}

async function check(name, cmd, args) {
  const ok = (await run(cmd, args)) === 0;
  totals[ok ? "passed" : "failed"] += 1;
  console.log(`${ok ? "✓" : "✗"} ${name}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function postgresAvailable() {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function adminQuery(sql) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(path)) return true;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt) {
    console.log("Chromium is missing; installing Debian's chromium package for the browser tests…");
    await run("sh", ["-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-liberation"]);
  }
  if (existsSync(path)) return true;
  console.error(
    `\nThe browser tests need Chromium at ${path}. Install it with:\n  sudo apt-get install -y chromium fonts-liberation\n` +
      "or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  );
  return false;
}

// The real WordPress the integration tests start (tests/peers/wordpress.ts) is Debian's package
// run by PHP's CLI server against the machine's MariaDB. Installed here once (about 35 s), as root
// with apt; skipped when PHP and WordPress are already there. Elsewhere the test says why it skips.
const WORDPRESS_PACKAGES = ["wordpress", "php-cli", "php-mysql", "php-curl", "php-gd", "php-xml", "php-mbstring"];
async function ensureWordpress() {
  const hasPhp = (await run("sh", ["-c", "command -v php >/dev/null"], {}, { quiet: true })) === 0;
  if (hasPhp && existsSync("/usr/share/wordpress/wp-settings.php")) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    console.error(`\nThe WordPress integration test needs PHP and WordPress: sudo apt-get install -y ${WORDPRESS_PACKAGES.join(" ")}`);
    return;
  }
  const started = Date.now();
  console.log("PHP or WordPress is missing; installing Debian's packages for the WordPress integration test…");
  const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${WORDPRESS_PACKAGES.join(" ")}`;
  // An outdated package list is refreshed only when the install cannot find a package.
  if ((await run("sh", ["-c", install])) !== 0) await run("sh", ["-c", `apt-get update -q && ${install}`]);
  console.log(`WordPress packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

// Real platform servers (Bluesky PDS, an OAuth server) live in their own package so they never
// enter the production install.
// Reinstalled whenever their lockfile changes (a stamp of its hash sits in node_modules).
async function installPeers() {
  const hash = createHash("sha256").update(readFileSync("tests/peers/package-lock.json")).digest("hex");
  const stamp = "tests/peers/node_modules/.postmill-lock-hash";
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  if ((await run("npm", ["ci", "--prefix", "tests/peers", "--no-audit", "--no-fund"])) === 0) writeFileSync(stamp, hash);
}

async function unitAndIntegration() {
  await installPeers();
  await ensureWordpress();
  await check("typecheck", "npx", ["tsc", "--noEmit"]);
  await check("lint", "npx", ["eslint", "--max-warnings", "0", "."]);
  // One formatter (Prettier, .prettierrc.json): `npm run format` rewrites, this only checks.
  await check("format", "npx", ["prettier", "--check", "--log-level", "warn", "**/*.{ts,tsx,mjs,cjs,css}"]);
  rmSync(".tmp/vitest.json", { force: true });
  // Vitest runs one file at a time on 2 cores by default (cores − 1). On real Postgres every
  // integration file has a database of its own (tests/setup/env.ts), so two run side by side: most
  // of a file's time is spent waiting on servers and sockets, and one file's start-up (spawn, import)
  // overlaps the other's tests. PGlite is one shared in-process database: one file at a time there.
  const workers = process.env.VITEST_MAX_WORKERS ?? ((await postgresAvailable()) ? "2" : "");
  await run("npx", [
    "vitest",
    "run",
    ...(workers ? [`--maxWorkers=${workers}`] : []),
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=.tmp/vitest.json",
  ]);
  const v = readJson(".tmp/vitest.json");
  if (!v) totals.failed += 1;
  else {
    totals.passed += v.numPassedTests;
    // A file that failed without a failing test (a broken import or beforeAll) counts as one failure,
    // not as skipped tests.
    totals.failed +=
      v.numFailedTests +
      (v.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
    totals.skipped += v.numPendingTests + v.numTodoTests;
  }
}

async function browser() {
  if (!(await ensureChromium())) {
    totals.failed += 1;
    return;
  }
  let e2eDb;
  if (await postgresAvailable()) {
    e2eDb = `postmill_e2e_${Date.now().toString(36)}`;
    await adminQuery(`CREATE DATABASE ${e2eDb}`);
  } else if (process.env.CI) {
    console.error("CI must run the browser tests on real Postgres, but it is not reachable at " + ADMIN_URL);
    totals.failed += 1;
    return;
  }
  const url = new URL(ADMIN_URL);
  if (e2eDb) url.pathname = `/${e2eDb}`;
  rmSync(".tmp/playwright.json", { force: true });
  // The app and its platform emulator listen on ports nothing else uses now (E2E_PORT and
  // E2E_EMULATOR_PORT choose them instead), so the run works beside anything on 3100 or 3400.
  const appPort = await portFromEnv(process.env, "E2E_PORT");
  const emulatorPort = await portFromEnv(process.env, "E2E_EMULATOR_PORT", [appPort]);
  console.log(`Browser tests: the app on port ${appPort}, its platform emulator on ${emulatorPort}`);
  const ports = { E2E_PORT: String(appPort), E2E_EMULATOR_PORT: String(emulatorPort) };
  rmSync(`.tmp/e2e-data-${appPort}`, { recursive: true, force: true });
  try {
    await run("npx", ["playwright", "test", ...process.argv.slice(3)], {
      ...ports,
      ...(e2eDb ? { E2E_DATABASE_URL: url.toString() } : {}),
    });
  } finally {
    if (e2eDb) await adminQuery(`DROP DATABASE IF EXISTS ${e2eDb} WITH (FORCE)`).catch(() => {});
  }
  const p = readJson(".tmp/playwright.json");
  if (!p) totals.failed += 1;
  else {
    totals.passed += p.stats.expected + p.stats.flaky;
    totals.failed += p.stats.unexpected + (p.errors?.length ?? 0);
    totals.skipped += p.stats.skipped;
  }
}

if (only !== "e2e") await unitAndIntegration();
if (only !== "unit") await browser();
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
console.log(`\n${line}`);
process.exit(totals.failed > 0 ? 1 : 0);
