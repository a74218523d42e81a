import type { DraftItem } from "./types";

// With many channels of one platform the composer would repeat the same preview and the same
// counter once per channel. Channels whose content would look and count the same are shown once,
// with the channels listed under it; anything that differs (a variant, a signature for some
// channels, another length limit) gives a group of its own. Problems are not grouped: they still
// name each channel (lib/composer/state.ts).

export type SameGroup = { key: string; ids: string[] };

/** Groups ids by key, groups in the order of their first id, ids in their own order. */
export function groupSame(ids: readonly string[], keyOf: (id: string) => string): SameGroup[] {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const key = keyOf(id);
    const list = groups.get(key);
    if (list) list.push(id);
    else groups.set(key, [id]);
  }
  return [...groups].map(([key, list]) => ({ key, ids: list }));
}

/** What a preview shows of a channel's items: text, media (file, alt, type) and poll, on one platform. */
export function previewKey(provider: string, items: readonly DraftItem[]): string {
  return JSON.stringify([provider, items.map((i) => [i.text, i.media.map((m) => [m.src, m.alt, m.mimeType]), i.poll ?? null])]);
}

/** What one counter line says: the platform, the limit, and the counted text (or that the item is not sent). */
export function counterKey(provider: string, limit: number, text: string | undefined): string {
  return JSON.stringify([provider, limit, text ?? null]);
}

/** "same for 11 channels" */
export const sameForLabel = (n: number) => `same for ${n} channel${n === 1 ? "" : "s"}`;
