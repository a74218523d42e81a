import { describe, expect, it } from "vitest";
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

  it("refuses an uploaded file for a platform that downloads attachments by link, and takes the same file by its link", () => {
    const devto = { channelName: "Acme dev", provider: providers.devto, settings: { title: "A title" } };
    const png = { mimeType: "image/png", fileName: "cover.png", size: 1000 };
    expect(validateVariant({ ...devto, items: [{ text: "Body", media: [{ ...png, uploaded: true }] }] })).toEqual({
      "items.0.media.0":
        'Acme dev (DEV) downloads attachments from a public address, and "cover.png" was uploaded here, where files have none yet; attach it by its link instead',
    });
    expect(validateVariant({ ...devto, items: [{ text: "Body", media: [png] }] })).toEqual({});
    // Platforms that take the file itself are unaffected.
    expect(validateVariant({ ...x, items: [{ text: "Hi", media: [{ ...png, uploaded: true }] }] })).toEqual({});
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
