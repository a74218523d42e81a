import { describe, expect, it } from "vitest";
import { classifyInstagramError, classifyInstagramLoginError, metaRetryAfter } from "@/providers/instagram/instagram.errors";
import { InstagramProvider } from "@/providers/instagram/instagram.provider";
import { InstagramStandaloneProvider } from "@/providers/instagram-standalone/instagram-standalone.provider";

// Meta's Graph error envelope (../shared/platforms/instagram.md §4, Graph API "Handling Errors"),
// row by row with documented bodies: {"error":{message,type,code,error_subcode,is_transient,fbtrace_id}}.

const body = (code: number, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf", ...extra } });

describe("Instagram Graph errors", () => {
  const cases: [string, string, number, string, RegExp][] = [
    [
      "expired token (190/463)",
      body(190, "Error validating access token: Session has expired.", { error_subcode: 463 }),
      400,
      "disconnect",
      /reconnect/,
    ],
    [
      "invalidated session (190/460)",
      body(190, "Error validating access token: The session has been invalidated.", { error_subcode: 460 }),
      400,
      "disconnect",
      /session has been invalidated/,
    ],
    ["app throttled (4)", body(4, "(#4) Application request limit reached"), 400, "retry", /slow down/],
    ["user throttled (17)", body(17, "(#17) User request limit reached"), 400, "retry", /slow down/],
    ["Instagram BUC (80002)", body(80002, "There have been too many calls to this Instagram account."), 400, "retry", /slow down/],
    [
      "missing permission (10)",
      body(10, "(#10) Application does not have permission for this action"),
      403,
      "disconnect",
      /permission is missing/,
    ],
    ["missing permission (200)", body(200, "(#200) Requires instagram_content_publish permission"), 400, "disconnect", /reconnect/],
    ["too few viewers (10)", body(10, "(#10) Not enough viewers for the media to show insights"), 400, "bad-body", /Not enough viewers/],
    [
      "media download failed (9004/2207052)",
      body(9004, "Media download has failed. The media URI doesn't meet our requirements.", { error_subcode: 2207052 }),
      400,
      "retry",
      /could not fetch/,
    ],
    ["download timeout (2207003)", body(-2, "Timeout", { error_subcode: 2207003 }), 400, "retry", /could not fetch/],
    [
      "unsupported video (2207026)",
      body(2207026, "The video format is not supported.", { error_subcode: 2207026 }),
      400,
      "bad-body",
      /video's format.*2207026/,
    ],
    [
      "image too large (2207004)",
      body(9004, "The image is too large to download.", { error_subcode: 2207004 }),
      400,
      "bad-body",
      /too large/,
    ],
    [
      "image format (2207005)",
      body(9004, "The image format is not supported.", { error_subcode: 2207005 }),
      400,
      "bad-body",
      /image's format/,
    ],
    [
      "aspect ratio (2207009)",
      body(36003, "The aspect ratio is not supported.", { error_subcode: 2207009 }),
      400,
      "bad-body",
      /aspect ratio/,
    ],
    [
      "caption too long (2207010)",
      body(100, "The caption is too long", { error_subcode: 2207010 }),
      400,
      "bad-body",
      /caption is too long/,
    ],
    ["container expired (2207020)", body(9007, "The media has expired", { error_subcode: 2207020 }), 400, "bad-body", /expired/],
    ["carousel (2207028)", body(100, "Carousel validation failed", { error_subcode: 2207028 }), 400, "bad-body", /carousel/],
    ["spam (2207001)", body(9007, "Instagram detected the post as spam", { error_subcode: 2207001 }), 400, "bad-body", /spam/],
    [
      "quota (2207042)",
      body(9, "You reached maximum number of posts", { error_subcode: 2207042 }),
      400,
      "retry",
      /24-hour publishing limit/,
    ],
    ["blocked (368)", body(368, "The action attempted has been deemed abusive"), 400, "bad-body", /blocked/],
    ["unknown (1)", body(1, "An unknown error occurred"), 500, "retry", /unknown error/],
    ["transient (2)", body(2, "An unexpected error has occurred.", { is_transient: true }), 500, "retry", /unexpected/],
    ["invalid parameter (100)", body(100, "(#100) The parameter image_url is required"), 400, "bad-body", /image_url is required/],
    [
      "error_user_msg shown",
      body(9007, "Cannot publish", { error_subcode: 2207050, error_user_title: "Restricted", error_user_msg: "The account is restricted" }),
      400,
      "bad-body",
      /Restricted: The account is restricted/,
    ],
  ];
  for (const [what, b, status, kind, message] of cases)
    it(`${what} → ${kind}`, () => {
      const h = classifyInstagramError(b, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("waits an hour for a publishing slot when the quota is used up", () => {
    expect(classifyInstagramError(body(9, "max posts", { error_subcode: 2207042 }), 400)?.retryAfterMs).toBe(3_600_000);
  });

  it("asks Instagram Login channels to refresh a refused token, Facebook Login ones to reconnect", () => {
    const expired = body(190, "Error validating access token: Session has expired.", { error_subcode: 463 });
    expect(classifyInstagramLoginError(expired, 400)?.kind).toBe("refresh-token");
    expect(classifyInstagramError(expired, 400)?.kind).toBe("disconnect");
    expect(new InstagramStandaloneProvider().handleErrors(expired, 400)?.kind).toBe("refresh-token");
    expect(new InstagramProvider().handleErrors(expired, 400)?.kind).toBe("disconnect");
  });

  it("leaves a body without Meta's envelope to the status rules", () => {
    expect(classifyInstagramError("<html>teapot</html>", 418)).toBeUndefined();
  });

  it("reads the wait from X-Business-Use-Case-Usage (minutes, the longest of the objects)", () => {
    const h = new Headers({
      "x-business-use-case-usage": JSON.stringify({
        "1784": [{ type: "instagram", call_count: 100, estimated_time_to_regain_access: 7 }],
        "99": [{ type: "pages", estimated_time_to_regain_access: 2 }],
      }),
    });
    expect(metaRetryAfter(h)).toBe(7 * 60_000);
    expect(metaRetryAfter(new Headers({ "x-business-use-case-usage": "not json" }))).toBeUndefined();
    expect(metaRetryAfter(new Headers())).toBeUndefined();
  });
});
