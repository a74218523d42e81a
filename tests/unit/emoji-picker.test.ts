import { describe, expect, it } from "vitest";
import data from "emojibase-data/en/compact.json";
import { EMOJI_GROUPS, fromCompact, loadEmoji, searchEmoji } from "@/lib/composer/emoji-data";
import { countText } from "@/providers/core/counting";
import { allProviders } from "@/providers/registry";

// The picker's emoji, from the pinned Emojibase dataset, inserted into a post: each platform's
// counter (the provider's own counting method, the one the server checks with) counts it as that
// platform does. X: twitter-text weighs an emoji sequence 2 whatever its code points (developer.x.com,
// "Counting characters"); Bluesky: graphemes; Mastodon: graphemes (its server counts grapheme
// clusters, links as 23); Threads: an emoji's UTF-8 bytes.

const all = fromCompact(data as Parameters<typeof fromCompact>[0]);
const named = (label: string) => {
  const e = all.find((x) => x.label === label);
  if (!e) throw new Error(`no emoji named ${label}`);
  return e.emoji;
};
const countingOf = (id: string) => allProviders().find((p) => p.identifier === id)!.counting;
const count = (id: string, text: string) => countText(countingOf(id), text);

describe("emoji picker data", () => {
  it("offers the dataset's emoji by group, without bare components, and finds them by name or tag", async () => {
    expect(all.length).toBeGreaterThan(1800);
    expect(all.some((e) => e.group === 2)).toBe(false);
    // Groups in the picker's order, each a contiguous run.
    const order = all.map((e) => e.group).filter((g, i, a) => i === 0 || a[i - 1] !== g);
    expect(order).toEqual(EMOJI_GROUPS.map((g) => g.id));
    expect(searchEmoji(all, "red heart")[0]!.emoji).toBe("❤️");
    expect(searchEmoji(all, "flag fr").map((e) => e.emoji)).toContain("🇫🇷");
    expect(searchEmoji(all, "zzzz-nothing")).toEqual([]);
    expect(searchEmoji(all, "  ")).toBe(all);
    // The lazy loader gives the same list (and loads once).
    const loaded = await loadEmoji();
    expect(loaded).toEqual(all);
    expect(await loadEmoji()).toBe(loaded);
  });
});

describe("an inserted emoji counts as each platform counts it", () => {
  const family = named("family: man, woman, girl, boy"); // 4 people joined by 3 ZWJ: 7 code points
  const flag = named("flag: France"); // two regional indicators
  // Base + skin tone modifier (the dataset keeps skin tones under their base emoji).
  const thumbs = (data as { label: string; skins?: { label: string; unicode: string }[] }[])
    .find((d) => d.label === "thumbs up")!
    .skins!.find((s) => s.label === "thumbs up: medium skin tone")!.unicode;
  const keycap = named("keycap: 1"); // digit, VS16, combining keycap

  it("X weighs each emoji sequence 2", () => {
    expect(countingOf("x")).toBe("x-weighted");
    for (const e of [family, flag, thumbs, keycap]) expect(count("x", e)).toBe(2);
    expect(count("x", `Hi ${family}${flag}`)).toBe(3 + 4);
  });

  it("Bluesky and Mastodon count each as one grapheme", () => {
    for (const id of ["bluesky", "mastodon"])
      for (const e of [family, flag, thumbs, keycap]) expect(count(id, `a${e}`), `${id} ${e}`).toBe(2);
  });

  it("Threads counts an emoji's UTF-8 bytes", () => {
    expect(countingOf("threads")).toBe("emoji-bytes");
    expect(count("threads", flag)).toBe(8);
    expect(count("threads", family)).toBe(25); // 4 × 4 bytes + 3 ZWJ × 3 bytes
  });
});
