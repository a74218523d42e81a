import { createHash } from "node:crypto";
import type { ApiKeyContext } from "@/lib/api-keys/keys";
import { ProblemError } from "./problem";

// Idempotency-Key on POST: the key is claimed in the database (unique per API key) before the
// operation runs, so of two simultaneous requests with the same key exactly one runs and the
// other is told 409; the first answer is then kept 24 hours and every replay gets it back, with
// the header Idempotent-Replayed: true. The same key with another request is refused (422).
// An answer of 5xx is not kept (the claim is released), so the request can be tried again.

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAY_HEADER = "Idempotent-Replayed";
const TTL_MS = 24 * 3_600_000;
const KEY_RULE = /^[\x21-\x7e]{1,255}$/;

export type Claim = { kind: "claimed"; id: string } | { kind: "replay"; status: number; body: string };

export const requestHash = (method: string, pathAndQuery: string, body: string) =>
  createHash("sha256").update(`${method}\n${pathAndQuery}\n${body}`).digest("hex");

/** The header's value, checked: printable ASCII, 1 to 255 characters (a UUID is the usual choice). */
export function idempotencyKeyOf(headers: Headers): string | null {
  const raw = headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  if (!KEY_RULE.test(raw))
    throw new ProblemError(
      422,
      "validation",
      "Invalid input",
      "Idempotency-Key: must be 1 to 255 printable ASCII characters without spaces",
      {},
      [{ field: "Idempotency-Key", message: "must be 1 to 255 printable ASCII characters without spaces" }],
    );
  return raw;
}

export async function claimIdempotencyKey(ctx: ApiKeyContext, key: string, hash: string, now = new Date()): Promise<Claim> {
  const where = { apiKeyId_key: { apiKeyId: ctx.apiKey.id, key } };
  // Answers past their 24 hours are forgotten (this API key's, so the table stays bounded), and
  // their keys may be used again.
  await ctx.db.idempotencyKey.deleteMany({ where: { apiKeyId: ctx.apiKey.id, expiresAt: { lte: now } } });
  const { count } = await ctx.db.idempotencyKey.createMany({
    data: [
      { organizationId: ctx.organizationId, apiKeyId: ctx.apiKey.id, key, requestHash: hash, expiresAt: new Date(now.getTime() + TTL_MS) },
    ],
    skipDuplicates: true,
  });
  const row = await ctx.db.idempotencyKey.findUnique({ where });
  if (!row)
    throw new ProblemError(
      409,
      "idempotency-in-flight",
      "Request in progress",
      "A request with this Idempotency-Key was just released; send it again",
      { "Retry-After": "1" },
    );
  if (count === 1) return { kind: "claimed", id: row.id };
  if (row.requestHash !== hash)
    throw new ProblemError(
      422,
      "idempotency-mismatch",
      "Idempotency-Key reused",
      `This Idempotency-Key was first used with a different request (method, path or body) at ${row.createdAt.toISOString()}; use a new key for a new request`,
      {},
      [{ field: "Idempotency-Key", message: "was already used with a different request" }],
    );
  if (row.state === "in_flight")
    throw new ProblemError(
      409,
      "idempotency-in-flight",
      "Request in progress",
      "A request with this Idempotency-Key is still being processed; retry after it has finished to get its answer",
      { "Retry-After": "1" },
    );
  return { kind: "replay", status: row.responseStatus ?? 200, body: row.responseBody ?? "" };
}

/** Keeps the answer as the exact JSON text sent, so a replay is the same bytes. */
export async function storeIdempotentAnswer(ctx: ApiKeyContext, claimId: string, status: number, body: string): Promise<void> {
  if (status >= 500) {
    await ctx.db.idempotencyKey.deleteMany({ where: { id: claimId } });
    return;
  }
  await ctx.db.idempotencyKey.updateMany({
    where: { id: claimId },
    data: { state: "done", responseStatus: status, responseBody: body },
  });
}
