import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { flagReconnectNeeded } from "@/lib/channels/notify";
import { enqueueTarget } from "@/lib/queue/boss";
import type { PublishedItem } from "@/providers/social.integrations.interface";
import { finishAndClaim, type ClaimedTarget } from "./claim";
import { publishSettings } from "@/lib/config/publishing";
import { emailFailureNotice, recordFailureNotice, type FailureNotice } from "./notify-failure";

// Every way a publish attempt ends, written so that only the worker still holding the claim can
// record it (claimed_by + status guard): a worker that lost its lease records nothing.

export type Held = {
  target: ClaimedTarget;
  workerId: string;
  slotReleased?: boolean;
  /** The next job's target of this group waiting in this worker, if any: its place is handed on. */
  takeNext?: () => string | undefined;
  markOnClaim?: boolean;
  /** The next target, claimed in the same round trip that stored this one. */
  handedOff?: ClaimedTarget;
};
const held = (h: Held) => ({ id: h.target.id, claimedBy: h.workerId, status: "publishing" as const });
const release = { claimedBy: null, leaseUntil: null } as const;

// The hot path (mark, store) is plain SQL: two statements per published item.

/** Marks item `index` as in flight before its platform call, so a crash leaves a trace. */
export async function markCalling(h: Held, index: number): Promise<boolean> {
  const { rowCount } = await sql(
    "UPDATE post_targets SET calling_item = $3::int, calling_since = now() WHERE id = $1 AND claimed_by = $2 AND status = 'publishing'",
    [h.target.id, h.workerId, index],
  );
  return rowCount > 0;
}

/**
 * Stores an item's platform id and link the moment it exists. The last one completes the target in
 * the database function that also frees its group place, or hands it to the next target this
 * worker holds for the group.
 */
export async function storeResult(h: Held, results: PublishedItem[], done: boolean): Promise<boolean> {
  if (done) {
    const r = await finishAndClaim(h.target.id, h.workerId, results, h.takeNext?.() ?? null, publishSettings().leaseMs, !!h.markOnClaim);
    h.slotReleased = true;
    h.handedOff = r.claimed;
    return r.stored;
  }
  const { rowCount } = await sql(
    `UPDATE post_targets SET results = $3::jsonb, calling_item = NULL, calling_since = NULL, updated_at = now()
     WHERE id = $1 AND claimed_by = $2 AND status = 'publishing'`,
    [h.target.id, h.workerId, JSON.stringify(results)],
  );
  return rowCount > 0;
}

/** Back to the schedule at `at`, with a new job; `keepCalling` when the last call's fate is unknown. */
export async function scheduleRetry(h: Held, at: Date, message: string, keepCalling: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const res = await tx.postTarget.updateMany({
      where: held(h),
      data: {
        status: "scheduled",
        dueAt: at,
        errorKind: "retry",
        errorMessage: message,
        ...release,
        ...(keepCalling ? {} : { callingItem: null, callingSince: null }),
      },
    });
    if (!res.count) return;
    const jobId = await enqueueTarget(tx as Tx, { id: h.target.id, publishGroup: h.target.publishGroup, dueAt: at });
    await tx.postTarget.update({ where: { id: h.target.id }, data: { jobId } });
  });
}

async function finish(h: Held, status: "failed" | "unconfirmed", kind: string, message: string, channelName: string): Promise<void> {
  const notice: FailureNotice = { organizationId: h.target.organizationId, postId: h.target.postId, channelName, kind: status, message };
  const recorded = await db.$transaction(async (tx) => {
    const res = await tx.postTarget.updateMany({
      where: held(h),
      data: {
        status,
        errorKind: kind,
        errorMessage: message,
        dueAt: null,
        ...release,
        ...(status === "failed" ? { callingItem: null, callingSince: null } : {}),
      },
    });
    if (res.count) await recordFailureNotice(tx as Tx, notice);
    return res.count > 0;
  });
  if (recorded) await emailFailureNotice(notice);
}

export const failTarget = (h: Held, kind: string, message: string, channelName: string) => finish(h, "failed", kind, message, channelName);
export const markUnconfirmed = (h: Held, message: string, channelName: string) =>
  finish(h, "unconfirmed", "unconfirmed", message, channelName);

/**
 * The account is gone: the channel is flagged (one notification), this target fails, and so do the
 * channel's other pending targets, each with the same readable reason. After reconnecting, the
 * user retries them from the calendar.
 */
export async function disconnectChannel(
  h: Held,
  channel: { id: string; organizationId: string; name: string; provider: string },
  reason: string,
): Promise<void> {
  const message = `${channel.name} is disconnected: ${reason} Reconnect it on the Channels page, then retry this post.`;
  const flagged = await db.$transaction(async (tx) => {
    const flagged = await flagReconnectNeeded(tx as Tx, channel, reason);
    await tx.postTarget.updateMany({
      where: held(h),
      data: {
        status: "failed",
        errorKind: "disconnect",
        errorMessage: message,
        dueAt: null,
        callingItem: null,
        callingSince: null,
        ...release,
      },
    });
    await tx.postTarget.updateMany({
      where: { integrationId: channel.id, status: "scheduled" },
      data: { status: "failed", errorKind: "disconnect", errorMessage: message, dueAt: null, jobId: null },
    });
    return flagged;
  });
  if (flagged)
    await emailFailureNotice({
      organizationId: channel.organizationId,
      postId: h.target.postId,
      channelName: channel.name,
      kind: "failed",
      message,
    });
}
