import "server-only";
import { ProviderError } from "@/providers/core/errors";
import type { MetricGap } from "@/providers/social.integrations.interface";
import { collectChannel, type CollectResult } from "./collect";
import { setCollection } from "./state";

// One collection with its outcome recorded for the dashboard: done; partial (stored, with the
// metrics that could not be read and why); waiting for a rate limit or an outage to pass (what
// was read is stored, and the job is rescheduled for then); or failed with the reason. A refused
// token has already flagged the channel "reconnect needed" through the token module, as
// publishing does.

export type RunOutcome =
  | { kind: "done"; result: CollectResult }
  | { kind: "partial"; result: CollectResult; message: string }
  | { kind: "retry"; at: Date; message: string; result?: CollectResult }
  | { kind: "failed"; message: string };

const RETRY_FLOOR_MS = 5_000;
const RETRY_DEFAULT_MS = 60_000;

/** "post metrics unavailable: Forbidden; followers unknown: the server did not report followers_count" */
export function describeGaps(gaps: MetricGap[]): string {
  return gaps.map((g) => `${g.what} ${g.kind}: ${g.reason}`).join("; ");
}

export async function runCollection(channelId: string, opts: { now?: Date; maxWaitMs?: number } = {}): Promise<RunOutcome> {
  await setCollection(channelId, { state: "running", message: null, retryAt: null, attempted: true });
  try {
    const result = await collectChannel(channelId, opts);
    const skipped = result.skippedPosts.length ? `; ${result.skippedPosts.length} post(s) no longer on the platform` : "";
    const summary = `${result.accountPoints} account figure(s), ${result.posts} post(s)${skipped}`;
    const gaps = result.gaps;
    const transient = gaps.filter((g) => g.retryAfterMs !== undefined);
    if (transient.length) {
      // Try again once every limit that stopped a part has passed.
      const at = new Date(Date.now() + Math.max(RETRY_FLOOR_MS, ...transient.map((g) => g.retryAfterMs!)));
      const message = `${summary} stored; ${describeGaps(gaps)}; trying again at ${at.toISOString()}`;
      await setCollection(channelId, { state: "waiting", step: null, message, retryAt: at, gaps });
      return { kind: "retry", at, message, result };
    }
    if (gaps.length) {
      const message = `${summary} stored; ${describeGaps(gaps)}`;
      await setCollection(channelId, { state: "partial", step: null, message, gaps });
      return { kind: "partial", result, message };
    }
    await setCollection(channelId, { state: "done", step: null, message: summary, gaps: [], succeeded: true });
    return { kind: "done", result };
  } catch (e) {
    if (e instanceof ProviderError && e.kind === "retry") {
      const at = new Date(Date.now() + Math.max(RETRY_FLOOR_MS, e.details.retryAfterMs ?? RETRY_DEFAULT_MS));
      const message = `Rate limited or unavailable (${e.message}); trying again at ${at.toISOString()}`;
      await setCollection(channelId, { state: "waiting", message, retryAt: at, gaps: [] });
      return { kind: "retry", at, message };
    }
    const message = e instanceof ProviderError ? e.message : "Collecting failed unexpectedly; it will be tried again tomorrow";
    if (!(e instanceof ProviderError)) console.error(`[analytics] collecting channel ${channelId} failed`, e);
    await setCollection(channelId, { state: "failed", step: null, message, gaps: [] });
    return { kind: "failed", message };
  }
}
