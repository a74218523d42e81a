import { describe, expect, it } from "vitest";
import { classifyFacebookError, isInvalidMetric, metaRetryAfterMs } from "@/providers/facebook/facebook.errors";
import { FacebookProvider } from "@/providers/facebook/facebook.provider";

// Meta's Graph API error rows (../shared/platforms/facebook.md §4; Graph API "Handling Errors" and
// "Rate Limiting"), with bodies in Meta's documented shape.

const meta = (code: number, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf123", ...extra } });

describe("Facebook Graph API errors", () => {
  const cases: [string, string, number, string, RegExp][] = [
    [
      "expired token (190/463)",
      meta(190, "Error validating access token: Session has expired on Friday, 09-Dec-11 10:00:00 PST.", { error_subcode: 463 }),
      400,
      "refresh-token",
      /Session has expired.*reconnect/,
    ],
    [
      "password changed (190/460)",
      meta(190, "Error validating access token: The session has been invalidated because the user changed their password.", {
        error_subcode: 460,
      }),
      400,
      "refresh-token",
      /changed their password/,
    ],
    [
      "app removed (190/458)",
      meta(190, "Error validating access token: The user has not authorized application 123.", { error_subcode: 458 }),
      400,
      "refresh-token",
      /not authorized application/,
    ],
    ["invalid token (190)", meta(190, "Invalid OAuth access token - Cannot parse access token"), 400, "refresh-token", /Cannot parse/],
    [
      "Page role lost (190, impersonating)",
      meta(
        190,
        "Error validating access token: The user must be an administrator, editor, or moderator of the page in order to impersonate it. Make sure the user has been granted the required role before impersonating a user's page.",
      ),
      400,
      "disconnect",
      /role on this Page/,
    ],
    [
      "permission missing (200)",
      meta(
        200,
        "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission",
      ),
      403,
      "disconnect",
      /pages_manage_posts.*reconnect/,
    ],
    ["permission (10)", meta(10, "(#10) Application does not have permission for this action"), 400, "disconnect", /permission/],
    ["app throttled (4)", meta(4, "(#4) Application request limit reached", { is_transient: true }), 400, "retry", /throttling/],
    ["user throttled (17)", meta(17, "(#17) User request limit reached"), 400, "retry", /throttling/],
    ["page throttled (32)", meta(32, "(#32) Page request limit reached"), 400, "retry", /throttling/],
    ["custom throttle (613)", meta(613, "(#613) Calls to this api have exceeded the rate limit."), 400, "retry", /throttling/],
    ["BUC throttle (80001)", meta(80001, "There have been too many calls to this Page account."), 400, "retry", /throttling/],
    ["unknown (1)", meta(1, "An unknown error occurred"), 500, "retry", /temporary/],
    ["service (2)", meta(2, "Service temporarily unavailable", { is_transient: true }), 503, "retry", /temporary/],
    ["blocked (368)", meta(368, "The action attempted has been deemed abusive or is otherwise disallowed"), 400, "bad-body", /policy/],
    ["duplicate (506)", meta(506, "(#506) Duplicate status message"), 400, "bad-body", /duplicate/],
    ["link scrape (1609005)", meta(1609005, "Error Posting Link: could not scrape the URL"), 400, "bad-body", /link/],
    ["invalid parameter (100)", meta(100, "(#100) Invalid parameter"), 400, "bad-body", /refused the request: \(#100\) Invalid parameter/],
    ["photo too big (1366046)", meta(100, "Photo too large", { error_subcode: 1366046 }), 400, "bad-body", /refused the file/],
    [
      "community standards (1404102)",
      meta(100, "This content goes against our Community Standards", { error_subcode: 1404102 }),
      400,
      "bad-body",
      /Community Standards/,
    ],
    [
      "publishing authorization (1404078)",
      meta(100, "Page publishing authorization required", { error_subcode: 1404078 }),
      400,
      "refresh-token",
      /authorize publishing/,
    ],
    ["posting too fast (368/1390008)", meta(368, "You are posting too fast", { error_subcode: 1390008 }), 400, "retry", /posting too fast/],
  ];
  for (const [name, body, status, kind, message] of cases)
    it(`${name} → ${kind}`, () => {
      const h = classifyFacebookError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("shows the user-facing words Meta adds (error_user_msg)", () => {
    const h = classifyFacebookError(meta(100, "Invalid parameter", { error_user_msg: "The link is not valid." }), 400);
    expect(h?.message).toMatch(/Invalid parameter — The link is not valid\./);
  });

  it("waits as long as X-Business-Use-Case-Usage says (minutes), else an hour", () => {
    const headers = new Headers({
      "x-business-use-case-usage": JSON.stringify({
        "112233": [{ type: "pages", call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }],
      }),
    });
    expect(classifyFacebookError(meta(32, "(#32) Page request limit reached"), 400, headers)?.retryAfterMs).toBe(7 * 60_000);
    expect(classifyFacebookError(meta(4, "(#4) Application request limit reached"), 400)?.retryAfterMs).toBe(3_600_000);
    expect(metaRetryAfterMs(new Headers({ "x-app-usage": '{"call_count":100,"total_cputime":10,"total_time":10}' }))).toBeUndefined();
    expect(metaRetryAfterMs(new Headers({ "x-business-use-case-usage": "not json" }))).toBeUndefined();
  });

  it("recognises a retired insights metric", () => {
    expect(isInvalidMetric(meta(100, "(#100) The value must be a valid insights metric"))).toBe(true);
    expect(isInvalidMetric(meta(100, "(#100) Invalid parameter"))).toBe(false);
  });

  it("leaves a body that is not Meta's to the status rules, and is the provider's handleErrors", () => {
    expect(classifyFacebookError("<html>Bad gateway</html>", 502)?.kind).toBe("retry");
    expect(classifyFacebookError("I'm a teapot", 418)).toBeUndefined();
    expect(new FacebookProvider().handleErrors(meta(190, "Invalid OAuth access token"), 400)?.kind).toBe("refresh-token");
  });
});
