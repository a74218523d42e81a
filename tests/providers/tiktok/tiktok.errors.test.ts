import { describe, expect, it } from "vitest";
import { classifyTiktokError, classifyTiktokTokenError, failReasonText } from "@/providers/tiktok/tiktok.errors";

// TikTok API v2 errors with the documented envelope (developers.tiktok.com/doc/tiktok-api-v2-error-handling,
// the Content Posting API references): {"data":{},"error":{"code","message","log_id"}}.

const tt = (code: string, message: string) =>
  JSON.stringify({ data: {}, error: { code, message, log_id: "20240829190020EBE0D84CCEA6DE000CB6" } });

describe("TikTok API errors", () => {
  const cases: [number, string, string, string, RegExp][] = [
    [
      401,
      "access_token_invalid",
      "The access token is invalid or not found in the request.",
      "refresh-token",
      /no longer accepts the access token/,
    ],
    [
      401,
      "scope_not_authorized",
      "The user did not authorize the scope required for completing this request.",
      "disconnect",
      /reconnect the channel/,
    ],
    [429, "rate_limit_exceeded", "API rate limit exceeded, please retry later.", "retry", /slow down/],
    [403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user.", "bad-body", /daily post limit/],
    [403, "spam_risk_user_banned_from_posting", "The user is banned from making new posts.", "bad-body", /does not let this account post/],
    [
      403,
      "unaudited_client_can_only_post_to_private_accounts",
      "Unaudited clients can only post to a private account.",
      "bad-body",
      /make the TikTok account private or have the app audited/,
    ],
    [
      400,
      "privacy_level_option_mismatch",
      "privacy_level is not in the options from creator_info.",
      "bad-body",
      /choose one of the listed options/,
    ],
    [400, "invalid_params", "The total chunk count is invalid.", "bad-body", /The total chunk count is invalid/],
    [403, "url_ownership_unverified", "The domain or URL prefix of video_url is not verified.", "bad-body", /domain is not verified/],
    [403, "reached_active_user_cap", "The daily quota for active publishing users is reached.", "bad-body", /try again tomorrow/],
    [500, "internal_error", "Something went wrong.", "retry", /having trouble/],
    [400, "something_new", "A code TikTok added later.", "bad-body", /A code TikTok added later/],
  ];
  for (const [status, code, message, kind, words] of cases)
    it(`${status} ${code} → ${kind}`, () => {
      const h = classifyTiktokError(tt(code, message), status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(words);
      // TikTok's log id is kept, for support requests.
      expect(h?.message).toContain("20240829190020EBE0D84CCEA6DE000CB6");
    });

  it("reads an error envelope on HTTP 200 by its code, and leaves an ok envelope to the status rules", () => {
    expect(classifyTiktokError(tt("spam_risk_too_many_posts", "cap"), 200)?.kind).toBe("bad-body");
    expect(classifyTiktokError(tt("ok", ""), 200)).toBeUndefined();
  });

  it("the rate limit waits for what the answer's headers say, not a guess (TikTok documents no reset time)", () => {
    expect(classifyTiktokError(tt("rate_limit_exceeded", "slow"), 429)?.retryAfterMs).toBeUndefined();
  });
});

describe("TikTok OAuth errors (/v2/oauth/token/)", () => {
  const body = (error: string, error_description: string) => JSON.stringify({ error, error_description, log_id: "2024" });
  it("a refused code or refresh token means reconnecting", () => {
    const h = classifyTiktokTokenError(body("invalid_grant", "Authorization code is expired."), 400);
    expect(h.kind).toBe("disconnect");
    expect(h.message).toMatch(/Authorization code is expired/);
    expect(classifyTiktokTokenError(body("invalid_client", "Client key or secret is incorrect."), 401).kind).toBe("disconnect");
  });
  it("a server error or throttle is tried again", () => {
    expect(classifyTiktokTokenError("upstream down", 503).kind).toBe("retry");
    expect(classifyTiktokTokenError(body("rate_limit_exceeded", "slow"), 429).kind).toBe("retry");
  });
});

describe("publish fail reasons in the user's words", () => {
  it.each([
    ["file_format_check_failed", /MP4, MOV or WebM/],
    ["duration_check_failed", /length/],
    ["frame_rate_check_failed", /23–60 fps/],
    ["picture_size_check_failed", /picture size limits/],
    ["video_pull_failed", /could not download/],
    ["publish_cancelled", /cancelled/],
    ["brand_new_reason", /TikTok reported "brand_new_reason"/],
  ])("%s", (reason, words) => expect(failReasonText(reason)).toMatch(words));
});
