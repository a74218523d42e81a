import "server-only";
import { accessFor, refreshHook } from "@/lib/channels/tokens";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { ProviderError } from "@/providers/core/errors";
import { getProvider } from "@/providers/registry";
import type { MetricGap, PublishedItem } from "@/providers/social.integrations.interface";
import { setCollection } from "./state";
import { storeAccountMetrics, storePostMetrics } from "./store";

// Collects one channel: account metrics per day (the last 90 days on the first run, then from a
// few days before the last collected day, since platforms revise recent figures), and the current
// counters of every post it published in the last 30 days. Tokens are refreshed as publishing
// does; a rate limit longer than a short in-process wait is thrown back as a "retry"
// ProviderError with retryAfterMs, for the job to be rescheduled rather than to sleep.
// Whatever could be read is stored: an endpoint that fails or refuses becomes a gap (which
// metrics, and why) recorded with the collection, and only an account problem (a refused token,
// a suspension) ends the run without storing.

export const BACKFILL_DAYS = 90;
export const POST_WINDOW_DAYS = 30;
const REVISE_DAYS = 3;
const DAY_MS = 86_400_000;

export type CollectResult = { accountPoints: number; posts: number; skippedPosts: string[]; from: string | null; gaps: MetricGap[] };

/** A failure that concerns one part of the collection, not the account. */
const partial = (e: unknown): e is ProviderError => e instanceof ProviderError && (e.kind === "bad-body" || e.kind === "retry");
const gapOf = (what: string, e: ProviderError): MetricGap => ({
  what,
  metrics: [],
  reason: e.message,
  kind: "unavailable",
  ...(e.kind === "retry" ? { retryAfterMs: e.details.retryAfterMs ?? 60_000 } : {}),
});

const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Where this run starts: 90 days back when nothing was collected yet, else a few days before the last day stored. */
async function accountFrom(channelId: string, now: Date): Promise<Date> {
  const { rows } = await sql<{ last: string | null }>(`SELECT max(day)::text AS last FROM metric_samples WHERE integration_id = $1`, [
    channelId,
  ]);
  const backfill = Date.parse(`${utcDay(now.getTime() - (BACKFILL_DAYS - 1) * DAY_MS)}T00:00:00Z`);
  const last = rows[0]?.last;
  if (!last) return new Date(backfill);
  return new Date(Math.max(backfill, Date.parse(`${last}T00:00:00Z`) - REVISE_DAYS * DAY_MS));
}

export async function collectChannel(channelId: string, opts: { now?: Date; maxWaitMs?: number } = {}): Promise<CollectResult> {
  const now = opts.now ?? new Date();
  const row = await db.integration.findUnique({ where: { id: channelId } });
  if (!row) throw new ProviderError("bad-body", "The channel no longer exists");
  const provider = getProvider(row.provider);
  if (!provider || (!provider.analytics && !provider.postAnalytics)) {
    throw new ProviderError("bad-body", `${provider?.name ?? row.provider} offers no analytics`);
  }
  const access = await accessFor(row);
  const current = { token: access.accessToken };
  const ctx = { refreshAccessToken: refreshHook(row.id, current), maxWaitMs: opts.maxWaitMs ?? 5_000 };
  const chan = () => ({ ...access, accessToken: current.token });

  const targets = provider.postAnalytics
    ? (
        await sql<{ id: string; results: unknown }>(
          `SELECT id, results FROM post_targets WHERE integration_id = $1 AND status = 'published' AND published_at >= $2 ORDER BY published_at DESC`,
          [row.id, new Date(now.getTime() - POST_WINDOW_DAYS * DAY_MS)],
        )
      ).rows
    : [];
  const total = (provider.analytics ? 1 : 0) + targets.length;
  let done = 0;
  const result: CollectResult = { accountPoints: 0, posts: 0, skippedPosts: [], from: null, gaps: [] };

  if (provider.analytics) {
    const from = await accountFrom(row.id, now);
    result.from = utcDay(from.getTime());
    await setCollection(row.id, { step: `account metrics since ${result.from}`, done, total });
    try {
      const got = await provider.analytics(chan(), { from, to: now }, ctx);
      result.accountPoints = await storeAccountMetrics(row.organizationId, row.id, got.points);
      result.gaps.push(...got.gaps);
    } catch (e) {
      if (!partial(e)) throw e;
      // The post counters below are separate calls: still worth reading.
      result.gaps.push(gapOf("account metrics", e));
    }
    done++;
  }

  const today = utcDay(now.getTime());
  for (const t of targets) {
    await setCollection(row.id, {
      step: `post counters (${targets.length} post${targets.length === 1 ? "" : "s"} of the last ${POST_WINDOW_DAYS} days)`,
      done,
      total,
    });
    const first = (Array.isArray(t.results) ? t.results[0] : undefined) as PublishedItem | undefined;
    if (!first?.id) {
      done++;
      continue;
    }
    try {
      const figures = await provider.postAnalytics!(chan(), first.id, ctx);
      await storePostMetrics(
        { organizationId: row.organizationId, channelId: row.id, targetId: t.id, platformPostId: first.id },
        today,
        figures,
      );
      result.posts++;
    } catch (e) {
      if (!partial(e)) throw e;
      // A post the platform no longer shows (deleted) is skipped.
      if (e.kind === "bad-body") {
        result.skippedPosts.push(`${first.id}: ${e.message}`);
      } else {
        // Rate limited or down: the remaining posts would fare no better; the counters read so far stay.
        result.gaps.push(gapOf("post counters", e));
        break;
      }
    }
    done++;
  }
  await setCollection(row.id, { done, total });
  return result;
}
