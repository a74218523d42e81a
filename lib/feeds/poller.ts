import "server-only";
import { db } from "@/lib/db/client";
import { checkFeed, type CheckResult } from "./check";

// The schedule: every app and worker process looks for due feeds once a minute. A feed is claimed
// by moving its next_check_at one interval ahead in the same statement that picks it (SKIP LOCKED),
// so however many processes poll, each due feed is checked by one of them, once per interval.

export const FEED_POLL_EVERY_MS = 60_000;
/** Feeds checked per process per round; the rest wait for the next round (or another process). */
const FEEDS_PER_ROUND = 20;

export async function claimDueFeed(now = new Date()): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE feeds SET next_check_at = ${now}::timestamptz + make_interval(mins => interval_minutes)
    WHERE id = (
      SELECT id FROM feeds WHERE NOT paused AND next_check_at <= ${now}::timestamptz
      ORDER BY next_check_at LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows[0]?.id ?? null;
}

export async function feedRound(now = new Date()): Promise<{ checked: number; results: CheckResult[] }> {
  const results: CheckResult[] = [];
  for (let i = 0; i < FEEDS_PER_ROUND; i++) {
    const id = await claimDueFeed(now);
    if (!id) break;
    try {
      results.push(await checkFeed(id, now));
    } catch (e) {
      console.error(`[feeds] checking feed ${id} failed`, e);
    }
  }
  return { checked: results.length, results };
}

let timer: NodeJS.Timeout | undefined;

/** FEED_POLLING=off leaves feeds to other processes (for example a web server beside `npm run worker`s). */
export function startFeedPolling(): void {
  if (timer || process.env.FEED_POLLING === "off") return;
  const round = () =>
    feedRound().then(
      (r) => {
        const posted = r.results.reduce((n, x) => n + (x.status === "ok" ? x.posted : 0), 0);
        if (posted) console.log(`[feeds] checked ${r.checked} feeds, posted ${posted} items`);
      },
      (e) => console.error("[feeds] round failed", e),
    );
  timer = setInterval(round, FEED_POLL_EVERY_MS);
  timer.unref();
  void round();
}
