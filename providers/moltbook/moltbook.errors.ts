import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Moltbook's documented errors (../shared/platforms/moltbook.md §4), as a table. The envelope is
// {"success": false, "error": "<what>", "hint": "<how to fix>"}; a 429 adds `retry_after_minutes`
// (posts) or `retry_after_seconds` (comments) besides its Retry-After header. An agent's key
// never expires and has no refresh, so a 401 means the key is gone: the user pastes a new one.

export type MoltbookErrorBody = {
  error?: unknown;
  hint?: unknown;
  retry_after_minutes?: unknown;
  retry_after_seconds?: unknown;
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Moltbook's words, with its hint when it gave one. */
export function moltbookText(body: MoltbookErrorBody, raw: string, status: number): string {
  const error = str(body.error) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`);
  const hint = str(body.hint);
  return hint ? `${error} (${hint})` : error;
}

/** The wait a 429 body names: minutes for posts, seconds for comments. */
export function retryAfterMsOf(body: MoltbookErrorBody): number | undefined {
  const minutes = num(body.retry_after_minutes);
  if (minutes !== undefined) return minutes * 60_000;
  const seconds = num(body.retry_after_seconds);
  return seconds !== undefined ? seconds * 1000 : undefined;
}

const classify = errorTable<MoltbookErrorBody>({
  // Moltbook has no error codes, only sentences.
  code: () => undefined,
  text: moltbookText,
  rows: [
    // Posting before the human claimed the agent (open-source server: 403 "Agent not yet claimed").
    {
      status: [401, 403],
      match: /not (yet )?claimed|pending[_ ]claim/i,
      kind: "disconnect",
      message: (f) => `The agent is not claimed yet (${f.text}); its human must open the claim link and verify it, then reconnect`,
    },
    // Suspension after 10 failed verification challenges, or by moderation: temporary, but the channel cannot post meanwhile.
    {
      status: [401, 403],
      match: /suspend/i,
      kind: "disconnect",
      message: (f) => `Moltbook has suspended the agent: ${f.text}`,
    },
    {
      status: 401,
      kind: "disconnect",
      message: (f) => `Moltbook refused the agent's API key (${f.text}); paste the key again, or a new one if the agent was re-registered`,
    },
    {
      status: 429,
      kind: "retry",
      message: (f) => `Moltbook's rate limit for the agent was reached: ${f.text}`,
      retryAfterMs: (f) => retryAfterMsOf(f.body),
    },
    {
      status: 404,
      match: /submolt/i,
      kind: "bad-body",
      message: (f) => `${f.text}: check the submolt name in the post's settings`,
    },
    // The documented validation sentences ("Title is required", "Title must be 300 characters or less",
    // "Either content or url is required", "Post cannot have both content and url",
    // "Content must be 40000 characters or less", "Invalid URL format") and any other 4xx: the post itself.
    { status: (s) => s >= 400 && s < 500 && ![408, 425, 429].includes(s), kind: "bad-body" },
    { status: (s) => serverError(s) || s === 408 || s === 425, kind: "retry" },
  ],
});

export function classifyMoltbookError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
