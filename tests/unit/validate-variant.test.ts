import { describe, expect, it } from "vitest";
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
});
