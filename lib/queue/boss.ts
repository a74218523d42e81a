import "server-only";
import { randomUUID } from "node:crypto";
import { PgBoss, fromPrisma } from "pg-boss";
import type { Tx } from "@/lib/db/client";
import { allProviders } from "@/providers/registry";
import type { SocialProvider } from "@/providers/social.integrations.interface";

// pg-boss lives in the app's own database (schema "pgboss"), so a job is enqueued in the same
// transaction that writes the post rows: both commit or neither does. One queue per publishing
// group keeps a busy platform from holding up the others.

const holder = globalThis as unknown as { __boss?: Promise<PgBoss> };

export const PUBLISH_QUEUE_PREFIX = "publish.";
export const PUBLISH_CHANNEL = "postmill_publish";

export function publishGroupOf(p: Pick<SocialProvider, "identifier" | "concurrencyGroup">): string {
  return p.concurrencyGroup ?? p.identifier;
}

export const publishQueue = (group: string) => `${PUBLISH_QUEUE_PREFIX}${group}`;

/** Every publishing group with its global concurrency limit (the smallest limit of its providers). */
export function publishGroups(): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of allProviders()) {
    const g = publishGroupOf(p);
    out.set(g, Math.min(out.get(g) ?? Infinity, p.maxConcurrentJob));
  }
  return out;
}

async function create(url: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: Number(process.env.QUEUE_POOL_SIZE || 4),
    // Wakes workers the moment a "post now" job is created; polling stays on as the floor.
    useListenNotify: process.env.EMBEDDED_DATABASE !== "1",
    schedule: false,
    superviseIntervalSeconds: 60,
  });
  boss.on("error", (e) => console.error("[queue]", e.message));
  await boss.start();
  for (const g of publishGroups().keys()) {
    await boss.createQueue(publishQueue(g), {
      notify: true,
      // Retries are the engine's own decision (it knows what is safe to repeat); a pg-boss retry
      // of a job whose worker died is harmless because claiming a target is atomic.
      retryLimit: 1,
      retryDelay: 30,
      expireInSeconds: 15 * 60,
      deleteAfterSeconds: 7 * 24 * 3600,
    });
  }
  return boss;
}

/** The process's pg-boss instance, started (and its schema migrated) on first use. */
export function getBoss(url = process.env.DATABASE_URL): Promise<PgBoss> {
  if (!url) throw new Error("DATABASE_URL is not set");
  holder.__boss ??= create(url).catch((e) => {
    holder.__boss = undefined;
    throw e;
  });
  return holder.__boss;
}

export async function stopBoss(): Promise<void> {
  const p = holder.__boss;
  holder.__boss = undefined;
  if (p) await (await p).stop({ graceful: true, timeout: 5_000 }).catch(() => undefined);
}

/**
 * Jobs are created for targets due within this horizon only. The post rows are the schedule; the
 * queue holds the work that is close. That keeps fetching due work as fast with 100,000 posts
 * scheduled for next year as with ten (pg-boss scans deferred jobs when it fetches), and the
 * sweep (lib/publishing/sweep.ts) creates each job as its target enters the horizon.
 */
export function enqueueHorizonMs(): number {
  const m = Number(process.env.PUBLISH_ENQUEUE_HORIZON_MINUTES);
  return (Number.isFinite(m) && m > 0 ? m : 15) * 60_000;
}

/**
 * Enqueues a target's publish job inside the caller's transaction and returns the job id, or
 * null when the target is due beyond the horizon (the sweep enqueues it later).
 */
export async function enqueueTarget(tx: Tx, target: { id: string; publishGroup: string; dueAt: Date }): Promise<string | null> {
  if (target.dueAt.getTime() - Date.now() > enqueueHorizonMs()) return null;
  const boss = await getBoss();
  const id = await boss.send(
    publishQueue(target.publishGroup),
    { targetId: target.id },
    { startAfter: target.dueAt, db: fromPrisma(tx as never) },
  );
  // Tells every worker process (on commit) when something new is due, so a post scheduled in
  // one process is published on time by another without waiting for its next look.
  await tx.$queryRaw`SELECT pg_notify(${PUBLISH_CHANNEL}, ${target.dueAt.toISOString()})::text`;
  return id;
}

export async function cancelJob(tx: Tx, target: { publishGroup: string; jobId: string | null }): Promise<void> {
  if (!target.jobId) return;
  const boss = await getBoss();
  await boss.cancel(publishQueue(target.publishGroup), target.jobId, { db: fromPrisma(tx as never) });
}

/**
 * enqueueTarget for many targets in one statement per publishing group (the CSV import): the job
 * ids are chosen here so the caller can store each on its target in the same transaction. Targets
 * due beyond the horizon get none (the sweep enqueues them later).
 */
export async function enqueueTargets(tx: Tx, targets: { id: string; publishGroup: string; dueAt: Date }[]): Promise<Map<string, string>> {
  const horizon = Date.now() + enqueueHorizonMs();
  const due = targets.filter((t) => t.dueAt.getTime() <= horizon);
  const ids = new Map<string, string>();
  if (!due.length) return ids;
  const boss = await getBoss();
  const groups = new Map<string, typeof due>();
  for (const t of due) {
    const members = groups.get(t.publishGroup);
    if (members) members.push(t);
    else groups.set(t.publishGroup, [t]);
  }
  for (const [group, members] of groups) {
    const jobs = members.map((t) => {
      const id = randomUUID();
      ids.set(t.id, id);
      return { id, data: { targetId: t.id }, startAfter: t.dueAt };
    });
    await boss.insert(publishQueue(group), jobs, { db: fromPrisma(tx as never) });
  }
  const first = new Date(due.reduce((min, t) => Math.min(min, t.dueAt.getTime()), Infinity));
  await tx.$queryRaw`SELECT pg_notify(${PUBLISH_CHANNEL}, ${first.toISOString()})::text`;
  return ids;
}
