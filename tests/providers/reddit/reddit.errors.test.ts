import { describe, expect, it } from "vitest";
import { classifyRedditError, classifyRedditTokenError, ratelimitWaitMs } from "@/providers/reddit/reddit.errors";

// Reddit's documented error bodies (../shared/platforms/reddit.md §4) and the outcome of each.

const apiErrors = (...e: [string, string, string | null][]) => JSON.stringify({ json: { errors: e } });

describe("classifyRedditError", () => {
  it("401 {message: Unauthorized} refreshes the token", () => {
    expect(classifyRedditError('{"message": "Unauthorized", "error": 401}', 401)?.kind).toBe("refresh-token");
  });

  it("403 Forbidden (private or quarantined subreddit, ban, scope) is the post's to fix", () => {
    const h = classifyRedditError('{"message": "Forbidden", "error": 403}', 403);
    expect(h?.kind).toBe("bad-body");
    expect(h?.message).toMatch(/private or quarantined/);
  });

  it("429 and 5xx (the CDN's HTML too) are tried again", () => {
    expect(classifyRedditError('{"message": "Too Many Requests", "error": 429}', 429)?.kind).toBe("retry");
    expect(classifyRedditError("<html>Our CDN was unable to reach our servers</html>", 503)?.kind).toBe("retry");
  });

  it("RATELIMIT in json.errors waits the minutes Reddit states", () => {
    const h = classifyRedditError(apiErrors(["RATELIMIT", "you are doing that too much. try again in 9 minutes.", "ratelimit"]), 200);
    expect(h).toMatchObject({ kind: "retry", retryAfterMs: 9 * 60_000 });
    expect(ratelimitWaitMs("you are doing that too much. try again in 40 seconds.")).toBe(40_000);
    expect(ratelimitWaitMs("you are doing that too much. try again in 1 minute.")).toBe(60_000);
  });

  it.each([
    ["SUBREDDIT_NOEXIST", "that subreddit doesn't exist", "sr", /doesn't exist/],
    ["SUBREDDIT_NOTALLOWED", "you aren't allowed to post there.", "sr", /aren't allowed/],
    ["NO_SELFS", "that subreddit doesn't allow text posts", "sr", /add a link or an image/],
    ["NO_LINKS", "that subreddit only allows text posts", "sr", /remove the link or image/],
    ["SUBMIT_VALIDATION_FLAIR_REQUIRED", "Your post must contain post flair.", "flair", /requires post flair/],
    ["ALREADY_SUB", "that link has already been submitted", "url", /already been submitted/],
    ["TOO_LONG", "this is too long (max: 300)", "title", /max: 300.*\(title\)/],
    ["THREAD_LOCKED", "that thread is locked", "parent", /locked/],
  ])("%s is refused with Reddit's words, naming the field", (code, message, field, shown) => {
    const h = classifyRedditError(apiErrors([code, message, field]), 200);
    expect(h?.kind).toBe("bad-body");
    expect(h?.message).toMatch(shown);
    expect(h?.message).toContain(code);
  });

  it("IN_TIMEOUT (a suspended account) flags the channel", () => {
    expect(classifyRedditError(apiErrors(["IN_TIMEOUT", "you are suspended", null]), 200)?.kind).toBe("disconnect");
  });

  it("leaves an unknown body to the status rules", () => {
    expect(classifyRedditError("nope", 418)).toBeUndefined();
  });
});

describe("classifyRedditTokenError", () => {
  it("a refused refresh token (400 invalid_request) or client (401) means reconnecting", () => {
    expect(classifyRedditTokenError('{"error": "invalid_request"}', 400).kind).toBe("disconnect");
    expect(classifyRedditTokenError('{"message": "Unauthorized", "error": 401}', 401).kind).toBe("disconnect");
    expect(classifyRedditTokenError("busy", 503).kind).toBe("retry");
  });
});
