// The emoji the composer's picker offers, from Emojibase's English dataset (emojibase-data, pinned
// in package.json). The dataset is about 570 kB of JSON, so it is imported dynamically the first time
// the picker opens: the composer's own bundle does not carry it.

export type Emoji = { emoji: string; label: string; tags: string[]; group: number };

/** Emojibase's groups, in its order; 2 ("component": bare skin tones and hair) is left out. */
export const EMOJI_GROUPS: { id: number; name: string }[] = [
  { id: 0, name: "Smileys & emotion" },
  { id: 1, name: "People & body" },
  { id: 3, name: "Animals & nature" },
  { id: 4, name: "Food & drink" },
  { id: 5, name: "Travel & places" },
  { id: 6, name: "Activities" },
  { id: 7, name: "Objects" },
  { id: 8, name: "Symbols" },
  { id: 9, name: "Flags" },
];
const SHOWN = new Set(EMOJI_GROUPS.map((g) => g.id));

type CompactEmoji = { unicode: string; label: string; tags?: string[]; group?: number; order?: number };

let loading: Promise<Emoji[]> | null = null;

/** The dataset, loaded once (a failed load is tried again on the next call). */
export function loadEmoji(): Promise<Emoji[]> {
  loading ??= import("emojibase-data/en/compact.json")
    .then((m) => fromCompact((m as unknown as { default: CompactEmoji[] }).default))
    .catch((e) => {
      loading = null;
      throw e;
    });
  return loading;
}

export function fromCompact(data: CompactEmoji[]): Emoji[] {
  return (
    data
      .filter((d) => d.group !== undefined && SHOWN.has(d.group))
      // By group, then Emojibase's order within it: the picker shows the groups as runs of one list.
      .sort((a, b) => a.group! - b.group! || (a.order ?? 0) - (b.order ?? 0))
      .map((d) => ({ emoji: d.unicode, label: d.label, tags: d.tags ?? [], group: d.group! }))
  );
}

/**
 * The emoji whose name or a tag contains every word of the query ("red heart", "flag fr"), those
 * whose name starts with the query first. An empty query gives all of them.
 */
export function searchEmoji(all: Emoji[], query: string): Emoji[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return all;
  const q = words.join(" ");
  const hits = all.filter((e) => {
    const label = e.label.toLowerCase();
    return words.every((w) => label.includes(w) || e.tags.some((t) => t.toLowerCase().includes(w)));
  });
  const starts = (e: Emoji) => (e.label.toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b));
}
