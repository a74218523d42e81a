import { describe, expect, it } from "vitest";
import { HashnodeProvider } from "@/providers/hashnode/hashnode.provider";
import { hashnodeSettings } from "@/providers/hashnode/hashnode.settings";
import { hashnodeTags, tagSlug } from "@/providers/hashnode/hashnode.tags";

// Hashnode's error rows, tags and settings, without a network.

const provider = new HashnodeProvider();
const gqlBody = (code: string, message: string) =>
  JSON.stringify({ errors: [{ message, extensions: { code }, path: ["publishPost"] }], data: null });
const PRO = "Publication does not have an active Pro plan. Upgrade in your dashboard to access this via the API.";

describe("hashnode handleErrors: every documented row", () => {
  // [HTTP status, extensions.code, message, outcome]: GraphQL errors usually come with HTTP 200.
  const rows: [number, string, string, string][] = [
    [200, "UNAUTHENTICATED", "You must be logged in to perform this action.", "disconnect"],
    [200, "FORBIDDEN", PRO, "bad-body"],
    [200, "FORBIDDEN", "You are not allowed to publish to this publication.", "bad-body"],
    [200, "NOT_FOUND", "Publication not found", "bad-body"],
    [200, "BAD_USER_INPUT", "A post can have at most 15 tags", "bad-body"],
    [
      400,
      "BAD_USER_INPUT",
      'Variable "$input" got invalid value; Field "coverImageOptions" is not defined by type "PublishPostInput".',
      "bad-body",
    ],
    [400, "GRAPHQL_VALIDATION_FAILED", 'Cannot query field "story" on type "Query".', "bad-body"],
    [400, "GRAPHQL_PARSE_FAILED", "Syntax Error: Expected Name, found <EOF>.", "bad-body"],
    [200, "TOO_MANY_REQUESTS", "Too many requests, please try again later.", "retry"],
    [429, "TOO_MANY_REQUESTS", "Too many requests, please try again later.", "retry"],
    [200, "INTERNAL_SERVER_ERROR", "Unexpected error.", "retry"],
    [500, "INTERNAL_SERVER_ERROR", "Unexpected error.", "retry"],
  ];
  it.each(rows)("%i %s (%s) -> %s", (status, code, message, kind) => {
    const h = provider.handleErrors(gqlBody(code, message), status);
    expect(h?.kind).toBe(kind);
    expect(h?.message).toContain(message.replace(/\.$/, ""));
  });

  it("says the blog needs Hashnode Pro, and that retrying will not help, for the Pro-plan refusal", () => {
    expect(provider.handleErrors(gqlBody("FORBIDDEN", PRO), 200)?.message).toMatch(
      /only accepts posts through its API for blogs on Hashnode Pro/,
    );
  });

  it("tells the user to reconnect when the token is refused", () => {
    expect(provider.handleErrors(gqlBody("UNAUTHENTICATED", "You must be logged in to perform this action."), 200)?.message).toMatch(
      /reconnect with a new token/,
    );
  });

  it("lets the worst of several errors decide, and keeps an HTTP 5xx transient", () => {
    const two = JSON.stringify({
      errors: [
        { message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } },
        { message: "You must be logged in to perform this action.", extensions: { code: "UNAUTHENTICATED" } },
      ],
    });
    expect(provider.handleErrors(two, 200)?.kind).toBe("disconnect");
    expect(provider.handleErrors(gqlBody("BAD_USER_INPUT", "x"), 503)?.kind).toBe("retry");
  });

  it("an unknown code is the platform refusing the request, in its words", () => {
    expect(provider.handleErrors(gqlBody("SOMETHING_NEW", "Nope"), 200)).toEqual({ kind: "bad-body", message: "Nope" });
  });

  it("names the retired endpoint for an HTML page (gql.hashnode.com's 301 announcement, a Cloudflare block), never 'invalid credentials'", () => {
    const page = "<!DOCTYPE html><html><body>The Hashnode GraphQL API has moved</body></html>";
    for (const status of [200, 403]) {
      const h = provider.handleErrors(page, status);
      expect(h?.kind).toBe("bad-body");
      expect(h?.message).toMatch(/gql-beta\.hashnode\.com/);
      expect(h?.message).toMatch(/not a problem with the token/);
    }
  });

  it("leaves other bodies to the status rules", () => {
    expect(provider.handleErrors("upstream connect error", 502)).toBeUndefined();
    expect(provider.handleErrors("{}", 400)).toBeUndefined();
  });
});

describe("hashnode tags: { slug, name } objects", () => {
  it("slugs the words typed, dropping accents and punctuation", () => {
    expect(tagSlug("Web Development")).toBe("web-development");
    expect(tagSlug("  C++ / Rust  ")).toBe("c-rust");
    expect(tagSlug("Café")).toBe("cafe");
    expect(tagSlug("日本語")).toBe("日本語");
  });

  it("keeps the first of each slug, at most 15, and nothing for no tags", () => {
    expect(hashnodeTags(["JavaScript", "javascript", "Node.js"])).toEqual([
      { slug: "javascript", name: "JavaScript" },
      { slug: "node-js", name: "Node.js" },
    ]);
    expect(hashnodeTags(Array.from({ length: 20 }, (_x, i) => `tag ${i}`))).toHaveLength(15);
    expect(hashnodeTags([])).toBeUndefined();
    expect(hashnodeTags(undefined)).toBeUndefined();
  });
});

describe("hashnode settings", () => {
  const ok = (v: unknown) => hashnodeSettings.safeParse(v);
  const message = (v: unknown) =>
    ok(v)
      .error?.issues.map((i) => i.message)
      .join("; ") ?? "";

  it("requires a title of at least 6 characters, naming the field and the rule", () => {
    expect(message({})).toMatch(/^title: a title is required \(at least 6 characters\)/);
    expect(message({ title: "Short" })).toMatch(/title: Hashnode needs a title of at least 6 characters/);
    expect(message({ title: "  abc   " })).toMatch(/at least 6 characters/);
    expect(ok({ title: "Shipping" }).success).toBe(true);
  });

  it("takes at most 15 tags, each with a letter or digit", () => {
    expect(message({ title: "Shipping", tags: Array.from({ length: 16 }, (_x, i) => `t${i}`) })).toMatch(/at most 15 tags/);
    expect(message({ title: "Shipping", tags: ["--"] })).toMatch(/at least one letter or digit/);
    expect(ok({ title: "Shipping", tags: ["graphql", "api"] }).success).toBe(true);
  });

  it("takes a series by its id (an ObjectId)", () => {
    expect(message({ title: "Shipping", seriesId: "Deep dives" })).toMatch(/seriesId: pick one of the blog's series/);
    expect(ok({ title: "Shipping", seriesId: "0123456789abcdef01234567" }).success).toBe(true);
  });

  it("takes an http(s) canonical URL and a lower-case slug", () => {
    expect(message({ title: "Shipping", canonicalUrl: "ftp://example.com/a" })).toMatch(/canonicalUrl: .*http\(s\) URL/);
    expect(message({ title: "Shipping", slug: "Not A Slug" })).toMatch(/slug: lower-case letters/);
    expect(ok({ title: "Shipping", canonicalUrl: "https://blog.example.com/x", slug: "shipping-2" }).success).toBe(true);
    expect(message({ title: "Shipping", canonicalUrl: "not a url" })).toMatch(/canonicalUrl: .*http\(s\) URL/);
  });

  it("takes an emptied text field as not set", () => {
    expect(ok({ title: "Shipping", canonicalUrl: "", slug: "", seriesId: "", subtitle: "" }).success).toBe(true);
  });
});
