"use client";
import { useCallback, type Dispatch, type SetStateAction } from "react";
import { api } from "@/lib/client/api";
import { applyRecord } from "@/lib/composer/autosave-restore";
import type { KeptState } from "@/lib/composer/autosave-store";
import { submitTarget } from "@/lib/composer/autosave-submit";
import type { RepeatDraft } from "@/lib/composer/repeat";
import { toPostBody } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { wallTimeToDate } from "@/lib/time/zone";
import { useAutosave, type AutosaveView } from "./use-autosave";
import { useAutosaveScope } from "./autosave-scope";
import type { SubmitMode } from "./schedule-bar";

// The composer's side of autosave, kept out of composer.tsx: the draft body as Save as draft
// would send it, putting a kept copy back, and making Schedule / Post now / Add to queue use the
// draft autosave already made instead of leaving it behind as a second post.

type Args = {
  initial: ComposerState;
  state: ComposerState;
  setState: Dispatch<SetStateAction<ComposerState>>;
  repeat: RepeatDraft;
  setRepeat: (r: RepeatDraft) => void;
  series: boolean;
  timeZone: string;
  byId: Map<string, ComposerChannel>;
  byProvider: Map<string, Descriptor>;
};

const removeDraft = (id: string) => api(`/api/posts/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(() => undefined);

export function useComposerAutosave({ initial, state, setState, repeat, setRepeat, series, timeZone, byId, byProvider }: Args) {
  const autosave = useAutosaveScope();
  const draftBody = useCallback(
    (s: ComposerState) => {
      let publishAt: string | undefined;
      try {
        publishAt = s.when ? wallTimeToDate(s.when, timeZone).toISOString() : undefined;
      } catch {
        publishAt = undefined;
      }
      return { ...toPostBody(s, "draft", publishAt, byId, byProvider), mode: "draft" as const };
    },
    [timeZone, byId, byProvider],
  );
  const apply = useCallback(
    (kept: KeptState, r: RepeatDraft | undefined) => {
      setState((s) => applyRecord(s, kept, new Set(byId.keys())));
      if (r) setRepeat(r);
    },
    [setState, setRepeat, byId],
  );
  const view: AutosaveView = useAutosave({
    owner: autosave?.owner,
    serverMark: autosave?.serverMark ?? "",
    initial,
    state,
    repeat,
    serverSaves: !series && (!initial.postId || !!autosave?.draft),
    draftBody,
    apply,
  });
  return {
    view,
    /** Where a submit goes: the post being edited, else the draft autosave made (see autosave-submit.ts). */
    submitTarget: async (mode: SubmitMode, repeatOn: boolean) => {
      const made = await view.beforeSubmit();
      return submitTarget(state.postId, made, !state.postId && repeatOn && mode === "schedule");
    },
    submitted: async (ok: boolean, dropDraft?: string) => {
      if (ok && dropDraft) await removeDraft(dropDraft);
      view.afterSubmit(ok);
    },
    beforeQueue: async () => {
      await view.beforeSubmit();
    },
    /** Queued as new posts, one per channel: the autosaved draft is not needed any more. */
    afterQueue: async (ok: boolean) => {
      const made = ok && !state.postId ? await view.beforeSubmit() : undefined;
      if (made) await removeDraft(made);
      view.afterSubmit(ok);
    },
  };
}
