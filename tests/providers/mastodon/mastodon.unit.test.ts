import { afterEach, describe, expect, it } from "vitest";
import { mastodonLength } from "@/providers/core/counting";
import { MastodonProvider } from "@/providers/mastodon/mastodon.provider";
import { instanceBase } from "@/providers/mastodon/mastodon.instance";
import { mastodonSettings } from "@/providers/mastodon/mastodon.settings";

const provider = new MastodonProvider();
const err = (text: string) => JSON.stringify({ error: text });

describe("Mastodon error classification (fact sheet section 4)", () => {
  const rows: [number, string, string][] = [
    [401, err("The access token is invalid"), "refresh-token"],
    [401, err("The access token was revoked"), "refresh-token"],
    [401, err("The access token expired"), "refresh-token"],
    [403, err("Your login is currently disabled"), "disconnect"],
    [403, err("Your login is missing a confirmed e-mail address"), "disconnect"],
    [403, err("Your login is currently pending approval"), "disconnect"],
    [403, err("This action is outside the authorized scopes"), "disconnect"],
    [422, err("Validation failed: Text character limit of 500 exceeded"), "bad-body"],
    [422, err("Validation failed: Text can't be blank"), "bad-body"],
    [422, err("Cannot attach files that have not finished processing. Try again in a moment!"), "retry"],
    [422, err("Validation failed: File content type is invalid, File is invalid"), "bad-body"],
    [404, err("Record not found"), "bad-body"],
    [429, err("Too many requests"), "retry"],
    [500, err("Error processing thumbnail for uploaded media"), "retry"],
    [
      400,
      JSON.stringify({ error: "invalid_grant", error_description: "The provided authorization grant is invalid, expired, revoked" }),
      "disconnect",
    ],
    [401, JSON.stringify({ error: "invalid_client", error_description: "Client authentication failed" }), "disconnect"],
  ];

  it.each(rows)("HTTP %i %s -> %s", (status, body, kind) => {
    const handled = provider.handleErrors(body, status);
    expect(handled?.kind).toBe(kind);
    const text = JSON.parse(body) as { error_description?: string; error: string };
    expect(handled?.message).toContain(text.error_description ?? text.error);
  });

  it("tells the user to reconnect with every permission when a scope is missing", () => {
    expect(provider.handleErrors(err("This action is outside the authorized scopes"), 403)?.message).toMatch(
      /approve every requested permission/,
    );
  });

  it("leaves other answers to the status rules", () => {
    expect(provider.handleErrors("<html>Bad gateway</html>", 502)).toBeUndefined();
  });
});

describe("Mastodon character counting", () => {
  it("counts any URL as 23", () => {
    expect(mastodonLength(`https://example.com/${"x".repeat(100)}`)).toBe(23);
    expect(mastodonLength("see http://a.io/x.")).toBe("see ".length + 23 + 1);
  });

  it("counts @user@domain as @user", () => {
    expect(mastodonLength("hi @alice@mastodon.social")).toBe("hi @alice".length);
    expect(mastodonLength("@bob")).toBe(4);
  });

  it("counts grapheme clusters, not code units", () => {
    expect(mastodonLength("👨‍👩‍👧")).toBe(1);
    expect(mastodonLength("e\u0301")).toBe(1);
    expect(mastodonLength("🇫🇷!")).toBe(2);
  });
});

describe("Mastodon settings", () => {
  it("defaults to public", () => {
    expect(mastodonSettings.parse({})).toEqual({ visibility: "public" });
  });

  it("names the field in its errors", () => {
    const bad = mastodonSettings.safeParse({ visibility: "friends", spoilerText: "x".repeat(501), sensitive: "yes" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Visibility/),
        expect.stringMatching(/^Content warning/),
        expect.stringMatching(/^Sensitive/),
      ]),
    );
  });
});

describe("Mastodon server address", () => {
  afterEach(() => {
    delete process.env.PROVIDER_SANDBOX_URL;
    delete process.env.MASTODON_INSTANCE_URL;
    delete process.env.ALLOW_PRIVATE_NETWORK;
  });

  it("normalises what the user typed", () => {
    expect(instanceBase("mastodon.social")).toBe("https://mastodon.social");
    expect(instanceBase(" https://fosstodon.org/ ")).toBe("https://fosstodon.org");
    expect(instanceBase(undefined)).toBe("https://mastodon.social");
  });

  it("keeps http:// only where private networks are allowed", () => {
    expect(() => instanceBase("http://127.0.0.1:4400/mastodon/")).toThrow(/https/);
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    expect(instanceBase("http://127.0.0.1:4400/mastodon/")).toBe("http://127.0.0.1:4400/mastodon");
  });

  it("is pinned to the emulator in sandbox mode", () => {
    process.env.PROVIDER_SANDBOX_URL = "http://127.0.0.1:4400/";
    expect(instanceBase("mastodon.social")).toBe("http://127.0.0.1:4400/mastodon");
  });
});

describe("Mastodon capabilities", () => {
  it("describes its limits as data", () => {
    expect(provider).toMatchObject({
      authKind: "instance-oauth",
      editor: "normal",
      counting: "mastodon",
      maxConcurrentJob: 5,
      oneTimeToken: true,
      instanceField: { label: "Mastodon server", placeholder: "mastodon.social", defaultValue: "https://mastodon.social" },
      polls: { minOptions: 2, maxOptions: 4, maxOptionLength: 50, durationMinutes: { min: 5, max: 43_829 }, withMedia: false },
      threads: { kind: "replies", maxItems: 25 },
      media: { maxItems: 4, mixKinds: false, image: { maxCount: 4, maxBytes: 16 * 1024 * 1024 }, video: { maxCount: 1 } },
      analyticsSupport: { account: true, post: true },
    });
    expect(provider.missingConfig()).toEqual([]);
    expect("refreshToken" in provider).toBe(false);
  });
});
