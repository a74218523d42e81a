import { describe, expect, it } from "vitest";
import { countText } from "@/providers/core/counting";
import { buildFacets, detectCandidates, utf8Offset } from "@/providers/bluesky/bluesky.facets";
import { checkMedia } from "@/providers/bluesky/bluesky.media";
import { checkText } from "@/providers/bluesky/bluesky.post";
import { BlueskyProvider } from "@/providers/bluesky/bluesky.provider";
import { isTid, rkeyFromIdempotencyKey } from "@/providers/bluesky/bluesky.rkey";
import { blueskySettings } from "@/providers/bluesky/bluesky.settings";
import { jwtExpiresIn } from "@/providers/bluesky/bluesky.xrpc";

const provider = new BlueskyProvider();
const err = (error: string, message: string) => JSON.stringify({ error, message });
const slice = (text: string, start: number, end: number) => Buffer.from(text).subarray(start, end).toString("utf8");

describe("bluesky handleErrors: every documented row", () => {
  const rows: [number, string, string, string][] = [
    [400, "ExpiredToken", "Token has expired", "refresh-token"],
    [400, "ExpiredToken", "Token has been revoked", "refresh-token"], // refreshToken() then logs in once, else disconnects
    [400, "InvalidToken", "Token could not be verified", "refresh-token"],
    [401, "AuthenticationRequired", "Invalid identifier or password", "disconnect"],
    [401, "AuthMissing", "Authentication Required", "disconnect"],
    [401, "AuthFactorTokenRequired", "A sign in code has been sent to your email address", "disconnect"],
    [401, "AccountTakedown", "Account has been taken down", "disconnect"],
    [429, "RateLimitExceeded", "Rate Limit Exceeded", "retry"],
    [400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes", "bad-body"],
    [400, "InvalidRequest", "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text", "bad-body"],
    [400, "BlobTooLarge", "This file is too large. It is 1.47MB but the maximum size is 976.56KB.", "bad-body"],
    [400, "InvalidSwap", "Commit was at bafyrei…", "retry"],
    [500, "InternalServerError", "Internal Server Error", "retry"],
    [502, "UpstreamFailure", "Upstream service unreachable", "retry"],
    [503, "NotEnoughResources", "Not enough resources", "retry"],
    [504, "UpstreamTimeout", "Upstream timed out", "retry"],
  ];
  it.each(rows)("%i %s (%s) -> %s", (status, error, message, kind) => {
    const h = provider.handleErrors(err(error, message), status);
    expect(h?.kind).toBe(kind);
    expect(h?.message).toContain(message);
  });

  it("tells the user to use an app password when email 2FA is asked for", () => {
    expect(
      provider.handleErrors(err("AuthFactorTokenRequired", "A sign in code has been sent to your email address"), 401)?.message,
    ).toMatch(/app password/);
  });

  it("falls back to the status for bodies that are not XRPC errors", () => {
    expect(provider.handleErrors("<html>Bad gateway</html>", 502)?.kind).toBe("retry");
    expect(provider.handleErrors("", 418)).toBeUndefined();
  });
});

describe("bluesky facets", () => {
  it("uses UTF-8 byte offsets: an emoji before a link", () => {
    const text = "👋🏽 café https://example.com/a?b=1. #Postmill";
    const [link, tag] = detectCandidates(text);
    expect(link).toMatchObject({ kind: "link", uri: "https://example.com/a?b=1" });
    expect(tag).toMatchObject({ kind: "tag", tag: "Postmill" });
    expect(utf8Offset(text, link!.start)).toBe(Buffer.byteLength("👋🏽 café "));
    expect(utf8Offset(text, link!.start)).not.toBe(link!.start);
  });

  it("builds link, tag and mention facets whose byte ranges cut out exactly the marked text", async () => {
    const text = "Grüße 🎉 @alice.test und @nobody.test: https://bsky.app/x #tag1 #42";
    const facets = await buildFacets(text, async (h) => (h === "alice.test" ? "did:plc:alice" : undefined));
    expect(facets.map((f) => slice(text, f.index.byteStart, f.index.byteEnd))).toEqual(["@alice.test", "https://bsky.app/x", "#tag1"]);
    expect(facets.map((f) => f.features[0])).toEqual([
      { $type: "app.bsky.richtext.facet#mention", did: "did:plc:alice" },
      { $type: "app.bsky.richtext.facet#link", uri: "https://bsky.app/x" },
      { $type: "app.bsky.richtext.facet#tag", tag: "tag1" },
    ]);
  });

  it("does not overlap: a # inside a link stays part of the link; emails are not mentions", () => {
    const c = detectCandidates("see https://a.io/page#section and https://a.io/@bob.test, mail bob@example.com");
    expect(c).toEqual([
      expect.objectContaining({ kind: "link", uri: "https://a.io/page#section" }),
      expect.objectContaining({ kind: "link", uri: "https://a.io/@bob.test" }),
    ]);
  });
});

describe("bluesky limits and counting", () => {
  it("counts graphemes: a family emoji is one of 300", () => {
    expect(countText(provider.counting, "👨‍👩‍👧‍👦".repeat(300))).toBe(300);
    expect(() => checkText("👨‍👩‍👧‍👦".repeat(300))).toThrow(/3000 bytes/); // 300 graphemes but 7,500 bytes
    expect(() => checkText("a".repeat(301))).toThrow(/301 characters/);
    expect(() => checkText("a".repeat(300))).not.toThrow();
    expect(provider.maxLength()).toBe(300);
  });

  it("checks media before uploading", () => {
    const png = (n = 10) => ({ mimeType: "image/png", bytes: new Uint8Array(n) });
    expect(checkMedia([png(), png()])).toBe("images");
    expect(() => checkMedia(Array.from({ length: 5 }, () => png()))).toThrow(/at most 4 images/);
    expect(() => checkMedia([png(1_000_001)])).toThrow(/at most 1.00 MB/);
    expect(() => checkMedia([{ mimeType: "image/png" }])).toThrow(/no file content/);
    expect(() => checkMedia([png(), { mimeType: "video/mp4", bytes: new Uint8Array(5) }])).toThrow(/mix/);
    expect(() => checkMedia([{ mimeType: "image/bmp", bytes: new Uint8Array(5) }])).toThrow(/image\/bmp/);
  });

  it("validates langs with messages naming the field", () => {
    expect(blueskySettings.safeParse({ langs: ["en", "pt-BR"] }).success).toBe(true);
    const r = blueskySettings.safeParse({ langs: ["en", "de", "fr", "es"] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^langs:/);
  });
});

describe("bluesky record keys and tokens", () => {
  it("derives a stable, valid TID from an idempotency key", () => {
    const a = rkeyFromIdempotencyKey("publish-123");
    expect(isTid(a)).toBe(true);
    expect(rkeyFromIdempotencyKey("publish-123")).toBe(a);
    expect(rkeyFromIdempotencyKey("publish-124")).not.toBe(a);
  });

  it("reads expiresIn from the access JWT's exp claim", () => {
    const now = 1_800_000_000_000;
    const payload = Buffer.from(JSON.stringify({ exp: now / 1000 + 7200 })).toString("base64url");
    expect(jwtExpiresIn(`x.${payload}.sig`, now)).toBe(7200);
    expect(jwtExpiresIn("not-a-jwt")).toBeUndefined();
  });
});
