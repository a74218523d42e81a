import { describe, expect, it } from "vitest";
import { inSeriesZone, matchesChannel, pickerSections, scheduleZone, wallTimeIn, type PickerGroup } from "@/lib/composer/channel-search";
import { counterKey, groupSame, previewKey, sameForLabel } from "@/lib/composer/preview-groups";
import type { ComposerChannel, DraftItem } from "@/lib/composer/types";

const ch = (
  id: string,
  provider: string,
  name: string,
  username: string | null = null,
  instanceUrl: string | null = null,
): ComposerChannel => ({
  id,
  name,
  provider,
  providerName: provider === "x" ? "X" : provider === "bluesky" ? "Bluesky" : "Mastodon",
  badge: { text: "?", colour: "#000" },
  picture: null,
  username,
  instanceUrl,
  status: "active",
  maxLength: null,
});
const channels = [
  ch("a", "x", "Acme News", "acme_news"),
  ch("b", "bluesky", "Acme", "acme.bsky.social"),
  ch("c", "mastodon", "Café Zoë", "cafe", "https://social.example"),
  ch("d", "x", "Globex", "globex"),
];
const groups: PickerGroup[] = [
  { id: "g1", name: "Acme", timeZone: "Europe/Paris", channelIds: ["a", "b"] },
  { id: "g2", name: "Globex", timeZone: null, channelIds: ["d"] },
];

describe("channel search", () => {
  it("finds by name, handle, server and platform, every word, without case or accents", () => {
    const ids = (q: string) => channels.filter((c) => matchesChannel(c, q)).map((c) => c.id);
    expect(ids("")).toEqual(["a", "b", "c", "d"]);
    expect(ids("acme")).toEqual(["a", "b"]);
    expect(ids("@acme_news")).toEqual(["a"]);
    expect(ids("bluesky")).toEqual(["b"]);
    expect(ids("X acme")).toEqual(["a"]);
    expect(ids("cafe zoe")).toEqual(["c"]);
    expect(ids("social.example")).toEqual(["c"]);
    expect(ids("nothing")).toEqual([]);
  });

  it("lays channels out by group, ungrouped last, empty sections left out", () => {
    const s = (q = "") => pickerSections(channels, groups, q).map((x) => [x.group?.name ?? null, x.channels.map((c) => c.id)]);
    expect(s()).toEqual([
      ["Acme", ["a", "b"]],
      ["Globex", ["d"]],
      [null, ["c"]],
    ]);
    expect(s("globex")).toEqual([["Globex", ["d"]]]);
  });

  it("schedules in a group's zone only when every picked channel is of that one group", () => {
    expect(scheduleZone(["a", "b"], groups, "America/New_York")).toEqual({ timeZone: "Europe/Paris", group: "Acme" });
    expect(scheduleZone(["a", "d"], groups, "America/New_York")).toEqual({ timeZone: "America/New_York", group: null });
    expect(scheduleZone(["a", "c"], groups, "America/New_York").group).toBeNull();
    expect(scheduleZone(["d"], groups, "UTC")).toEqual({ timeZone: "UTC", group: null }); // Globex has no zone
    expect(scheduleZone([], groups, "UTC").group).toBeNull();
  });
});

describe("preview groups", () => {
  const item = (text: string, extra: Partial<DraftItem> = {}): DraftItem => ({ text, media: [], ...extra });
  it("puts channels of one platform with the same items together, in first-seen order", () => {
    const sent: Record<string, [string, DraftItem[]]> = {
      x1: ["x", [item("Hi")]],
      b1: ["bluesky", [item("Hi")]],
      x2: ["x", [item("Hi")]],
      x3: ["x", [item("Hi"), item("reply")]],
      x4: ["x", [item("Hi", { media: [{ src: "/m/1", fileName: "a.png", mimeType: "image/png", alt: "" }] })]],
      x5: ["x", [item("Hi")]],
    };
    const groups = groupSame(Object.keys(sent), (id) => previewKey(...sent[id]!));
    expect(groups.map((g) => g.ids)).toEqual([["x1", "x2", "x5"], ["b1"], ["x3"], ["x4"]]);
    expect(sameForLabel(3)).toBe("same for 3 channels");
  });

  it("counts alike only the same platform, limit and text", () => {
    expect(counterKey("x", 280, "a")).toBe(counterKey("x", 280, "a"));
    expect(counterKey("mastodon", 500, "a")).not.toBe(counterKey("mastodon", 1000, "a"));
    expect(counterKey("x", 280, "a")).not.toBe(counterKey("x", 280, undefined));
    expect(counterKey("x", 280, "a")).not.toBe(counterKey("bluesky", 280, "a"));
  });
});

describe("a post opened in its group's zone", () => {
  it("keeps the instant, across a DST change", () => {
    expect(wallTimeIn("2026-12-01T09:00", "America/New_York", "Europe/Paris")).toBe("2026-12-01T15:00");
    // 29 March 2026: Paris is already on summer time, New York has been since 8 March.
    expect(wallTimeIn("2026-03-29T09:00", "America/New_York", "Europe/Paris")).toBe("2026-03-29T15:00");
    expect(wallTimeIn("2026-03-20T09:00", "America/New_York", "Europe/Paris")).toBe("2026-03-20T14:00");
    expect(wallTimeIn("", "UTC", "Europe/Paris")).toBe("");
  });
});

describe("a recurring post of a group", () => {
  it("repeats in the group's zone; other saves are left as they are", () => {
    const series = { url: "/api/series", method: "POST", body: { publishAt: "x", targets: [], repeat: { freq: "weekly" } } };
    expect(inSeriesZone(series, "Europe/Paris").body).toEqual({
      publishAt: "x",
      targets: [],
      repeat: { freq: "weekly", timeZone: "Europe/Paris" },
    });
    expect(inSeriesZone(series, null)).toBe(series);
    const plain = { url: "/api/posts", method: "POST", body: { mode: "schedule" } };
    expect(inSeriesZone(plain, "Europe/Paris")).toBe(plain);
  });
});
