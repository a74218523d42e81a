import { describe, expect, it } from "vitest";
import { cardUrlOf, linksOf, withLinkCard } from "@/lib/composer/link-card";
import { stateFromPost, toPostBody } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { allProviders, describeProvider } from "@/providers/registry";

const d = new Map(allProviders().map((p) => [p.identifier, describeProvider(p) as Descriptor]));
const ch = (id: string, provider: string): ComposerChannel => ({
  id,
  name: `${provider} account`,
  provider,
  providerName: d.get(provider)!.name,
  badge: d.get(provider)!.badge,
  picture: null,
  username: null,
  instanceUrl: null,
  status: "active",
  maxLength: null,
});
const channels = new Map([ch("b", "bluesky"), ch("x", "x")].map((c) => [c.id, c]));
const text = "Read https://a.example/one, then https://b.example/two and https://a.example/one again";
const state = (over: Partial<ComposerState> = {}): ComposerState => ({
  picked: ["b", "x"],
  global: [{ text, media: [] }],
  variants: {},
  settings: {},
  when: "2026-12-01T09:00",
  ...over,
});

describe("link cards in the composer", () => {
  it("lists an item's links once each, in order, and picks the first unless told", () => {
    expect(linksOf(text)).toEqual(["https://a.example/one", "https://b.example/two"]);
    expect(cardUrlOf({ text, media: [] })).toBe("https://a.example/one");
    expect(cardUrlOf({ text, media: [], linkCard: { url: "https://b.example/two" } })).toBe("https://b.example/two");
    // A picked link edited out of the text falls back to the first; a removed card stays removed.
    expect(cardUrlOf({ text, media: [], linkCard: { url: "https://gone.example/" } })).toBe("https://a.example/one");
    expect(cardUrlOf({ text, media: [], linkCard: null })).toBeNull();
    expect(cardUrlOf({ text: "no links here", media: [] })).toBeNull();
  });

  it("saves the choice on the item for every channel, and brings it back on an edit without splitting the text", () => {
    const picked = withLinkCard(state(), "b", 0, { url: "https://b.example/two" });
    expect(picked.global[0]!.linkCard).toEqual({ url: "https://b.example/two" });
    const body = toPostBody(picked, "now", undefined, channels, d);
    expect(body.targets.map((t) => t.items[0]!.linkCard)).toEqual([{ url: "https://b.example/two" }, { url: "https://b.example/two" }]);

    const removed = toPostBody(withLinkCard(state(), "b", 0, null), "now", undefined, channels, d);
    expect(removed.targets[0]!.items[0]!.linkCard).toBeNull();
    expect(
      toPostBody(state({ global: [{ text: "plain", media: [] }] }), "now", undefined, channels, d).targets[0]!.items[0],
    ).not.toHaveProperty("linkCard");

    const targets = body.targets.map((t) => ({
      channel: { id: t.channelId },
      status: "draft",
      items: t.items.map((i) => ({ ...i, media: [] })),
      settings: {},
    }));
    const back = stateFromPost({ id: "p", publishAt: null, targets }, "2026-12-01T09:00");
    expect(back.variants).toEqual({});
    expect(back.global[0]!.linkCard).toEqual({ url: "https://b.example/two" });
  });

  it("changes a channel's own variant when it has one, not the text for all", () => {
    const s = withLinkCard(state({ variants: { b: [{ text: "own https://c.example/", media: [] }] } }), "b", 0, null);
    expect(s.variants.b![0]!.linkCard).toBeNull();
    expect(s.global[0]).not.toHaveProperty("linkCard");
  });

  it("tells the browser how each platform shows cards", () => {
    expect(["bluesky", "linkedin", "linkedin-page", "facebook", "threads", "x", "mastodon"].map((id) => d.get(id)!.linkCard)).toEqual([
      "card",
      "card",
      "card",
      "link",
      "link",
      "auto",
      "auto",
    ]);
  });
});
