import "server-only";
import type { PgBoss } from "pg-boss";
import { sql } from "@/lib/db/pool";
import { getBoss, publishGroupOf, publishGroups } from "@/lib/queue/boss";
import { getProvider } from "@/providers/registry";
import { runCollection } from "./run";
import { analyticsProviders } from "@/lib/queue/collection-request";
import { setCollection } from "./state";
import { withPlatformSlot } from "./slots";
import { analyticsWake } from "@/lib/queue/analytics-wake";

// The analytics scheduler and worker. A sweep (every ANALYTICS_SWEEP_MS, and at once when a
// connect or "refresh now" asks) marks every active channel whose platform has analytics as due
// once per UTC day, recovers collections whose worker died, and queues one pg-boss job per due
// channel. A job runs while holding one of its platform's concurrency places; when all are taken,
// or the platform rate-limits us, the job is sent again for later instead of sleeping.

export const ANALYTICS_QUEUE = "analytics.collect";
const BUSY_RETRY_SECONDS = 5;
type Job = { channelId: string };

/** Queues every due collection; returns how many jobs were sent. Safe to run in many processes at once. */
export async function analyticsSweep(boss: PgBoss): Promise<number> {
  const capable = analyticsProviders();
  await sql(
    `INSERT INTO analytics_collections (integration_id, organization_id, state)
     SELECT id, organization_id, 'pending' FROM integrations WHERE status = 'active' AND provider = ANY($1::text[])
     ON CONFLICT (integration_id) DO NOTHING`,
    [capable],
  );
  // Daily: anything not attempted yet today (UTC). Stale: a queued or running collection whose
  // worker is gone, or a waiting one whose delayed job was lost.
  await sql(
    `UPDATE analytics_collections c SET state = 'pending', updated_at = now()
     FROM integrations i
     WHERE c.integration_id = i.id AND i.status = 'active' AND (
           (c.state IN ('done', 'partial', 'failed') AND (c.attempted_at IS NULL OR c.attempted_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'))
        OR (c.state IN ('queued', 'running') AND c.updated_at < now() - interval '20 minutes')
        OR (c.state = 'waiting' AND c.retry_at < now() - interval '5 minutes'))`,
  );
  // A channel disconnected or disabled while its collection waited: say so rather than wait forever.
  await sql(
    `UPDATE analytics_collections c SET state = 'failed', step = NULL, message = 'The channel is not active: reconnect or enable it on the Channels page', updated_at = now()
     FROM integrations i WHERE c.integration_id = i.id AND c.state = 'pending' AND i.status <> 'active'`,
  );
  const { rows } = await sql<{ id: string }>(
    `UPDATE analytics_collections c SET state = 'queued', step = NULL, done = 0, total = 0, updated_at = now()
     FROM integrations i
     WHERE c.integration_id = i.id AND c.state = 'pending' AND i.status = 'active' AND i.provider = ANY($1::text[])
     RETURNING c.integration_id AS id`,
    [capable],
  );
  // One insert for the whole day's batch rather than a round trip per channel.
  if (rows.length)
    await boss.insert(
      ANALYTICS_QUEUE,
      rows.map((r) => ({ data: { channelId: r.id } satisfies Job })),
    );
  return rows.length;
}

async function handle(boss: PgBoss, job: Job): Promise<void> {
  const { rows } = await sql<{ provider: string }>(`SELECT provider FROM integrations WHERE id = $1`, [job.channelId]);
  const provider = rows[0] && getProvider(rows[0].provider);
  if (!provider) return;
  const group = publishGroupOf(provider);
  const limit = publishGroups().get(group) ?? provider.maxConcurrentJob;
  const run = await withPlatformSlot(group, limit, () => runCollection(job.channelId));
  if (!run.ran) {
    // Still queued, and seen alive: the sweep must not take it for a lost job and queue another.
    await setCollection(job.channelId, { state: "queued", step: `waiting for a free ${provider.name} place` });
    await boss.send(ANALYTICS_QUEUE, job, { startAfter: BUSY_RETRY_SECONDS });
    return;
  }
  if (run.value.kind === "retry") await boss.send(ANALYTICS_QUEUE, job, { startAfter: run.value.at });
}

export type AnalyticsWorker = { stop: () => Promise<void> };

export async function startAnalyticsWorker(): Promise<AnalyticsWorker> {
  const boss = await getBoss();
  await boss.createQueue(ANALYTICS_QUEUE, { retryLimit: 0, expireInSeconds: 15 * 60, deleteAfterSeconds: 7 * 24 * 3600 });
  const sweepMs = Number(process.env.ANALYTICS_SWEEP_MS || 60_000);
  const concurrency = Number(process.env.ANALYTICS_WORKERS || 2);
  const workId = await boss.work<Job>(
    ANALYTICS_QUEUE,
    { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (job) await handle(boss, job.data);
    },
  );
  // One sweep at a time; a wake during a sweep runs one more right after, so no request is missed.
  let running: Promise<unknown> | null = null;
  let again = false;
  const sweep = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = analyticsSweep(boss)
      .catch((e) => console.error("[analytics] sweep failed:", (e as Error).message))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          sweep();
        }
      });
  };
  const timer = setInterval(sweep, sweepMs);
  timer.unref();
  analyticsWake.on("wake", sweep);
  sweep();
  return {
    stop: async () => {
      clearInterval(timer);
      analyticsWake.off("wake", sweep);
      await running;
      await boss.offWork(ANALYTICS_QUEUE, { id: workId }).catch(() => undefined);
    },
  };
}
