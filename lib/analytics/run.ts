import { ProviderError } from "@/providers/core/errors";
import { collectChannel, type CollectResult } from "./collect";
import { setCollection } from "./state";

// One collection with its outcome recorded for the dashboard: done, waiting for a rate limit to
// pass (the job is rescheduled for then), or failed with the reason. A refused token has already
// flagged the channel "reconnect needed" through the token module, as publishing does.

export type RunOutcome = { kind: "done"; result: CollectResult } | { kind: "retry"; at: Date; message: string } | { kind: "failed"; message: string };

const RETRY_FLOOR_MS = 5_000;
const RETRY_DEFAULT_MS = 60_000;

export async function runCollection(channelId: string, opts: { now?: Date; maxWaitMs?: number } = {}): Promise<RunOutcome> {
  await setCollection(channelId, { state: "running", message: null, retryAt: null, attempted: true });
  try {
    const result = await collectChannel(channelId, opts);
    const skipped = result.skippedPosts.length ? `; ${result.skippedPosts.length} post(s) no longer on the platform` : "";
    await setCollection(channelId, { state: "done", step: null, message: `${result.accountPoints} account figure(s), ${result.posts} post(s)${skipped}`, succeeded: true });
    return { kind: "done", result };
  } catch (e) {
    if (e instanceof ProviderError && e.kind === "retry") {
      const at = new Date(Date.now() + Math.max(RETRY_FLOOR_MS, e.details.retryAfterMs ?? RETRY_DEFAULT_MS));
      const message = `Rate limited or unavailable (${e.message}); trying again at ${at.toISOString()}`;
      await setCollection(channelId, { state: "waiting", message, retryAt: at });
      return { kind: "retry", at, message };
    }
    const message = e instanceof ProviderError ? e.message : "Collecting failed unexpectedly; it will be tried again tomorrow";
    if (!(e instanceof ProviderError)) console.error(`[analytics] collecting channel ${channelId} failed`, e);
    await setCollection(channelId, { state: "failed", step: null, message });
    return { kind: "failed", message };
  }
}
