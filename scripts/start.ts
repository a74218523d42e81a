// `npm start`: everything a fresh machine needs to serve the app. Without DATABASE_URL it starts
// the embedded PGlite database in the data folder; it fills in local secrets, applies migrations,
// builds when the source changed since the last build, and runs Next on PORT (default 3000).
// SIGTERM, SIGINT or SIGHUP stop it within a few seconds in any phase (also when the database or
// its folder is broken), and so does the end of the process that started it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { loadEnvFile } from "./load-env";
import { stopTree } from "./processes";
import { sourceFingerprint } from "./source-fingerprint";
import { dataDir, isProduction } from "@/lib/config/settings";
import { resolveSecrets, StartupError } from "@/lib/config/secrets";
import { s3ConfigProblem } from "@/lib/media/storage/s3-config";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

const dev = process.argv.includes("--dev");
const nextBin = path.resolve("node_modules/next/dist/bin/next");
// A stop never takes longer than this: the child gets CHILD_GRACE_MS to finish, each service
// SERVICE_GRACE_MS; whatever still hangs is killed.
const CHILD_GRACE_MS = 4000;
const SERVICE_GRACE_MS = 1500;
const HARD_LIMIT_MS = 9000;

// What is running now, so a stop in any phase reaches it. The build and the server stay in this
// process's group (a supervisor that kills the group with SIGKILL, as Playwright does, reaches
// them too); stopTree also stops what they started.
let child: ChildProcess | undefined;
const services: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

const withTimeout = (p: Promise<void>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`${what} did not stop within ${ms} ms`)), ms).unref()),
  ]);

function stop(code: number, why?: string): void {
  if (stopping) return;
  stopping = true;
  if (why) console.log(`[start] ${why}; stopping`);
  setTimeout(() => {
    console.error("[start] stopping took too long; exiting anyway");
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    process.exit(code || 1);
  }, HARD_LIMIT_MS).unref();
  void (async () => {
    if (child) await stopTree(child, CHILD_GRACE_MS);
    for (const s of services.reverse())
      await withTimeout(s.stop(), SERVICE_GRACE_MS, s.name).catch((e) => console.error(`[start] ${e instanceof Error ? e.message : e}`));
    process.exit(code);
  })();
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => stop(0, `${sig} received`));
// `npm start` runs this under a shell that dies on SIGTERM without passing it on: when the process
// that started us is gone (we were re-parented), stop rather than serve on as an orphan.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop(0, "the process that started this one ended");
}, 1000).unref();

/** Runs `next build`, its output relayed with the elapsed time, and a word when it goes quiet. */
async function build(): Promise<void> {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  console.log(
    "[start] building the app (first start or changed source): about a minute on 2 cores, more on a busy machine; later starts skip this",
  );
  const b = (child = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "pipe", "pipe"], env: process.env }));
  let lastOutput = Date.now();
  for (const [from, to] of [
    [b.stdout!, process.stdout],
    [b.stderr!, process.stderr],
  ] as const) {
    createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
      lastOutput = Date.now();
      to.write(`[build ${elapsed()}] ${line}\n`);
    });
  }
  const quiet = setInterval(() => {
    if (Date.now() - lastOutput < 10_000) return;
    lastOutput = Date.now();
    console.log(`[start] still building… ${elapsed()} so far`);
  }, 1000);
  const code = await new Promise<number | null>((r) => b.once("exit", (c) => r(c)));
  clearInterval(quiet);
  child = undefined;
  if (stopping) return;
  if (code !== 0) throw new StartupError(`the build failed (exit code ${code}) after ${elapsed()}; its output is above`);
  console.log(`[start] built in ${elapsed()}`);
}

async function buildIfChanged(): Promise<void> {
  const stamp = path.resolve(".next/source-fingerprint");
  const current = sourceFingerprint();
  if (existsSync(".next/BUILD_ID") && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  await build();
  if (!stopping) writeFileSync(stamp, current);
}

async function main(): Promise<void> {
  loadEnvFile();
  const dir = dataDir();
  Object.assign(process.env, resolveSecrets({ env: process.env, dataDir: dir, production: isProduction() }));
  // A half-set object store would fail every upload later; say so now.
  if (s3ConfigProblem()) throw new StartupError(s3ConfigProblem()!);

  if (!process.env.DATABASE_URL) {
    const embedded = await startEmbeddedPostgres({ dir: path.join(dir, "pglite") });
    services.push({ name: "the embedded database", stop: embedded.stop });
    if (stopping) return;
    process.env.DATABASE_URL = embedded.url;
    // PGlite serialises queries; a small pool avoids queueing many idle connections on it.
    process.env.DATABASE_POOL_SIZE ??= "4";
    process.env.EMBEDDED_DATABASE = "1";
    console.log(`[start] embedded database (PGlite) in ${path.join(dir, "pglite")} on port ${embedded.port}`);
  }
  // Sandbox: the platform emulator runs in this process and every provider points at it, so a
  // newcomer can connect channels and publish end to end with no platform credentials.
  if (process.env.SANDBOX === "1") {
    // The one place production code loads the emulator: a development tool, loaded only in
    // sandbox mode, so a normal start never brings it in.
    // eslint-disable-next-line no-restricted-syntax -- sandbox mode starts the emulator on purpose
    const { startEmulator } = await import("@/emulator/server");
    const emu = await startEmulator({ port: Number(process.env.EMULATOR_PORT || 4400) });
    services.push({ name: "the platform emulator", stop: emu.stop });
    if (stopping) return;
    process.env.PROVIDER_SANDBOX_URL = emu.url;
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    console.log(`[start] sandbox: platform emulator on ${emu.url} (published posts are listed there)`);
  }

  const { applied } = await migrate(process.env.DATABASE_URL, { log: (l) => console.log(`[migrate] ${l}`) });
  if (stopping) return;
  console.log(`[start] database ready (${applied.length} migration(s) applied now)`);

  if (!dev) await buildIfChanged();
  if (stopping) return;
  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "0.0.0.0";
  const server = (child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port, "-H", host], {
    stdio: "inherit",
    env: process.env,
  }));
  server.once("exit", (code, signal) =>
    stop(code ?? (signal ? 1 : 0), stopping ? undefined : `the server ended (${signal ?? `exit code ${code}`})`),
  );
}

main().catch((e) => {
  // A step cut short by a stop (migrations on a database being shut down) is not news.
  if (!stopping) console.error(e instanceof StartupError ? `[start] ${e.message}` : e);
  stop(1);
});
