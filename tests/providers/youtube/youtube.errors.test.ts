import { describe, expect, it } from "vitest";
import { classifyYoutubeError, isQuotaExceeded } from "@/providers/youtube/youtube.errors";
import { tagsLength, youtubeSettings } from "@/providers/youtube/youtube.settings";
import { msUntilMidnightIn, platformDay } from "@/lib/quota/day";

// Google's error envelope (developers.google.com/youtube/v3/docs/errors), row by row, with the
// bodies as the documentation gives them.

const google = (code: number, reason: string, message: string, domain = "youtube.video") =>
  JSON.stringify({ error: { code, message, errors: [{ message, domain, reason }], status: "X" } });

describe("YouTube Data API errors", () => {
  const cases: [number, string, string, string, RegExp][] = [
    [
      403,
      "quotaExceeded",
      "The request cannot be completed because you have exceeded your quota.",
      "retry",
      /quota .* used up .*midnight Pacific/,
    ],
    [400, "uploadLimitExceeded", "The user has exceeded the number of videos they may upload.", "bad-body", /daily upload limit.*24 hours/],
    [403, "rateLimitExceeded", "Rate limit exceeded", "retry", /slow down/],
    [429, "userRateLimitExceeded", "User rate limit exceeded", "retry", /slow down/],
    [401, "youtubeSignupRequired", "Unauthorized", "disconnect", /no YouTube channel/],
    [403, "authenticatedUserAccountSuspended", "The user's YouTube account has been suspended.", "disconnect", /reconnect/],
    [403, "authenticatedUserAccountClosed", "The user's YouTube account is closed.", "disconnect", /reconnect/],
    [403, "insufficientPermissions", "Request had insufficient authentication scopes.", "disconnect", /allow every permission/],
    [401, "authError", "Invalid Credentials", "refresh-token", /Invalid Credentials/],
    [400, "invalidTitle", "The request metadata specifies an invalid or empty video title.", "bad-body", /video's details: .*title/],
    [400, "invalidDescription", "The request metadata specifies an invalid video description.", "bad-body", /description/],
    [400, "invalidTags", "The request metadata specifies invalid video keywords.", "bad-body", /keywords/],
    [400, "invalidCategoryId", "The snippet.categoryId property specifies an invalid category ID.", "bad-body", /category ID/],
    [400, "invalidPublishAt", "The request metadata specifies an invalid scheduled publishing time.", "bad-body", /publishing time/],
    [400, "mediaBodyRequired", "The request does not include the video content.", "bad-body", /video content/],
    [400, "imageTooTall", "The provided image is too tall.", "bad-body", /thumbnail/],
    [403, "forbidden", "Access forbidden. The request may not be properly authorized.", "bad-body", /refused the request/],
    [503, "backendError", "Backend Error", "retry", /having trouble/],
  ];
  it.each(cases)("%i %s → %s", (status, reason, message, kind, words) => {
    const r = classifyYoutubeError(google(status, reason, message), status);
    expect(r?.kind).toBe(kind);
    expect(r?.message).toMatch(words);
  });

  it("quotaExceeded says to come back at midnight Pacific Time", () => {
    const r = classifyYoutubeError(google(403, "quotaExceeded", "quota", "youtube.quota"), 403);
    expect(r?.retryAfterMs).toBeGreaterThan(0);
    expect(r?.retryAfterMs).toBeLessThanOrEqual(25 * 3_600_000);
    expect(isQuotaExceeded(google(403, "quotaExceeded", "quota"))).toBe(true);
    expect(isQuotaExceeded(google(403, "forbidden", "no"))).toBe(false);
  });

  it("leaves what it does not recognise to the status rules", () => {
    expect(classifyYoutubeError("<html>proxy</html>", 418)).toBeUndefined();
  });
});

describe("the Pacific day of the quota", () => {
  it("turns at midnight in Los Angeles, not UTC", () => {
    // 07:30 UTC on 2 Dec is still 1 Dec in Los Angeles (UTC-8), reset 30 minutes later.
    const now = new Date("2026-12-02T07:30:00Z");
    expect(platformDay("America/Los_Angeles", now).toISOString().slice(0, 10)).toBe("2026-12-01");
    expect(Math.round(msUntilMidnightIn("America/Los_Angeles", now) / 60_000)).toBe(30);
  });
});

describe("YouTube settings", () => {
  const ok = { title: "A video", madeForKids: "no" };
  it("needs a title and the made-for-kids answer, and nothing else", () => {
    expect(youtubeSettings.safeParse(ok).success).toBe(true);
    const empty = youtubeSettings.safeParse({});
    expect(empty.error?.issues.map((i) => i.path[0]).sort()).toEqual(["madeForKids", "title"]);
  });
  it("refuses a title over 100 characters or with < >", () => {
    expect(youtubeSettings.safeParse({ ...ok, title: "x".repeat(101) }).success).toBe(false);
    expect(youtubeSettings.safeParse({ ...ok, title: "a <b>" }).success).toBe(false);
  });
  it("counts tags as YouTube does: quotes around a tag with a space, a comma between", () => {
    expect(tagsLength(["a b", "cd"])).toBe(3 + 2 + 1 + 2);
    expect(youtubeSettings.safeParse({ ...ok, tags: Array.from({ length: 50 }, () => "x".repeat(9)) }).success).toBe(true); // 499
    expect(youtubeSettings.safeParse({ ...ok, tags: Array.from({ length: 51 }, () => "x".repeat(9)) }).success).toBe(false);
  });
  it("refuses a scheduled publish time unless the video is private", () => {
    const at = "2030-01-01T10:00:00Z";
    expect(youtubeSettings.safeParse({ ...ok, publishAt: at }).success).toBe(true);
    expect(youtubeSettings.safeParse({ ...ok, publishAt: at, privacy: "private" }).success).toBe(true);
    const r = youtubeSettings.safeParse({ ...ok, publishAt: at, privacy: "public" });
    expect(r.error?.issues[0]?.path).toEqual(["publishAt"]);
  });
});
