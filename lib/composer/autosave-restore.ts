import { fingerprint, hasContent, type KeptState, type LocalRecord, type Slot } from "./autosave-store";
import type { ComposerState } from "./types";

// What the composer does with a copy found on this device when it opens: which slot the post
// uses, and whether the copy comes back by itself, is offered ("Restore unsaved changes /
// Discard"), or is dropped because the server already holds the same post.

export type RestorePlan =
  | { slot: Slot; action: "none" }
  /** Nothing on the server can disagree (or it is a draft unchanged there since): put it back. */
  | { slot: Slot; action: "restore"; record: LocalRecord }
  /** A draft on the server the copy may belong to: restore once the server says it is still that
   *  draft as last saved (the page may have been read from the browser's cache, so its copy can be stale). */
  | { slot: Slot; action: "verify"; record: LocalRecord; postId: string }
  /** A scheduled post, a post changed elsewhere, or a copy the user asked for: let them choose. */
  | { slot: Slot; action: "ask"; record: LocalRecord }
  /** The copy is the server's post already: forget it. */
  | { slot: Slot; action: "drop" };

type Input = {
  /** The post the page opened (undefined for a new post or a copy). */
  postId?: string;
  /** The page's starting state (the server copy, or a fresh or copied post). */
  initial: ComposerState;
  /** serverMark of the opened post as the page read it ("" for a new post). */
  serverMark: string;
  /** Whether autosave may write the opened post to the server (a new post or a draft). */
  serverSaves: boolean;
  newRecord: LocalRecord | null;
  postRecord: LocalRecord | null;
};

export function planRestore({ postId, initial, serverMark, serverSaves, newRecord, postRecord }: Input): RestorePlan {
  if (!postId) {
    const slot: Slot = { kind: "new" };
    if (!newRecord || !hasContent(newRecord.state)) return newRecord ? { slot, action: "drop" } : { slot, action: "none" };
    // A copy or a slot's channel was asked for: do not replace it unasked.
    if (hasContent(initial)) return { slot, action: "ask", record: newRecord };
    if (newRecord.postId) return { slot, action: "verify", record: newRecord, postId: newRecord.postId };
    return { slot, action: "restore", record: newRecord };
  }
  // The draft the new post became, opened by its address (a reload, Back): still the "new" slot.
  const ours = newRecord?.postId === postId;
  const slot: Slot = ours ? { kind: "new" } : { kind: "post", postId };
  const record = ours ? newRecord : postRecord;
  if (!record) return { slot, action: "none" };
  if (fingerprint(record.state, record.repeat) === fingerprint(initial, record.repeat))
    return ours ? { slot, action: "none" } : { slot, action: "drop" };
  if (serverSaves && record.base === serverMark) return { slot, action: "restore", record };
  if (serverSaves && record.base) return { slot, action: "verify", record, postId };
  return { slot, action: "ask", record };
}

/** The copy laid over the page's state: only channels that still exist, the rest as written. */
export function applyRecord(current: ComposerState, kept: KeptState, known: Set<string>): ComposerState {
  const picked = kept.picked.filter((id) => known.has(id));
  const only = <T>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).filter(([id]) => known.has(id)));
  return {
    ...current,
    picked,
    global: kept.global,
    variants: only(kept.variants),
    settings: { ...current.settings, ...only(kept.settings) },
    when: kept.when,
  };
}
