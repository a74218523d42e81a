import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { waitFromMessage } from "@/providers/ghost/ghost.errors";
import { ghostHtml } from "@/providers/ghost/ghost.html";
import { adminToken, parseAdminKey } from "@/providers/ghost/ghost.key";
import { GhostProvider } from "@/providers/ghost/ghost.provider";
import { ghostSettings } from "@/providers/ghost/ghost.settings";
import { siteBase } from "@/providers/ghost/ghost.api";

const provider = new GhostProvider();
/** Ghost's error body as its API serialises it (@tryghost/errors). */
const ghostBody = (type: string, message: string, code: string | null = null, context: string | null = null) =>
  JSON.stringify({ errors: [{ message, context, type, details: null, property: null, help: null, code, id: "e1", ghostErrorCode: null }] });

describe("ghost handleErrors: every documented row", () => {
  const rows: [number, string, string, string | null, string][] = [
    [401, "UnauthorizedError", "Invalid token: jwt expired", "INVALID_JWT", "refresh-token"],
    [401, "UnauthorizedError", "Invalid token: invalid signature", "INVALID_JWT", "refresh-token"],
    [401, "UnauthorizedError", "Invalid token: jwt audience invalid. expected: /admin/", "INVALID_JWT", "refresh-token"],
    [401, "UnauthorizedError", "Invalid token: maxAge exceeded", "INVALID_JWT", "refresh-token"],
    [401, "UnauthorizedError", "Unknown Admin API Key", "UNKNOWN_ADMIN_API_KEY", "disconnect"],
    [401, "UnauthorizedError", "Invalid API Key type", "INVALID_API_KEY_TYPE", "disconnect"],
    [401, "UnauthorizedError", 'Authorization header format is "Authorization: Ghost [token]"', "INVALID_AUTH_HEADER", "bad-body"],
    [400, "BadRequestError", "Admin API kid missing.", "MISSING_ADMIN_API_KID", "bad-body"],
    [400, "BadRequestError", "Invalid token", "INVALID_JWT", "refresh-token"],
    [401, "UnauthorizedError", "Authorization failed", null, "refresh-token"],
    [403, "NoPermissionError", "You do not have permission to perform this action", null, "disconnect"],
    [403, "HostLimitError", "Your plan does not support custom integrations.", null, "disconnect"],
    [422, "ValidationError", "Value in [posts.title] cannot be blank.", null, "bad-body"],
    [422, "ValidationError", "Date must be at least 2 minutes in the future.", null, "bad-body"],
    [422, "ValidationError", "The newsletter parameter doesn't match any active newsletter.", null, "bad-body"],
    [400, "BadRequestError", "No root key ('posts') provided.", null, "bad-body"],
    [404, "NotFoundError", "Post not found.", null, "bad-body"],
    [409, "UpdateCollisionError", "Saving failed! Someone else is editing this post.", "UPDATE_COLLISION", "bad-body"],
    [413, "RequestEntityTooLargeError", "Request is larger than the maximum file size the server allows", null, "bad-body"],
    [415, "UnsupportedMediaTypeError", "Please select a valid image.", null, "bad-body"],
    [429, "TooManyRequestsError", "Too many attempts try again in 20 minutes", null, "retry"],
    [500, "InternalServerError", "An unexpected error occurred, please try again.", null, "retry"],
    [503, "MaintenanceError", "Site is currently undergoing maintenance, please wait a moment then retry.", null, "retry"],
  ];
  it.each(rows)("%i %s %s (%s) -> %s", (status, type, message, code, kind) => {
    const h = provider.handleErrors(ghostBody(type, message, code), status);
    expect(h?.kind).toBe(kind);
    expect(h?.message).toContain(message);
  });

  it("adds Ghost's context to its message, and says what to do when the key is gone", () => {
    const h = provider.handleErrors(
      ghostBody("ValidationError", "Validation error, cannot save post.", null, "Value in [posts.title] cannot be blank."),
      422,
    );
    expect(h?.message).toBe("Validation error, cannot save post.: Value in [posts.title] cannot be blank.");
    expect(provider.handleErrors(ghostBody("UnauthorizedError", "Unknown Admin API Key", "UNKNOWN_ADMIN_API_KEY"), 401)?.message).toMatch(
      /reconnect with the current Admin API key/,
    );
  });

  it("reads when to come back from the limiter's words, and leaves unknown answers to the status rules", () => {
    expect(waitFromMessage("Too many attempts try again in 20 minutes")).toBe(20 * 60_000);
    expect(waitFromMessage("Too many attempts try again in an hour")).toBe(3_600_000);
    expect(provider.handleErrors(ghostBody("TooManyRequestsError", "Too many attempts try again in 10 minutes"), 429)?.retryAfterMs).toBe(
      600_000,
    );
    expect(provider.handleErrors("<html>Bad gateway</html>", 502)).toBeUndefined();
    expect(provider.handleErrors("<html>slow down</html>", 429)?.kind).toBe("retry");
  });
});

describe("ghost Admin API key and token", () => {
  const id = "6748592f4b9b7700010f6564";
  const secret = "b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1";

  it("accepts id:secret and says what is wrong with anything else", () => {
    expect(parseAdminKey(` ${id}:${secret.toUpperCase()} `)).toEqual({ id, secret });
    expect(parseAdminKey("22444f78447824223cefc48062")).toMatchObject({ problem: expect.stringMatching(/Content API key/) });
    expect(parseAdminKey(`${id}:abc`)).toMatchObject({
      problem: expect.stringMatching(/24-character id, a colon and a 64-character secret/),
    });
    expect(parseAdminKey("")).toMatchObject({ problem: expect.stringMatching(/Settings → Integrations/) });
  });

  it("signs an HS256 JWT with kid = id, aud /admin/ and a 5-minute life, keyed by the hex-decoded secret", () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0);
    const token = adminToken({ id, secret }, now);
    const [h, p, sig] = token.split(".");
    expect(JSON.parse(Buffer.from(h!, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT", kid: id });
    expect(JSON.parse(Buffer.from(p!, "base64url").toString())).toEqual({
      iat: now / 1000,
      exp: now / 1000 + 300,
      aud: "/admin/",
      jti: expect.any(String),
    });
    expect(sig).toBe(createHmac("sha256", Buffer.from(secret, "hex")).update(`${h}.${p}`).digest("base64url"));
    expect(adminToken({ id, secret }, now)).not.toBe(token);
    // The usual hand-rolled mistake, the secret's hex text as the key, would give another signature.
    expect(sig).not.toBe(createHmac("sha256", secret).update(`${h}.${p}`).digest("base64url"));
  });
});

describe("ghost body and site address", () => {
  it("turns plain text into escaped paragraphs, as Ghost's editor would", () => {
    expect(ghostHtml("Fish & chips < 5 €\n\nSecond line\nwrapped")).toBe("<p>Fish &amp; chips &lt; 5 €</p><p>Second line<br>wrapped</p>");
  });

  it("keeps the post-html allow-list and drops anything else", () => {
    const html = ghostHtml(
      '<h2>Title</h2><p onclick="x()">A <b>bold</b> <a href="javascript:alert(1)">link</a></p><script>alert(1)</script><img src="https://cdn.example/a.png" alt="A">',
    );
    expect(html).toBe('<h2>Title</h2><p>A <strong>bold</strong> <a>link</a></p><img src="https://cdn.example/a.png" alt="A" />');
  });

  it("finds the site from what users paste: the site, its /ghost/ admin or the API base", () => {
    for (const typed of ["https://blog.example.com", "https://blog.example.com/ghost/", "https://blog.example.com/ghost/api/admin/"])
      expect(siteBase(typed)).toBe("https://blog.example.com");
    expect(siteBase("https://example.com/blog/ghost")).toBe("https://example.com/blog");
  });
});

describe("ghost settings", () => {
  it("requires a title of at most 255 characters, naming the field", () => {
    const empty = ghostSettings.safeParse({});
    expect(empty.success).toBe(false);
    expect(empty.error!.issues.map((i) => i.path.join("."))).toEqual(["title"]);
    expect(ghostSettings.safeParse({ title: "x".repeat(256) }).error!.issues[0]!.message).toBe(
      "title: Ghost allows at most 255 characters",
    );
    expect(ghostSettings.parse({ title: "Hello" })).toEqual({ title: "Hello", status: "published" });
  });

  it("checks the rules between status, publish time and newsletter", () => {
    const issues = (v: object) => ghostSettings.safeParse({ title: "t", ...v }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ status: "scheduled" })).toEqual(["publishedAt: a scheduled Ghost post needs its publish time"]);
    expect(issues({ publishedAt: "2026-12-24T10:00:00Z" })).toEqual(["publishedAt: only a post Ghost schedules takes a publish time"]);
    expect(issues({ status: "draft", newsletter: "weekly" })).toEqual([
      "newsletter: Ghost emails a post when it publishes it, not a draft",
    ]);
    expect(issues({ emailSegment: "status:free" })).toEqual(["emailSegment: pick the newsletter to send it with"]);
    expect(issues({ excerpt: "e".repeat(301) })).toEqual(["excerpt: Ghost allows at most 300 characters"]);
    expect(
      issues({ status: "scheduled", publishedAt: "2026-12-24T10:00:00Z", newsletter: "weekly", emailSegment: "status:-free" }),
    ).toEqual([]);
  });
});
