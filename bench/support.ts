import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

// Shared pieces of the benchmarks: a scratch database on a real Postgres, worker processes,
// memory sampling and percentiles.

/** A scratch database on the real Postgres the tests use (BENCH_ADMIN_DATABASE_URL overrides). */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.BENCH_ADMIN_DATABASE_URL) process.env.TEST_ADMIN_DATABASE_URL = process.env.BENCH_ADMIN_DATABASE_URL;
  const { ADMIN_URL, createScratchDatabase, realPostgresAvailable } = await import("@/tests/setup/databases");
  if (!(await realPostgresAvailable())) throw new Error(`The benchmark needs a real Postgres at ${ADMIN_URL} (set BENCH_ADMIN_DATABASE_URL)`);
  return createScratchDatabase("postgres", prefix);
}

export type Worker = ChildProcess & { output: () => string; ready: Promise<void> };

/** One `npm run worker` process (node --import tsx, so a SIGKILL kills exactly it). */
export function startWorker(env: Record<string, string>): Worker {
  const extra = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  // Publishing benchmarks measure publishing alone: no analytics collection in their workers.
  const child = spawn(process.execPath, [...extra, "--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, ANALYTICS_WORKER: "off", ...env }, stdio: ["ignore", "pipe", "pipe"] });
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

export async function kill(w: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  const gone = new Promise((r) => w.once("exit", r));
  w.kill(signal);
  await gone;
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
