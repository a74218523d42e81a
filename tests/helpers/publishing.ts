import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, inject } from "vitest";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { closeSqlPool } from "@/lib/db/pool";
import { stopBoss } from "@/lib/queue/boss";
import { SERVER_NODE_ARGS, spawnInGroup } from "@/scripts/processes";
import { createScratchDatabase, type ScratchDb } from "../setup/databases";

// Publishing tests run workers that take every due job in their database, so each such test file
// gets a database of its own: another file's posts must not reach this file's emulator.

export const FAST_ENGINE = {
  PUBLISH_LEASE_MS: "2000",
  PUBLISH_SWEEP_MS: "500",
  PUBLISH_RETRY_BASE_MS: "200",
  PUBLISH_RETRY_MAX_MS: "2000",
  PUBLISH_IDLE_POLL_MS: "1000",
  PROVIDER_TIMEOUT_MS: "1500",
  // Publishing tests count platform calls; analytics collection (tested on its own) would add some.
  ANALYTICS_WORKER: "off",
};

export function ownDatabase(): { url: () => string } {
  let scratch: ScratchDb;
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("databaseKind"), "postmill_pub");
    await migrate(scratch.url);
    process.env.DATABASE_URL = scratch.url;
    Object.assign(process.env, FAST_ENGINE);
  }, 60_000);
  afterAll(async () => {
    await stopBoss();
    await closeSqlPool();
    await db.$disconnect();
    await scratch?.drop();
  }, 60_000);
  return { url: () => scratch.url };
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The targets of a post once none is scheduled or publishing any more. */
export function settled(postId: string, timeoutMs?: number) {
  return waitFor(
    `post ${postId} to settle`,
    async () => {
      const targets = await db.postTarget.findMany({ where: { postId }, include: { integration: true }, orderBy: { createdAt: "asc" } });
      return targets.every((t) => t.status !== "scheduled" && t.status !== "publishing") && targets;
    },
    timeoutMs,
  );
}

/** A separate `npm run worker` process on the given database, pointed at the emulator. */
export function spawnWorker(
  databaseUrl: string,
  emulatorUrl: string,
  extraEnv: Record<string, string> = {},
): ChildProcess & { output: () => string } {
  // `node --import tsx` keeps the worker in one process, so SIGKILL really kills it (the tsx
  // command line runs the script in a child that would outlive its parent).
  // Its own process group, stopped when the test process ends if a test did not stop it.
  const child = spawnInGroup(process.execPath, [...SERVER_NODE_ARGS, "scripts/worker.ts"], {
    env: {
      ...process.env,
      ...FAST_ENGINE,
      DATABASE_URL: databaseUrl,
      PROVIDER_SANDBOX_URL: emulatorUrl,
      ALLOW_PRIVATE_NETWORK: "1",
      DATA_DIR: ".tmp/worker-data",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

export async function workerReady(w: ReturnType<typeof spawnWorker>, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    "worker to start",
    async () => {
      if (w.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
      return w.output().includes("publishing");
    },
    timeoutMs,
  );
}

/** Sends the signal and waits for the exit; a worker still finishing after 30 s is killed. */
export async function stopWorker(w: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  const exited = new Promise((r) => w.once("exit", r));
  w.kill(signal);
  const force = setTimeout(() => w.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(force);
}
