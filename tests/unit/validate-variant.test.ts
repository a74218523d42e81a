import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { validateVariant } from "@/lib/posts/validate-variant";
import { providers } from "@/providers/registry";

const x = { channelName: "Acme", provider: providers.x };
const mastodon = { channelName: "Acme toots", provider: providers.mastodon };

describe("validateVariant", () => {
  it("accepts a post within every rule", () => {
    expect(validateVariant({ ...x, items: [{ text: "Hello https://example.com/a/long/path" }, { text: "reply" }] })).toEqual({});
  });

  it("counts the platform's way and names the channel and the limit", () => {
    const text = `${"a".repeat(270)} https://example.com/${"x".repeat(100)}`; // 271 + 23 weighted
    expect(validateVariant({ ...x, items: [{ text }] })).toEqual({ "items.0.text": "Acme (X): 294 of 280 characters used; shorten by 14" });
    expect(validateVariant({ ...mastodon, items: [{ text }] })).toEqual({});
  });

  it("names same-named channels by handle and server, so the user knows which one to fix", () => {
    const long = "a".repeat(600);
    const on = (instanceUrl: string) =>
      validateVariant({ ...mastodon, username: "acme", instanceUrl, items: [{ text: long }] })["items.0.text"];
    expect(on("https://one.example")).toMatch(/^Acme toots \(Mastodon, @acme on one\.example\): 600 of 500/);
    expect(on("http://127.0.0.1:4592")).toMatch(/^Acme toots \(Mastodon, @acme on 127\.0\.0\.1:4592\)/);
  });

  it("uses the channel's own limit (a Mastodon instance that allows more)", () => {
    const text = "a".repeat(600);
    expect(validateVariant({ ...mastodon, items: [{ text }] })["items.0.text"]).toBe(
      "Acme toots (Mastodon): 600 of 500 characters used; shorten by 100",
    );
    expect(validateVariant({ ...mastodon, profile: { instanceMaxCharacters: 1000 }, items: [{ text }] })).toEqual({});
  });

  describe("uploaded files for platforms that download attachments (media.byLinkOnly)", () => {
    const devto = { channelName: "Acme dev", provider: providers.devto, settings: { title: "A title" } };
    const nostr = { channelName: "Acme notes", provider: providers.nostr };
    const png = { mimeType: "image/png", fileName: "cover.png", size: 1000 };
    const uploaded = (v: typeof devto | typeof nostr) =>
      validateVariant({ ...v, items: [{ text: "Body", media: [{ ...png, uploaded: true }] }] });
    beforeEach(() => {
      vi.stubEnv("ALLOW_PRIVATE_NETWORK", "0");
      vi.stubEnv("PROVIDER_SANDBOX_URL", "");
      vi.stubEnv("MEDIA_S3_BUCKET", "");
      vi.stubEnv("APP_URL", "http://localhost:3000");
    });
    afterEach(() => vi.unstubAllEnvs());

    it("refuses one while the server has no public address, saying why, and takes the same file by its link", () => {
      expect(uploaded(devto)).toEqual({
        "items.0.media.0":
          'Acme dev (DEV) downloads attachments from a public address, and "cover.png" was uploaded here, but this server\'s address (APP_URL localhost:3000) cannot be reached from the internet and no object store (MEDIA_S3_*) is set; attach it by its link instead',
      });
      expect(validateVariant({ ...devto, items: [{ text: "Body", media: [png] }] })).toEqual({});
      // Platforms that take the file itself are unaffected.
      expect(validateVariant({ ...x, items: [{ text: "Hi", media: [{ ...png, uploaded: true }] }] })).toEqual({});
    });

    it("takes one with a public APP_URL, an object store, or beside the emulator (sandbox mode)", () => {
      vi.stubEnv("APP_URL", "https://postmill.example.com");
      expect(uploaded(devto)).toEqual({});
      vi.stubEnv("APP_URL", "http://192.168.1.20:3000");
      expect(uploaded(devto)["items.0.media.0"]).toMatch(/APP_URL 192\.168\.1\.20:3000/);
      vi.stubEnv("MEDIA_S3_BUCKET", "media");
      vi.stubEnv("MEDIA_S3_ACCESS_KEY_ID", "k");
      vi.stubEnv("MEDIA_S3_SECRET_ACCESS_KEY", "s");
      expect(uploaded(devto)).toEqual({});
      vi.stubEnv("MEDIA_S3_BUCKET", "");
      vi.stubEnv("MEDIA_S3_ACCESS_KEY_ID", "");
      vi.stubEnv("MEDIA_S3_SECRET_ACCESS_KEY", "");
      vi.stubEnv("PROVIDER_SANDBOX_URL", "http://127.0.0.1:3400");
      expect(uploaded(devto)).toEqual({});
    });

    it("always refuses one for a platform that shows media from its link for good (an expiring URL would break the post)", () => {
      vi.stubEnv("APP_URL", "https://postmill.example.com");
      expect(uploaded(nostr)["items.0.media.0"]).toBe(
        'Acme notes (Nostr) shows attachments from a public address for as long as the post exists, and "cover.png" was uploaded here, where files only get addresses that expire; attach it by a lasting link instead',
      );
    });
  });

  it("checks media count, type, size and mixing", () => {
    const png = { mimeType: "image/png", fileName: "a.png", size: 1000 };
    expect(validateVariant({ ...x, items: [{ text: "", media: [png, png, png, png, png] }] })["items.0.media"]).toMatch(
      /at most 4 attachments/,
    );
    expect(validateVariant({ ...x, items: [{ text: "", media: [{ fileName: "notes.pdf" }] }] })["items.0.media.0"]).toBe(
      'Acme (X) does not accept "notes.pdf" (application/pdf)',
    );
    expect(validateVariant({ ...x, items: [{ text: "", media: [{ ...png, size: 6 * 1_048_576 }] }] })["items.0.media.0"]).toMatch(
      /6\.0 MB; Acme \(X\) accepts images up to 5\.0 MB/,
    );
    expect(validateVariant({ ...x, items: [{ text: "", media: [png, { mimeType: "video/mp4", size: 10 }] }] })["items.0.media"]).toMatch(
      /cannot mix|at most/,
    );
  });

  it("checks poll support and the platform's poll rules", () => {
    const bluesky = { channelName: "Sky", provider: providers.bluesky };
    expect(validateVariant({ ...bluesky, items: [{ text: "q?", poll: { options: ["a", "b"], durationMinutes: 60 } }] })).toEqual({
      "items.0.poll": "Sky (Bluesky) does not support polls",
    });
    const bad = validateVariant({
      ...x,
      items: [{ text: "q?", poll: { options: ["a", "b".repeat(26), "", "d", "e"], durationMinutes: 2 } }],
    });
    expect(bad).toMatchObject({
      "items.0.poll.options": "Acme (X) polls need 2 to 4 options; this one has 5",
      "items.0.poll.options.1": "Acme (X) poll options are at most 25 characters; option 2 has 26",
      "items.0.poll.options.2": "Poll option 3 is empty",
      "items.0.poll.durationMinutes": "Acme (X) poll duration must be 5 minutes to 7 days",
    });
    const li = { channelName: "Acme Inc", provider: providers.linkedin };
    expect(
      validateVariant({ ...li, items: [{ text: "q?", poll: { options: ["a", "b"], durationMinutes: 60 } }] })[
        "items.0.poll.durationMinutes"
      ],
    ).toMatch(/1 day\(s\), 3 day\(s\), 7 day\(s\), 14 day\(s\)/);
  });

  it("checks thread length and per-platform settings", () => {
    const items = Array.from({ length: 12 }, () => ({ text: "c" }));
    expect(validateVariant({ channelName: "Acme Inc", provider: providers.linkedin, items })["items"]).toBe(
      "Acme Inc (LinkedIn) allows at most 10 follow-up comments",
    );
    expect(validateVariant({ ...mastodon, items: [{ text: "hi" }], settings: { visibility: "everyone" } })).toHaveProperty([
      "settings.visibility",
    ]);
    expect(validateVariant({ ...x, items: [{ text: " " }] })).toEqual({ "items.0.text": "Acme (X): write something or attach media" });
  });

  it("refuses a required setting left out, naming the field and the rule; keeps the platform's words for a bad value", () => {
    const settings = z.object({
      title: z.string({ error: "Title must be text" }).min(1, { error: "Title must not be empty" }).meta({ title: "Title" }),
      canonical_url: z.url().meta({ title: "Canonical link" }),
      tags: z.array(z.string()).optional().meta({ title: "Tags" }),
    });
    // The provider as the server has it, with a settings schema whose {} is refused.
    const provider = Object.create(providers.mastodon, { settings: { value: settings } }) as typeof providers.mastodon;
    const v = { channelName: "Blog", provider, items: [{ text: "hi" }] };
    expect(validateVariant({ ...v })).toEqual({
      "settings.title": "Blog (Mastodon): Title is required",
      "settings.canonical_url": "Blog (Mastodon): Canonical link is required",
    });
    expect(validateVariant({ ...v, settings: { title: null, canonical_url: "https://a.example/p" } })).toEqual({
      "settings.title": "Blog (Mastodon): Title is required",
    });
    expect(validateVariant({ ...v, settings: { title: "", canonical_url: "https://a.example/p" } })).toEqual({
      "settings.title": "Blog (Mastodon): Title must not be empty",
    });
    expect(validateVariant({ ...v, settings: { title: 3, canonical_url: "https://a.example/p" } })).toEqual({
      "settings.title": "Blog (Mastodon): Title must be text",
    });
    expect(validateVariant({ ...v, settings: { title: "Hello", canonical_url: "https://a.example/p" } })).toEqual({});
  });
});
