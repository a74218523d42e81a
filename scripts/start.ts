// `npm start`: everything a fresh machine needs to serve the app. Without DATABASE_URL it starts
// the embedded PGlite database in the data folder; it fills in local secrets, applies migrations,
// builds when the source changed since the last build, and runs Next on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvFile } from "./load-env";
import { sourceFingerprint } from "./source-fingerprint";
import { dataDir, isProduction } from "@/lib/config/settings";
import { resolveSecrets, StartupError } from "@/lib/config/secrets";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

const dev = process.argv.includes("--dev");
const nextBin = path.resolve("node_modules/next/dist/bin/next");

function buildIfChanged(): void {
  const stamp = path.resolve(".next/source-fingerprint");
  const current = sourceFingerprint();
  if (existsSync(".next/BUILD_ID") && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  console.log("[start] building the app (first start or changed source)…");
  const res = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (res.status !== 0) process.exit(res.status ?? 1);
  writeFileSync(stamp, current);
}

async function main(): Promise<void> {
  loadEnvFile();
  const dir = dataDir();
  Object.assign(process.env, resolveSecrets({ env: process.env, dataDir: dir, production: isProduction() }));

  let embedded: EmbeddedPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dir: path.join(dir, "pglite") });
    process.env.DATABASE_URL = embedded.url;
    // PGlite serialises queries; a small pool avoids queueing many idle connections on it.
    process.env.DATABASE_POOL_SIZE ??= "4";
    process.env.EMBEDDED_DATABASE = "1";
    console.log(`[start] embedded database (PGlite) in ${path.join(dir, "pglite")} on port ${embedded.port}`);
  }
  // Sandbox: the platform emulator runs in this process and every provider points at it, so a
  // newcomer can connect channels and publish end to end with no platform credentials.
  let emulator: { stop: () => Promise<void> } | undefined;
  if (process.env.SANDBOX === "1") {
    const { startEmulator } = await import("@/emulator/server");
    const emu = await startEmulator({ port: Number(process.env.EMULATOR_PORT || 4400) });
    emulator = emu;
    process.env.PROVIDER_SANDBOX_URL = emu.url;
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    console.log(`[start] sandbox: platform emulator on ${emu.url} (published posts are listed there)`);
  }

  const { applied } = await migrate(process.env.DATABASE_URL, { log: (l) => console.log(`[migrate] ${l}`) });
  console.log(`[start] database ready (${applied.length} migration(s) applied now)`);

  if (!dev) buildIfChanged();
  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "0.0.0.0";
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port, "-H", host], {
    stdio: "inherit",
    env: process.env,
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A child killed by a signal has signalCode set and exitCode null: it is already gone.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await emulator?.stop();
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code, signal) => void stop(code ?? (signal ? 1 : 0)));
}

main().catch((e) => {
  console.error(e instanceof StartupError ? `[start] ${e.message}` : e);
  process.exit(1);
});
