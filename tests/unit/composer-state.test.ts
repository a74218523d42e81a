import { describe, expect, it } from "vitest";
import { checkSettings, settingsFields } from "@/lib/composer/settings-fields";
import { channelItems, channelProblems, fitGlobal, stateFromPost, toPostBody } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { allProviders, describeProvider } from "@/providers/registry";

const d = new Map(allProviders().map((p) => [p.identifier, describeProvider(p) as Descriptor]));
const ch = (id: string, provider: string, maxLength: number | null = null): ComposerChannel => ({
  id,
  name: `${provider} account`,
  provider,
  providerName: d.get(provider)!.name,
  badge: d.get(provider)!.badge,
  picture: null,
  username: null,
  instanceUrl: null,
  status: "active",
  maxLength,
});
const x = ch("c1", "x");
const masto = ch("c2", "mastodon", 1000);
const bsky = ch("c3", "bluesky");
const channels = new Map([x, masto, bsky].map((c) => [c.id, c]));
const base = (over: Partial<ComposerState> = {}): ComposerState => ({
  picked: ["c1", "c2", "c3"],
  global: [{ text: "Hello", media: [] }],
  variants: {},
  settings: {},
  when: "2026-12-01T09:00",
  ...over,
});

describe("composer state", () => {
  it("counts each channel's limit the platform's way and names the channel", () => {
    const s = base({ global: [{ text: "a".repeat(290), media: [] }] });
    expect(channelProblems(s, x, d.get("x")!)["items.0.text"]).toBe("x account (X): 290 of 280 characters used; shorten by 10");
    expect(channelProblems(s, masto, d.get("mastodon")!)).toEqual({});
    expect(channelProblems(s, bsky, d.get("bluesky")!)).toEqual({});
  });

  it("a variant replaces the global text for its channel only, and resetting removes it", () => {
    const s = base({ variants: { c1: [{ text: "Short for X", media: [] }] } });
    expect(channelItems(s, x, d.get("x")!)[0]!.text).toBe("Short for X");
    expect(channelItems(s, masto, d.get("mastodon")!)[0]!.text).toBe("Hello");
    const body = toPostBody(s, "schedule", "2026-12-01T14:00:00.000Z", channels, d);
    expect(body.targets.map((t) => t.items[0]!.text)).toEqual(["Short for X", "Hello", "Hello"]);
  });

  it("drops a global poll for a platform without polls, and says so", () => {
    const poll = { question: "", options: ["Yes", "No"], durationMinutes: 1440 };
    const fitted = fitGlobal([{ text: "Vote", media: [], poll }], bsky, d.get("bluesky")!);
    expect(fitted.items[0]).not.toHaveProperty("poll");
    expect(fitted.notes[0]).toMatch(/Bluesky has no polls/);
    const body = toPostBody(base({ global: [{ text: "Vote", media: [], poll }] }), "now", undefined, channels, d);
    expect(body.targets.map((t) => !!t.items[0]!.poll)).toEqual([true, true, false]);
  });

  it("checks poll rules per platform", () => {
    const s = base({
      picked: ["c1"],
      global: [{ text: "Vote", media: [], poll: { question: "", options: ["a", "b"], durationMinutes: 2 } }],
    });
    expect(channelProblems(s, x, d.get("x")!)["items.0.poll.durationMinutes"]).toBe(
      "x account (X) poll duration must be 5 minutes to 7 days",
    );
  });

  it("sends library media by id with alt text, and rebuilds an existing post with its variants", () => {
    const media = [{ mediaId: "m1", src: "/api/media/m1/file", fileName: "a.png", mimeType: "image/png", size: 10, alt: "A cat" }];
    const body = toPostBody(base({ picked: ["c1"], global: [{ text: "Pic", media }] }), "draft", undefined, channels, d);
    expect(body.targets[0]!.items[0]!.media).toEqual([{ mediaId: "m1", alt: "A cat" }]);

    const post = {
      id: "p1",
      publishAt: null,
      targets: [
        { channel: { id: "c1" }, status: "scheduled", items: [{ text: "Only X", media: [] }], settings: { replySettings: "following" } },
        {
          channel: { id: "c2" },
          status: "scheduled",
          items: [
            { text: "Shared", media: [] },
            { text: "reply", media: [] },
          ],
          settings: {},
        },
        {
          channel: { id: "c3" },
          status: "scheduled",
          items: [
            { text: "Shared", media: [] },
            { text: "reply", media: [] },
          ],
          settings: {},
        },
      ],
    };
    const s = stateFromPost(post, "2026-12-01T09:00");
    expect(s.postId).toBe("p1");
    expect(s.global.map((i) => i.text)).toEqual(["Shared", "reply"]);
    expect(Object.keys(s.variants)).toEqual(["c1"]);
    expect(s.settings.c1).toEqual({ replySettings: "following" });
    expect(stateFromPost(post, "2026-12-01T09:00", true).postId).toBeUndefined();
  });
});

describe("settings forms from the provider's schema", () => {
  it("builds fields from every provider schema with labels", () => {
    const fields = settingsFields(d.get("mastodon")!.settingsSchema);
    expect(fields.map((f) => [f.key, f.kind, f.label])).toEqual([
      ["visibility", "select", "Visibility"],
      ["spoilerText", "text", "Content warning"],
      ["sensitive", "checkbox", "Mark media as sensitive"],
    ]);
    expect(settingsFields(d.get("bluesky")!.settingsSchema)[0]).toMatchObject({
      key: "langs",
      kind: "list",
      maxItems: 3,
      label: "Languages",
    });
    expect(settingsFields(d.get("linkedin-page")!.settingsSchema)[0]).toMatchObject({ kind: "fixed", value: "PUBLIC" });
  });

  it("enforces required fields, choices, patterns and sizes with field messages", () => {
    const schema = {
      type: "object",
      properties: {
        subreddit: { type: "string", title: "Subreddit", pattern: "^[A-Za-z0-9_]{3,21}$" },
        flair: { type: "string", enum: ["a", "b"] },
      },
      required: ["subreddit"],
    };
    const fields = settingsFields(schema);
    expect(checkSettings(fields, {})).toEqual({ subreddit: "Subreddit is required" });
    expect(checkSettings(fields, { subreddit: "no spaces", flair: "c" })).toEqual({
      subreddit: "Subreddit is not in the expected format",
      flair: "Flair must be one of: A, B",
    });
    const langs = settingsFields(d.get("bluesky")!.settingsSchema);
    expect(checkSettings(langs, { langs: ["en", "de", "fr", "it"] })).toEqual({ langs: "Languages: at most 3 entries" });
    expect(checkSettings(langs, { langs: ["english!"] }).langs).toMatch(/"english!" is not in the expected format/);
  });
});
