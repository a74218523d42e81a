import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { sql } from "@/lib/db/pool";
import { sendEmail } from "@/lib/notifications/email";
import { notificationRecipients } from "@/lib/notifications/recipients";
import { nextDelayMs, retryAfterMs } from "./backoff";
import { enqueueDeliveries } from "./queue";
import { webhookSettings } from "./settings";

// How an attempt ends, written only by the worker still holding the row (claimed_by + status
// guard), with its log line, the endpoint's health and, for a retry, the next job, in one
// transaction.

export type Claimed = {
  id: string;
  organizationId: string;
  endpointId: string;
  type: string;
  data: unknown;
  occurredAt: Date;
  attempts: number;
  url: string;
  secret: string;
  enabled: boolean;
  workerId: string;
};

type Attempt = { startedAt: Date; durationMs: number; status?: number; snippet?: string; error?: string; retryAfter?: string | null };
const held = (d: Claimed) => ({ id: d.id, claimedBy: d.workerId, status: "delivering" });
const release = { claimedBy: null, leaseUntil: null } as const;

async function logAttempt(tx: Tx, d: Claimed, a: Attempt): Promise<void> {
  await tx.webhookAttempt.create({
    data: {
      organizationId: d.organizationId,
      deliveryId: d.id,
      attempt: d.attempts,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      statusCode: a.status ?? null,
      error: a.error ?? null,
      responseSnippet: a.snippet || null,
    },
  });
}

/**
 * A delivered event: one statement (the hot path of a busy endpoint) that stores it, logs the
 * attempt and clears the endpoint's failure count only when there is one (so concurrent
 * deliveries to one endpoint do not queue up on its row lock).
 */
export async function recordSuccess(d: Claimed, a: Attempt): Promise<void> {
  await sql(
    `WITH d AS (
       UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_status = $3, last_error = NULL,
         claimed_by = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND claimed_by = $2 AND status = 'delivering'
       RETURNING id, organization_id, endpoint_id, attempts
     ), logged AS (
       INSERT INTO webhook_attempts (organization_id, delivery_id, attempt, started_at, duration_ms, status_code, response_snippet)
       SELECT organization_id, id, attempts, $4, $5, $3, $6 FROM d
     )
     UPDATE webhook_endpoints SET failing_since = NULL, failed_events = 0, updated_at = now()
     WHERE id IN (SELECT endpoint_id FROM d) AND (failing_since IS NOT NULL OR failed_events > 0)`,
    [d.id, d.workerId, a.status, a.startedAt, a.durationMs, a.snippet || null],
  );
}

const describe = (a: Attempt) => a.error ?? `HTTP ${a.status}`;

export async function recordFailure(d: Claimed, a: Attempt, final = false): Promise<"retry" | "failed"> {
  const s = webhookSettings();
  const delay = final
    ? undefined
    : nextDelayMs(d.attempts, s.retryDelaysMs, {
        status: a.status,
        retryAfter: retryAfterMs(a.retryAfter ?? null),
        maxRetryAfterMs: s.maxRetryAfterMs,
      });
  const disabled = await db.$transaction(async (tx) => {
    const at = delay === undefined ? undefined : new Date(Date.now() + delay);
    const res = await tx.webhookDelivery.updateMany({
      where: held(d),
      data: {
        status: at ? "pending" : "failed",
        ...(at ? { nextAttemptAt: at } : {}),
        lastStatus: a.status ?? null,
        lastError: describe(a),
        ...release,
      },
    });
    if (!res.count) return undefined;
    await logAttempt(tx as Tx, d, a);
    if (at) await enqueueDeliveries(tx as Tx, [d.id], at);
    if (!d.enabled) return undefined;
    return markEndpointFailing(tx as Tx, d, !at, describe(a));
  });
  if (disabled) await emailDisabled(d.organizationId, disabled);
  return delay === undefined ? "failed" : "retry";
}

type Disabled = { url: string; reason: string };

/** Counts the failure against the endpoint; disables it (once) past either limit. */
async function markEndpointFailing(tx: Tx, d: Claimed, eventFailed: boolean, why: string): Promise<Disabled | undefined> {
  const s = webhookSettings();
  const [e] = await tx.$queryRaw<{ failing_since: Date; failed_events: number }[]>`
    UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()),
      failed_events = failed_events + ${eventFailed ? 1 : 0}::int, updated_at = now()
    WHERE id = ${d.endpointId} RETURNING failing_since, failed_events`;
  if (!e) return undefined;
  const failingMs = Date.now() - e.failing_since.getTime();
  let reason: string | undefined;
  if (e.failed_events >= s.disableAfterEvents) reason = `${e.failed_events} events in a row could not be delivered (last: ${why})`;
  else if (failingMs >= s.disableAfterMs) reason = `every delivery has failed since ${e.failing_since.toISOString()} (last: ${why})`;
  if (!reason) return undefined;
  const off = await tx.webhookEndpoint.updateMany({
    where: { id: d.endpointId, enabled: true },
    data: { enabled: false, disabledAt: new Date(), disabledReason: reason },
  });
  if (!off.count) return undefined;
  await tx.notification.create({
    data: {
      organizationId: d.organizationId,
      kind: "webhook.disabled",
      title: "A webhook endpoint was turned off",
      body: `Postmill stopped sending webhooks to ${d.url}: ${reason}. Fix the receiver, then turn the endpoint back on in Settings → Webhooks.`,
      link: `/settings/webhooks/${d.endpointId}`,
    },
  });
  return { url: d.url, reason };
}

async function emailDisabled(organizationId: string, x: Disabled): Promise<void> {
  const to = await notificationRecipients(organizationId).catch(() => []);
  if (!to.length) return;
  await sendEmail({
    to,
    subject: "A webhook endpoint was turned off",
    text: `Postmill stopped sending webhooks to ${x.url}: ${x.reason}. Fix the receiver, then turn the endpoint back on in Settings → Webhooks.`,
    link: "/settings/webhooks",
  });
}
