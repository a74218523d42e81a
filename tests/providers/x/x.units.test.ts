import { afterEach, describe, expect, it } from "vitest";
import { xWeightedLength } from "@/providers/core/counting";
import { XProvider } from "@/providers/x/x.provider";
import { xSettings } from "@/providers/x/x.settings";

// Pure parts of the X provider: error classification for every documented row, X's weighted
// counting, the settings schema and the published capabilities.

const x = new XProvider();
const body = (o: unknown) => JSON.stringify(o);

describe("handleErrors (fact sheet §4)", () => {
  it("401 Unauthorized: refresh the token", () => {
    expect(x.handleErrors(body({ title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }), 401)).toEqual({
      kind: "refresh-token",
      message: "Unauthorized",
    });
  });

  it("Unsupported Authentication: refresh the token", () => {
    const b = body({
      title: "Unsupported Authentication",
      detail: "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.",
      type: "https://api.x.com/2/problems/unsupported-authentication",
      status: 403,
    });
    expect(x.handleErrors(b, 403).kind).toBe("refresh-token");
  });

  it("refresh token already used or revoked (token endpoint): disconnect", () => {
    const h = x.handleErrors(body({ error: "invalid_request", error_description: "Value passed for the token was invalid." }), 400);
    expect(h).toEqual({ kind: "disconnect", message: "Value passed for the token was invalid." });
  });

  it("client-forbidden and 'not permitted': bad-body with X's words", () => {
    const forbidden = body({
      title: "Client Forbidden",
      detail: "This request must be made using an approved developer account that is enrolled in the requested endpoint.",
      type: "https://api.x.com/2/problems/client-forbidden",
      reason: "client-not-enrolled",
    });
    expect(x.handleErrors(forbidden, 403)).toMatchObject({
      kind: "bad-body",
      message: expect.stringContaining("approved developer account"),
    });
    for (const detail of ["Your account is not permitted to access this feature", "You are not permitted to perform this action."]) {
      expect(x.handleErrors(body({ title: "Forbidden", type: "about:blank", status: 403, detail }), 403)).toEqual({
        kind: "bad-body",
        message: detail,
      });
    }
  });

  it("duplicate content: bad-body with X's message", () => {
    const b = body({
      detail: "You are not allowed to create a Tweet with duplicate content.",
      type: "about:blank",
      title: "Forbidden",
      status: 403,
    });
    expect(x.handleErrors(b, 403)).toEqual({ kind: "bad-body", message: "You are not allowed to create a Tweet with duplicate content." });
  });

  it("429 rate-limit-exceeded / Too Many Requests: retry (the wait comes from x-rate-limit-reset)", () => {
    expect(
      x.handleErrors(body({ title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 }), 429),
    ).toEqual({ kind: "retry", message: "Too Many Requests" });
    expect(
      x.handleErrors(body({ title: "Too Many Requests", type: "https://api.x.com/2/problems/rate-limit-exceeded", status: 429 }), 429).kind,
    ).toBe("retry");
  });

  it("429 usage-capped: bad-body, waiting minutes will not help", () => {
    const b = body({
      title: "UsageCapExceeded",
      detail: "Usage cap exceeded: Monthly product cap",
      type: "https://api.x.com/2/problems/usage-capped",
      period: "Monthly",
      scope: "Product",
    });
    expect(x.handleErrors(b, 429)).toEqual({ kind: "bad-body", message: "Usage cap exceeded: Monthly product cap" });
  });

  it("bad media or too many items: bad-body naming the broken parameter", () => {
    const tooMany = body({
      errors: [
        {
          parameters: { "media.media_ids": ["1", "2", "3", "4", "5"] },
          message: "$.media.media_ids: there must be a maximum of 4 items in the array",
        },
      ],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.x.com/2/problems/invalid-request",
    });
    expect(x.handleErrors(tooMany, 400)).toEqual({
      kind: "bad-body",
      message: "$.media.media_ids: there must be a maximum of 4 items in the array",
    });
    const invalidUrl = body({
      errors: [{ message: "invalid URL" }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.x.com/2/problems/invalid-request",
    });
    expect(x.handleErrors(invalidUrl, 400)).toEqual({ kind: "bad-body", message: "invalid URL" });
    const failed = body({
      data: { id: "1" },
      processing_info: { state: "failed", error: { code: 1, name: "InvalidMedia", message: "Unsupported video format" } },
    });
    expect(x.handleErrors(failed, 400)).toEqual({ kind: "bad-body", message: "Unsupported video format" });
  });

  it("account suspended: disconnect", () => {
    const b = body({
      title: "Forbidden",
      detail: "Your account is suspended and is not permitted to access this feature.",
      type: "https://api.x.com/2/problems/user-suspended",
      status: 403,
    });
    expect(x.handleErrors(b, 403).kind).toBe("disconnect");
  });

  it("5xx / Service Unavailable: retry", () => {
    expect(
      x.handleErrors(body({ title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 }), 503),
    ).toEqual({ kind: "retry", message: "Service Unavailable" });
    expect(
      x.handleErrors(body({ title: "Internal Server Error", type: "https://api.x.com/2/problems/internal-error", status: 500 }), 500).kind,
    ).toBe("retry");
    expect(x.handleErrors("<html>Bad gateway</html>", 502)).toEqual({ kind: "retry", message: "<html>Bad gateway</html>" });
  });

  it("a deleted reply target: bad-body", () => {
    const b = body({
      title: "Forbidden",
      detail: "You attempted to reply to a Tweet that is deleted or not visible to you.",
      type: "about:blank",
      status: 403,
    });
    expect(x.handleErrors(b, 403).kind).toBe("bad-body");
  });
});

describe("X weighted length", () => {
  it.each([
    ["ASCII weighs 1 each", "Hello, world!", 13],
    ["a URL weighs 23 whatever its length", "Read https://example.com/a/very/long/path?with=query&and=more", 5 + 23],
    ["an emoji weighs 2", "ok 😀", 5],
    ["CJK weighs 2 each", "日本語", 6],
    ["Hangul weighs 2 each", "한국", 4],
    ["combining marks are NFC-normalised first", "Cafe\u0301", 4],
    ["a ZWJ family is one emoji", "👨‍👩‍👧‍👦", 2],
    ["a skin-toned emoji is one emoji", "👍🏽", 2],
    ["curly quotes are light", "“hi”", 4],
  ])("%s", (_label, text, weight) => {
    expect(xWeightedLength(text)).toBe(weight);
  });

  it("280 fits, 281 does not, whichever way the weight is made", () => {
    expect(xWeightedLength("a".repeat(280))).toBe(280);
    expect(xWeightedLength("a".repeat(281))).toBe(281);
    expect(xWeightedLength("日".repeat(140))).toBe(280);
    expect(xWeightedLength(`${"a".repeat(256)} https://example.com`)).toBe(280);
    expect(xWeightedLength(`${"a".repeat(257)} https://example.com`)).toBe(281);
    expect(x.maxLength()).toBe(280);
  });
});

describe("settings", () => {
  it("accepts the documented values", () => {
    expect(xSettings.parse({})).toEqual({});
    expect(xSettings.parse({ replySettings: "mentionedUsers", communityId: "1493446837214187523" })).toEqual({
      replySettings: "mentionedUsers",
      communityId: "1493446837214187523",
    });
  });

  it("names the field in its errors", () => {
    const reply = xSettings.safeParse({ replySettings: "everyone" });
    expect(reply.error?.issues[0]?.message).toMatch(/Who can reply/);
    const community = xSettings.safeParse({ communityId: "abc" });
    expect(community.error?.issues[0]?.message).toMatch(/Community id/);
  });
});

describe("capabilities and the authorization URL", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("publishes X's rules as data", () => {
    expect(x).toMatchObject({
      identifier: "x",
      editor: "normal",
      counting: "x-weighted",
      maxConcurrentJob: 10,
      oneTimeToken: false,
      analyticsSupport: { account: true, post: true },
    });
    expect(x.polls).toEqual({
      minOptions: 2,
      maxOptions: 4,
      maxOptionLength: 25,
      durationMinutes: { min: 5, max: 10080 },
      withMedia: false,
    });
    expect(x.threads).toEqual({ kind: "replies", maxItems: 25 });
    expect(x.media).toMatchObject({
      maxItems: 4,
      mixKinds: false,
      image: { maxCount: 4, maxBytes: 5 * 1024 * 1024 },
      video: { maxCount: 1 },
      gif: { maxCount: 1 },
    });
    expect(x.rules).toMatch(/280/);
  });

  it("asks x.com for every scope with PKCE S256", async () => {
    delete process.env.PROVIDER_SANDBOX_URL;
    process.env.X_CLIENT_ID = "my-client";
    process.env.X_CLIENT_SECRET = "my-secret";
    const start = await x.generateAuthUrl({ redirectUri: "https://app.example/cb", state: "abc", codeVerifier: "v".repeat(43) });
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe("https://x.com/i/oauth2/authorize");
    expect(url.searchParams.get("scope")).toBe("tweet.read tweet.write users.read offline.access media.write");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("client_id")).toBe("my-client");
    expect(x.missingConfig()).toEqual([]);
  });

  it("reports missing app credentials", () => {
    delete process.env.PROVIDER_SANDBOX_URL;
    delete process.env.X_CLIENT_ID;
    delete process.env.X_CLIENT_SECRET;
    expect(x.missingConfig()).toEqual(["X_CLIENT_ID", "X_CLIENT_SECRET"]);
  });
});
