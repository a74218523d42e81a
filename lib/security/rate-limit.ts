import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { sqlPool } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";

// Limits on what an attacker would repeat: password guesses, account creation, invitation tokens
// and uploads. Counters live in the database (table rate_limits, rate-limiter-flexible's Postgres
// store) so they hold across every web process and survive restarts; on the embedded database
// the same pg pool talks to PGlite over its socket.

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** Set by meter(): the window's figures, for RateLimit-* headers on the refusal. */
    readonly meter?: Meter,
  ) {
    super(message, 429);
    this.name = "RateLimitedError";
  }
}

export type LimitRule = { name: string; points: number; durationSeconds: number; message: string };
/** A rule and the key it counts (an address, an e-mail address, a user id). */
export type LimitCheck = [LimitRule, string];

export const RULES = {
  // Every password check costs a 32 MiB scrypt: counted before it runs, refunded when it succeeds.
  signInAccount: { name: "signin-account", points: 10, durationSeconds: 15 * 60, message: "Too many sign-in attempts for this account" },
  signInIp: { name: "signin-ip", points: 30, durationSeconds: 15 * 60, message: "Too many sign-in attempts from your network" },
  signUpIp: { name: "signup-ip", points: 10, durationSeconds: 60 * 60, message: "Too many accounts created from your network" },
  inviteIp: { name: "invite-ip", points: 20, durationSeconds: 15 * 60, message: "Too many invitation attempts from your network" },
  uploadUser: { name: "upload-user", points: 120, durationSeconds: 10 * 60, message: "Too many uploads" },
  // Every /api/v1 request, per API key.
  apiKey: { name: "api-key", points: 120, durationSeconds: 60, message: "Too many requests with this API key" },
  // Link cards make this server fetch pages for the caller: counted per organization.
  linkPreviewOrg: { name: "link-preview-org", points: 300, durationSeconds: 10 * 60, message: "Too many link previews" },
} satisfies Record<string, LimitRule>;

/** RATE_LIMIT_<NAME>=points/seconds (e.g. RATE_LIMIT_SIGNUP_IP=100/3600) overrides a default. */
export function ruleFromEnv(rule: LimitRule, env: Record<string, string | undefined> = process.env): LimitRule {
  const raw = env[`RATE_LIMIT_${rule.name.replace(/-/g, "_").toUpperCase()}`];
  const m = raw ? /^(\d+)\/(\d+)$/.exec(raw.trim()) : null;
  if (raw && !m) throw new Error(`RATE_LIMIT_${rule.name.replace(/-/g, "_").toUpperCase()} must look like points/seconds, e.g. 10/3600`);
  return m ? { ...rule, points: Number(m[1]), durationSeconds: Number(m[2]) } : rule;
}

const holder = globalThis as unknown as { __rateLimiters?: Map<string, RateLimiterPostgres> };

// The limiter names its statements (server-side prepared statements, kept per connection). The
// embedded PGlite serves every socket connection from one backend session, so the second
// connection's PREPARE of the same name fails with "prepared statement already exists". Sent
// unnamed, each query is parsed afresh: a negligible cost for a handful of queries per request.
const unnamedStatements = {
  query: (q: { text: string; values?: unknown[] }) => sqlPool().query({ text: q.text, values: q.values }),
};

function limiter(rule: LimitRule): RateLimiterPostgres {
  holder.__rateLimiters ??= new Map();
  let l = holder.__rateLimiters.get(rule.name);
  if (!l) {
    const r = ruleFromEnv(rule);
    // tableCreated: the migration made the table, so the limiter never issues DDL of its own.
    l = new RateLimiterPostgres({
      storeClient: unnamedStatements,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: r.name,
      points: r.points,
      duration: r.durationSeconds,
    });
    holder.__rateLimiters.set(rule.name, l);
  }
  return l;
}

/** Keys are hashed: e-mail addresses are not stored in the counter table, and long ones fit. */
export const limitKey = (value: string) => createHash("sha256").update(value).digest("base64url");

function refusal(rule: LimitRule, res: RateLimiterRes, m?: Meter): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new RateLimitedError(`${rule.message}; try again in ${wait}`, seconds, m);
}

/** Counts one attempt against each rule; throws RateLimitedError (429) when any is used up. */
export async function consume(...checks: LimitCheck[]): Promise<void> {
  for (const [rule, key] of checks) {
    try {
      await limiter(rule).consume(limitKey(key));
    } catch (e) {
      if (e instanceof RateLimiterRes) throw refusal(rule, e);
      throw e;
    }
  }
}

/** Where a key stands in its rule's window, for RateLimit-* headers. */
export type Meter = { limit: number; remaining: number; resetSeconds: number };

/**
 * Counts one request and says how many are left: the meter when allowed, or a RateLimitedError
 * (429) that carries the meter too, so the refusal has the same headers.
 */
export async function meter(rule: LimitRule, key: string): Promise<Meter> {
  const { points } = ruleFromEnv(rule);
  const of = (res: RateLimiterRes): Meter => ({
    limit: points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  try {
    return of(await limiter(rule).consume(limitKey(key)));
  } catch (e) {
    if (e instanceof RateLimiterRes) throw refusal(rule, e, of(e));
    throw e;
  }
}

/** Refunds one attempt (a successful sign-in does not count towards the limit). */
export async function refund(...checks: LimitCheck[]): Promise<void> {
  await Promise.all(checks.map(([rule, key]) => limiter(rule).reward(limitKey(key))));
}

/** Throws when the next attempt would be refused, without counting anything. */
export async function ensureNotLimited(...checks: LimitCheck[]): Promise<void> {
  for (const [rule, key] of checks) {
    const res = await limiter(rule).get(limitKey(key));
    if (res && res.consumedPoints >= ruleFromEnv(rule).points) throw refusal(rule, res);
  }
}

/** For tests: forgets every limiter so changed RATE_LIMIT_* settings take effect. */
export function resetLimitersForTests(): void {
  holder.__rateLimiters = undefined;
}

/** The answer an HTTP route gives when limited: 429 with Retry-After. */
export function tooManyRequests(e: RateLimitedError): Response {
  return Response.json({ error: e.message }, { status: 429, headers: { "Retry-After": String(e.retryAfterSeconds) } });
}
