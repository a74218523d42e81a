import type { HandledError } from "../core/errors";

// Ghost answers every error as {"errors": [{message, context, type, code, ...}]} with the status
// of its type (@tryghost/errors). The type and code decide the outcome; message and context are
// what the user reads. Sources: docs.ghost.org/admin-api (errors, authentication), Ghost's
// api-key/admin.js authentication middleware (codes) and its post model (validation messages).

export type GhostError = { message?: string; context?: string; type?: string; code?: string };

export function parseGhostError(body: string): GhostError {
  try {
    const first = (JSON.parse(body) as { errors?: unknown[] })?.errors?.[0];
    if (first && typeof first === "object") {
      const e = first as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
      return { message: str(e.message), context: str(e.context), type: str(e.type), code: str(e.code) };
    }
  } catch {
    /* not JSON: a proxy's error page */
  }
  return {};
}

type Rule = { kind: HandledError["kind"]; hint?: string };

/** By error code first: the same type (UnauthorizedError) means different things. */
const BY_CODE: Record<string, Rule> = {
  // The token's signature, audience or age was refused: a new token is made from the stored key.
  INVALID_JWT: { kind: "refresh-token" },
  // The integration (or its key) was deleted or regenerated in Ghost Admin: only the user can fix it.
  UNKNOWN_ADMIN_API_KEY: {
    kind: "disconnect",
    hint: "the integration was deleted or its key regenerated; reconnect with the current Admin API key",
  },
  INVALID_API_KEY_TYPE: { kind: "disconnect", hint: "reconnect with the Admin API key, not the Content API key" },
  // Our request was malformed (no Ghost scheme, no kid): repeating it cannot help.
  INVALID_AUTH_HEADER: { kind: "bad-body" },
  MISSING_ADMIN_API_KID: { kind: "bad-body" },
  UPDATE_COLLISION: { kind: "bad-body" },
};

/** By error type (@tryghost/errors), for answers without a known code. */
const BY_TYPE: Record<string, Rule> = {
  UnauthorizedError: { kind: "refresh-token" },
  NoPermissionError: {
    kind: "disconnect",
    hint: "the integration is not allowed to do this; check it in Ghost Admin → Settings → Integrations",
  },
  HostLimitError: { kind: "disconnect", hint: "your Ghost(Pro) plan does not allow custom integrations" },
  ValidationError: { kind: "bad-body" },
  BadRequestError: { kind: "bad-body" },
  NotFoundError: { kind: "bad-body" },
  RequestEntityTooLargeError: { kind: "bad-body" },
  UnsupportedMediaTypeError: { kind: "bad-body" },
  UpdateCollisionError: { kind: "bad-body" },
  EmailError: { kind: "bad-body" },
  TooManyRequestsError: { kind: "retry" },
  InternalServerError: { kind: "retry" },
  MaintenanceError: { kind: "retry" },
  ServiceUnavailableError: { kind: "retry" },
};

const UNITS_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/** Ghost's brute-force limiter says when in words ("try again in 20 minutes", "in an hour"). */
export function waitFromMessage(message: string | undefined): number | undefined {
  const m = /try again in (an?|\d+) (second|minute|hour)s?/i.exec(message ?? "");
  if (!m) return undefined;
  const n = /^an?$/i.test(m[1]!) ? 1 : Number(m[1]);
  return n * UNITS_MS[m[2]!.toLowerCase()]!;
}

export function classifyGhostError(body: string, status: number): HandledError | undefined {
  const e = parseGhostError(body);
  const rule = (e.code && BY_CODE[e.code]) || (e.type && BY_TYPE[e.type]) || undefined;
  const said = [e.message, e.context && e.context !== e.message ? e.context : undefined].filter(Boolean).join(": ");
  const text = said || `HTTP ${status}`;
  if (!rule) return status === 429 ? { kind: "retry", message: text, retryAfterMs: waitFromMessage(e.message) } : undefined;
  const message = rule.hint ? `${text} (${rule.hint})` : text;
  if (rule.kind === "retry") return { kind: "retry", message, retryAfterMs: waitFromMessage(e.message) };
  return { kind: rule.kind, message };
}
