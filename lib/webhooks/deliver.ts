import "server-only";
import { sql } from "@/lib/db/pool";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { webhookBody } from "./events";
import { recordFailure, recordSuccess, type Claimed } from "./outcome";
import { webhookSettings } from "./settings";
import { webhookHeaders } from "./signature";
import { postJson } from "./transport";

// One delivery attempt: claim the outbox row (atomic, so however many workers hold a job for it,
// one sends), POST it signed, record the outcome. A worker that dies mid-attempt holds a lease
// that runs out; the sweep then queues the row again, with the same webhook-id.

export async function claimDelivery(deliveryId: string, workerId: string, leaseMs: number): Promise<Claimed | undefined> {
  const { rows } = await sql<Record<string, unknown>>(
    `UPDATE webhook_deliveries d SET status = 'delivering', claimed_by = $2, lease_until = now() + make_interval(secs => $3::float8),
       attempts = d.attempts + 1, updated_at = now()
     FROM webhook_endpoints e
     WHERE d.id = $1 AND e.id = d.endpoint_id
       AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'delivering' AND d.lease_until < now()))
     RETURNING d.id, d.organization_id, d.endpoint_id, d.event_type, d.data, d.occurred_at, d.attempts, e.url, e.secret, e.enabled`,
    [deliveryId, workerId, leaseMs / 1000],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    endpointId: r.endpoint_id as string,
    type: r.event_type as string,
    data: r.data,
    occurredAt: r.occurred_at as Date,
    attempts: Number(r.attempts),
    url: r.url as string,
    secret: r.secret as string,
    enabled: r.enabled as boolean,
    workerId,
  };
}

/** Delivers one outbox row if it is due and nobody else holds it. Never throws for the receiver's sake. */
export async function deliverOne(deliveryId: string, workerId: string): Promise<"delivered" | "retry" | "failed" | "skipped"> {
  const s = webhookSettings();
  const d = await claimDelivery(deliveryId, workerId, s.leaseMs);
  if (!d) return "skipped";
  const startedAt = new Date();
  if (!d.enabled) {
    return recordFailure(d, { startedAt, durationMs: 0, error: "The endpoint is disabled; re-enable it in Settings, then re-send" }, true);
  }
  const body = webhookBody({ type: d.type, occurredAt: d.occurredAt, data: d.data });
  const t0 = performance.now();
  const res = await postJson(d.url, body, webhookHeaders(decryptSecret(d.secret), d.id, body), s.timeoutMs, s.responseSnippetBytes);
  const durationMs = Math.round(performance.now() - t0);
  if (res.ok && res.status >= 200 && res.status < 300) {
    await recordSuccess(d, { startedAt, durationMs, status: res.status, snippet: res.snippet });
    return "delivered";
  }
  return recordFailure(
    d,
    res.ok
      ? { startedAt, durationMs, status: res.status, snippet: res.snippet, retryAfter: res.retryAfter }
      : { startedAt, durationMs, error: res.error },
  );
}
