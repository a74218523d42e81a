"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { hasContent, type KeptState, type LocalRecord, type Owner } from "@/lib/composer/autosave-store";
import type { DraftBody, SaverStatus } from "@/lib/composer/autosave-saver";
import type { RepeatDraft } from "@/lib/composer/repeat";
import type { ComposerState } from "@/lib/composer/types";
import { AutosaveController, type Snapshot } from "./autosave-controller";

// The composer's view of autosave (autosave-controller.ts does the work): what to show, and the
// calls Schedule, Post now and Add to queue make around their own save.

type Options = {
  /** Who the copy belongs to; without it nothing is kept (a composer outside the app's pages). */
  owner?: Owner;
  initial: ComposerState;
  /** serverMark of the opened post as the page read it ("" for a new post). */
  serverMark: string;
  state: ComposerState;
  repeat: RepeatDraft;
  /** A new post or a draft (not in a series): autosave may write it to the server. */
  serverSaves: boolean;
  draftBody: (s: ComposerState) => DraftBody;
  /** Puts a kept copy back into the composer. */
  apply: (kept: KeptState, repeat: RepeatDraft | undefined) => void;
};

export type AutosaveView = {
  status: SaverStatus | { kind: "local"; why: string } | { kind: "none" };
  prompt: LocalRecord | null;
  restoredNew: boolean;
  /** Changes that are neither on the server nor settled as nothing (leaving would ask). */
  unsaved: boolean;
  restore: () => void;
  discard: () => void;
  startOver: () => void;
  beforeSubmit: () => Promise<string | undefined>;
  afterSubmit: (ok: boolean) => void;
};

const IDLE: Snapshot = {
  ready: false,
  finished: true,
  status: { kind: "idle" },
  serverFp: "",
  serverMark: "",
  draftId: undefined,
  prompt: null,
  restoredNew: false,
};
const noop = () => () => undefined;

export function useAutosave({ owner, initial, serverMark, state, repeat, serverSaves, draftBody, apply }: Options): AutosaveView {
  // One controller for the life of the composer; none without an owner (nothing is kept then).
  const [ctl] = useState(() => (owner ? new AutosaveController({ owner, initial, serverMark, serverSaves, apply }) : null));
  const snap = useSyncExternalStore(ctl?.subscribe ?? noop, ctl?.getSnapshot ?? (() => IDLE), () => IDLE);
  useEffect(() => ctl?.open(), [ctl]);
  useEffect(() => ctl?.attach(), [ctl]);
  useEffect(() => ctl?.update(state, repeat, draftBody), [ctl, state, repeat, draftBody]);

  const dirty = ctl ? ctl.dirtyOf(state, snap) : false;
  const content = hasContent(state);
  const canServer = serverSaves && state.picked.length > 0 && (content || !!snap.draftId);
  const status: AutosaveView["status"] =
    !ctl || snap.finished
      ? { kind: "none" }
      : !serverSaves
        ? dirty
          ? { kind: "local", why: "Changes kept on this device only, until you save the post." }
          : { kind: "none" }
        : snap.status.kind === "saving" || snap.status.kind === "failed"
          ? snap.status
          : dirty && !canServer
            ? { kind: "local", why: "Kept on this device; pick a channel to save it as a draft." }
            : snap.status.kind === "saved"
              ? snap.status
              : { kind: "none" };
  return {
    status,
    prompt: snap.prompt,
    restoredNew: snap.restoredNew,
    unsaved: dirty,
    restore: () => ctl?.restore(),
    discard: () => ctl?.discard(),
    startOver: () => ctl?.startOver(),
    beforeSubmit: async () => (ctl ? ctl.beforeSubmit() : undefined),
    afterSubmit: (ok) => ctl?.afterSubmit(ok),
  };
}
