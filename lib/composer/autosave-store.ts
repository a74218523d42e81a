import type { ComposerState } from "./types";
import type { RepeatDraft } from "./repeat";

// The composer's copy on this device (localStorage), so a reload, a crash or a wrong click never
// loses a half-written post. One slot per organization and user for the post being written from
// scratch ("new", which keeps the id of the server draft it became), and one per existing post
// being edited. Plain functions over a Storage-like object so the rules can be tested without a DOM.

export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** What is kept: the post as the composer edits it, minus what comes from the organization. */
export type KeptState = Pick<ComposerState, "picked" | "global" | "variants" | "settings" | "when">;

export type LocalRecord = {
  v: 1;
  /** When it was written (ms since the epoch). */
  savedAt: number;
  state: KeptState;
  repeat?: RepeatDraft;
  /** The server draft this post became (the "new" slot only). */
  postId?: string;
  /** The server copy these edits started from or were last saved as (serverMark; "" for none). */
  base: string;
  /** The composer's fingerprint of what was last saved to the server, if anything was. */
  savedFp?: string;
};

export type Owner = { organizationId: string; userId: string };
export type Slot = { kind: "new" } | { kind: "post"; postId: string };

const PREFIX = "postmill:composer:v1:";
/** A copy nobody came back to in a month is dropped. */
export const LOCAL_TTL_MS = 30 * 86_400_000;

export function localKey(owner: Owner, slot: Slot): string {
  const who = `${encodeURIComponent(owner.organizationId)}:${encodeURIComponent(owner.userId)}`;
  return `${PREFIX}${who}:${slot.kind === "new" ? "new" : `post:${encodeURIComponent(slot.postId)}`}`;
}

export const keptState = (s: ComposerState): KeptState => ({
  picked: s.picked,
  global: s.global,
  variants: s.variants,
  settings: s.settings,
  when: s.when,
});

/** Equal fingerprints mean the same post (and repeat settings) as far as saving is concerned. */
export const fingerprint = (s: ComposerState | KeptState, repeat?: RepeatDraft): string =>
  JSON.stringify([keptState(s as ComposerState), repeat ?? null]);

type ServerPostLike = {
  publishAt: string | null;
  targets: { channel: { id: string }; status: string; items: unknown; settings: unknown }[];
};

/** A mark of a post as the server returns it (GET or save), equal only while nobody changed it there. */
export const serverMark = (post: ServerPostLike): string =>
  JSON.stringify([
    post.publishAt,
    [...post.targets].sort((a, b) => a.channel.id.localeCompare(b.channel.id)).map((t) => [t.channel.id, t.status, t.items, t.settings]),
  ]);

/** Something worth keeping has been written: text, an attachment or a poll in any item. */
export function hasContent(s: KeptState): boolean {
  const items = [...s.global, ...Object.values(s.variants).flat()];
  return items.some((i) => i.text.trim() !== "" || i.media.length > 0 || !!i.poll);
}

function isRecord(x: unknown): x is LocalRecord {
  if (!x || typeof x !== "object") return false;
  const r = x as Partial<LocalRecord>;
  const s = r.state as Partial<KeptState> | undefined;
  return (
    r.v === 1 &&
    typeof r.savedAt === "number" &&
    typeof r.base === "string" &&
    (r.postId === undefined || typeof r.postId === "string") &&
    (r.savedFp === undefined || typeof r.savedFp === "string") &&
    !!s &&
    Array.isArray(s.picked) &&
    s.picked.every((p) => typeof p === "string") &&
    Array.isArray(s.global) &&
    s.global.length > 0 &&
    s.global.every((i) => !!i && typeof i.text === "string" && Array.isArray(i.media)) &&
    !!s.variants &&
    typeof s.variants === "object" &&
    !!s.settings &&
    typeof s.settings === "object" &&
    typeof s.when === "string"
  );
}

/** The record in a slot, or null; an expired or unreadable one is removed on the way. */
export function readLocal(storage: StorageLike, key: string, now = Date.now()): LocalRecord | null {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  if (!isRecord(parsed) || now - parsed.savedAt > LOCAL_TTL_MS || parsed.savedAt > now + LOCAL_TTL_MS) {
    clearLocal(storage, key);
    return null;
  }
  return parsed;
}

/** Writes a record; on a full or refused storage says why instead of throwing. */
export function writeLocal(storage: StorageLike, key: string, record: LocalRecord): { ok: true } | { ok: false; reason: string } {
  try {
    storage.setItem(key, JSON.stringify(record));
    return { ok: true };
  } catch (e) {
    const quota = e instanceof Error && /quota/i.test(`${e.name} ${e.message}`);
    return { ok: false, reason: quota ? "this browser's storage is full" : "this browser refused to store it" };
  }
}

export function clearLocal(storage: StorageLike, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage switched off: there is nothing to clear.
  }
}

/** The keys of every composer record on this device (any organization or user); none when storage is off. */
function composerKeys(storage: StorageLike): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX)) keys.push(k);
    }
  } catch {
    return [];
  }
  return keys;
}

/** Removes every composer record older than the time limit (any organization or user). */
export function pruneLocal(storage: StorageLike, now = Date.now()): void {
  for (const k of composerKeys(storage)) readLocal(storage, k, now);
}

/**
 * Removes every composer copy on this device (any organization or user): on sign-out, so unsent
 * posts are not left readable on a shared computer.
 */
export function clearAllLocal(storage: StorageLike): void {
  for (const k of composerKeys(storage)) clearLocal(storage, k);
}
