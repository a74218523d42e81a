import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { OrgContext } from "@/lib/orgs/context";
import { SERVER_NODE_ARGS, spawnInGroup } from "@/scripts/processes";

type Db = typeof import("@/lib/db/client").db;

// Shared pieces of the benchmarks: a scratch database on a real Postgres, worker processes,
// memory sampling and percentiles.

/** A scratch database on the real Postgres the tests use (BENCH_ADMIN_DATABASE_URL overrides). */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.BENCH_ADMIN_DATABASE_URL) process.env.TEST_ADMIN_DATABASE_URL = process.env.BENCH_ADMIN_DATABASE_URL;
  const { ADMIN_URL, createScratchDatabase, realPostgresAvailable } = await import("@/tests/setup/databases");
  if (!(await realPostgresAvailable()))
    throw new Error(`The benchmark needs a real Postgres at ${ADMIN_URL} (set BENCH_ADMIN_DATABASE_URL)`);
  return createScratchDatabase("postgres", prefix);
}

/**
 * A migrated scratch database with one signed-up owner, for benchmarks of an organization's data:
 * `run` gets the Prisma client and the owner's context; the database is dropped afterwards.
 */
export async function withBenchOrganization(
  prefix: string,
  run: (db: Db, ctx: OrgContext, owner: { email: string; password: string; databaseUrl: string }) => Promise<void>,
): Promise<void> {
  const database = await scratchDatabase(prefix);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("hex"),
  });
  const { migrate } = await import("@/lib/db/migrate");
  const { db } = await import("@/lib/db/client");
  const { closeSqlPool } = await import("@/lib/db/pool");
  try {
    await migrate(database.url);
    const { signUp } = await import("@/lib/auth/sign-up");
    const { contextFor } = await import("@/lib/orgs/context");
    const owner = {
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      password: "correct horse battery",
      databaseUrl: database.url,
    };
    const { userId, organizationId } = await signUp({ name: "Bench", email: owner.email, password: owner.password });
    await run(db, contextFor(userId, organizationId, "owner"), owner);
  } finally {
    await closeSqlPool();
    await db.$disconnect();
    await database.drop();
  }
}

/** `count` active channels, ids 'ch1'…'chN', spread over the five platforms. */
export async function seedChannels(db: Db, organizationId: string, count: number): Promise<void> {
  const providers = ["x", "mastodon", "bluesky", "linkedin", "linkedin-page"];
  await db.$executeRaw`
    INSERT INTO integrations (id, organization_id, provider, internal_id, name, status, updated_at)
    SELECT 'ch' || g, ${organizationId}, (${providers}::text[])[1 + g % 5], 'acct' || g, 'Channel ' || g, 'active', now()
    FROM generate_series(1, ${count}::int) g`;
}

export type Worker = ChildProcess & { output: () => string; ready: Promise<void> };

/**
 * One `npm run worker` process (node --import tsx, so a SIGKILL kills exactly it), in a process
 * group of its own that is stopped however the benchmark ends.
 */
export function startWorker(env: Record<string, string>): Worker {
  const extra = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // Publishing benchmarks measure publishing alone: no analytics collection in their workers.
  const child = spawnInGroup(process.execPath, [...extra, ...SERVER_NODE_ARGS, "scripts/worker.ts"], {
    env: { ...process.env, ANALYTICS_WORKER: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes("publishing")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
  ready.catch(() => undefined);
  return Object.assign(child, { output: () => out, ready });
}

/** Sends the signal and waits for the exit; a worker still finishing after 60 s is killed. */
export async function kill(w: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  const gone = new Promise((r) => w.once("exit", r));
  w.kill(signal);
  const force = setTimeout(() => w.kill("SIGKILL"), 60_000);
  await gone;
  clearTimeout(force);
}

/** Peak resident memory of a process, sampled every 50 ms until stopped. */
export function sampleRss(pid: number): { stop: () => number } {
  let peak = 0;
  const read = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      /* the process is gone */
    }
  };
  read();
  const t = setInterval(read, 50);
  return { stop: () => (clearInterval(t), read(), Math.round(peak / 1024)) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
