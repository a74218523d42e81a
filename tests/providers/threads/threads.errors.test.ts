import { describe, expect, it } from "vitest";
import { classifyThreadsError } from "@/providers/threads/threads.errors";

// Threads' error rows (../shared/platforms/threads.md §4; Graph API error handling), with the
// Graph envelope {"error": {message, type, code, error_subcode, fbtrace_id, is_transient}}.

const body = (code: number, message: string, more: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { message, type: code === 190 ? "OAuthException" : "THApiException", code, fbtrace_id: "AbCdEf", ...more } });

describe("Threads errors", () => {
  const cases: [string, number, string, RegExp, number?][] = [
    [
      body(190, "Error validating access token: Session has expired on Tuesday.", { error_subcode: 463 }),
      400,
      "refresh-token",
      /Session has expired/,
    ],
    [body(190, "Invalid OAuth access token - Cannot parse access token"), 400, "refresh-token", /Cannot parse access token/],
    [
      body(190, "Error validating access token: The user has not authorized application.", { error_subcode: 458 }),
      400,
      "disconnect",
      /reconnect the channel/,
    ],
    [
      body(190, "Error validating access token: The session has been invalidated because the user changed their password.", {
        error_subcode: 460,
      }),
      400,
      "disconnect",
      /changed their password/,
    ],
    [body(10, "Application does not have permission for this action"), 403, "disconnect", /grant every permission/],
    [body(200, "Permissions error"), 403, "disconnect", /Permissions error/],
    [body(4, "Application request limit reached", { is_transient: true }), 400, "retry", /rate limit was reached/, 15 * 60_000],
    [body(17, "User request limit reached"), 400, "retry", /rate limit/, 15 * 60_000],
    [body(32, "Page request limit reached"), 400, "retry", /rate limit/, 15 * 60_000],
    [body(613, "Calls to this api have exceeded the rate limit."), 400, "retry", /rate limit/, 15 * 60_000],
    [
      body(9, "You have reached the maximum number of posts that is allowed for this account in 24 hours (publishing limit).", {
        error_subcode: 2207042,
      }),
      400,
      "retry",
      /limit of posts per 24 hours/,
      60 * 60_000,
    ],
    [
      body(100, "The media could not be fetched from this URI: https://x.example/a.png", { error_subcode: 2207052 }),
      400,
      "bad-body",
      /could not download the media/,
    ],
    [
      body(2, "An unexpected error has occurred. Please retry your request later.", { is_transient: true }),
      500,
      "retry",
      /temporary problem/,
    ],
    [body(1, "An unknown error has occurred."), 500, "retry", /temporary problem/],
    [body(368, "The action attempted has been deemed abusive or is otherwise disallowed"), 400, "bad-body", /deemed abusive/],
    [
      body(100, "We restrict certain activity to protect our community.", { error_subcode: 2207051 }),
      400,
      "bad-body",
      /restrict certain activity/,
    ],
    [body(100, "Param text must be at most 500 characters long."), 400, "bad-body", /at most 500 characters/],
    [body(100, "THREADS_API__LINK_LIMIT_EXCEEDED: a post can contain at most 5 links (6 found)."), 400, "bad-body", /at most 5 links/],
    ["<html>Bad Gateway</html>", 502, "retry", /trouble/],
  ];
  for (const [b, status, kind, message, wait] of cases)
    it(`${status} ${b.slice(0, 90)} → ${kind}`, () => {
      const h = classifyThreadsError(b, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
      if (wait) expect(h?.retryAfterMs).toBe(wait);
    });

  it("prefers Meta's user-facing message when there is one", () => {
    const h = classifyThreadsError(body(100, "Invalid parameter", { error_user_msg: "The topic tag is not valid." }), 400);
    expect(h).toMatchObject({ kind: "bad-body", message: "Threads refused the post: The topic tag is not valid." });
  });

  it("leaves what it does not know to the status rules", () => {
    expect(classifyThreadsError('{"something":"else"}', 404)).toBeUndefined();
  });
});
