import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";
import { platformMessage } from "../core/errors";

// Dribbble's error answers (../shared/platforms/dribbble.md §4, developer.dribbble.com/v2 "Client
// Errors"): 400 {"message":"Problem parsing JSON."}; 422 {"message":"Validation failed.",
// "errors":[{"attribute","message"}]}; a revoked token 401; the rate limit (60 a minute) 429, or
// 403 "Rate Limit Exceeded" as v1 answered; a message with "daily limit" when the user has
// uploaded as many shots as Dribbble allows in a day.

type DribbbleError = {
  message?: unknown;
  error?: unknown;
  error_description?: unknown;
  errors?: { attribute?: unknown; message?: unknown }[];
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** "Validation failed.: image is not 400x300; title can't be blank". */
function text(b: DribbbleError, raw: string, status: number): string {
  const head = str(b.message) ?? str(b.error_description) ?? str(b.error) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`);
  const details = Array.isArray(b.errors)
    ? b.errors.map((e) => [str(e?.attribute), str(e?.message)].filter(Boolean).join(" ")).filter(Boolean)
    : [];
  return details.length ? `${head} ${details.join("; ")}` : head;
}

/** Milliseconds to the next midnight UTC, when a daily limit starts again. */
export function untilTomorrowUtc(now = Date.now()): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

const classify = errorTable<DribbbleError>({
  code: () => undefined,
  text,
  rows: [
    {
      match: /daily limit/i,
      kind: "retry",
      retryAfterMs: () => untilTomorrowUtc(),
      message: (f) => `Dribbble's daily upload limit was reached (${f.text}); the shot will be tried again tomorrow`,
    },
    {
      status: [403, 429],
      match: /rate limit/i,
      kind: "retry",
      message: (f) => `Dribbble's rate limit was reached (${f.text}); the shot will be tried again later`,
    },
    { status: 429, kind: "retry", message: (f) => `Dribbble's rate limit was reached (${f.text}); the shot will be tried again later` },
    // Tokens never expire and cannot be refreshed: a refused one was revoked.
    {
      status: 401,
      kind: "disconnect",
      message: (f) => `Dribbble no longer accepts this sign-in (${f.text}): reconnect the channel`,
    },
    {
      status: 403,
      match: /scope/i,
      kind: "disconnect",
      message: (f) => `Dribbble refused the app's access (${f.text}): reconnect the channel and allow uploads`,
    },
    {
      status: 403,
      kind: "bad-body",
      message: (f) => `Dribbble refused the shot (${f.text}): the account may not be allowed to upload shots, or not for this team`,
    },
    { status: 422, kind: "bad-body", message: (f) => `Dribbble refused the shot: ${f.text}` },
    { status: [400, 404, 413, 415], kind: "bad-body", message: (f) => `Dribbble refused the request: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `Dribbble is having trouble (${f.text}); the shot will be tried again later` },
  ],
});

export function classifyDribbbleError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** The token endpoint speaks OAuth ({"error","error_description"}): a refused code or client ends the sign-in. */
export function classifyDribbbleTokenError(body: string, status: number): HandledError {
  const message = platformMessage(body, `token endpoint answered HTTP ${status}`);
  if (status >= 500 || status === 429) return { kind: "retry", message };
  return {
    kind: "disconnect",
    message: `Dribbble refused the sign-in (${message}): connect again, and check DRIBBBLE_CLIENT_ID and DRIBBBLE_CLIENT_SECRET`,
  };
}
