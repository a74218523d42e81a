import { api } from "@/lib/client/api";
import {
  clearLocal,
  fingerprint,
  hasContent,
  keptState,
  localKey,
  pruneLocal,
  readLocal,
  serverMark,
  writeLocal,
  type KeptState,
  type LocalRecord,
  type Owner,
  type Slot,
} from "@/lib/composer/autosave-store";
import { planRestore } from "@/lib/composer/autosave-restore";
import type { PostView } from "@/lib/posts/queries";
import { DraftSaver, type DraftBody, type SaverStatus } from "@/lib/composer/autosave-saver";
import type { RepeatDraft } from "@/lib/composer/repeat";
import type { ComposerState } from "@/lib/composer/types";

// The composer's safety net, outside React (the hook in use-autosave.ts subscribes to it): a copy
// on this device shortly after every change, the post saved to the server as a draft a few
// seconds after typing stops (a new post or a draft only: a scheduled post is never turned into
// a draft by autosave, its changes stay on this device until the user saves them), the copy
// brought back when the composer opens again, and a warning before leaving with changes that
// are nowhere but in this tab.

const LOCAL_DELAY_MS = 400;
const SERVER_DELAY_MS = 2_500;
export const LEAVE_WARNING = "This post has changes that are not saved yet. Leave anyway?";

export type Snapshot = {
  ready: boolean;
  finished: boolean;
  status: SaverStatus;
  /** Fingerprint of what the server holds (for a new post: the untouched composer). */
  serverFp: string;
  /** serverMark of the server copy ("" while there is none). */
  serverMark: string;
  draftId: string | undefined;
  prompt: LocalRecord | null;
  restoredNew: boolean;
};

type Options = {
  owner: Owner;
  initial: ComposerState;
  serverMark: string;
  serverSaves: boolean;
  apply: (kept: KeptState, repeat: RepeatDraft | undefined) => void;
};

type ServerPost = Pick<PostView, "id" | "status" | "publishAt"> & {
  targets: Pick<PostView["targets"][number], "channel" | "status" | "items" | "settings">[];
};
const editUrl = (id: string) => `/compose?post=${encodeURIComponent(id)}`;
const onCompose = () => window.location.pathname === "/compose";

export class AutosaveController {
  private snap: Snapshot;
  private listeners = new Set<() => void>();
  private slot: Slot;
  private saver: DraftSaver;
  private latest: { state: ComposerState; repeat: RepeatDraft; body: (s: ComposerState) => DraftBody } | null = null;
  private localTimer: ReturnType<typeof setTimeout> | undefined;
  private serverTimer: ReturnType<typeof setTimeout> | undefined;
  private opened = false;
  private attached = false;

  constructor(private readonly opts: Options) {
    const { initial } = opts;
    this.slot = initial.postId ? { kind: "post", postId: initial.postId } : { kind: "new" };
    this.snap = {
      ready: false,
      finished: false,
      status: { kind: "idle" },
      serverFp: fingerprint(initial),
      serverMark: opts.serverMark,
      draftId: initial.postId,
      prompt: null,
      restoredNew: false,
    };
    this.saver = new DraftSaver({
      postId: initial.postId,
      send: async (req) => {
        const { post } = await api<{ post: ServerPost }>(req.url, { method: req.method, body: JSON.stringify(req.body) });
        return { id: post.id, mark: serverMark(post) };
      },
      onStatus: (status) => this.set(status.kind === "saved" ? { status, serverFp: status.fp, serverMark: status.mark ?? "" } : { status }),
      onCreated: (id) => {
        this.set({ draftId: id });
        // Written at once (the composer may be gone by now), so no later visit makes a second draft.
        const rec = readLocal(window.localStorage, this.key);
        if (rec) writeLocal(window.localStorage, this.key, { ...rec, postId: id });
        // The address names the draft, so a reload or Back opens it; replaceState keeps the composer mounted.
        if (this.attached && onCompose()) window.history.replaceState(window.history.state, "", editUrl(id));
      },
    });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = () => this.snap;

  private set(patch: Partial<Snapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
    this.schedule();
  }

  private get key() {
    return localKey(this.opts.owner, this.slot);
  }

  /** Whether the composer holds changes that are neither on the server nor (for a new post) nothing at all. */
  dirtyOf(state: ComposerState, snap = this.snap): boolean {
    if (!snap.ready || snap.finished) return false;
    return fingerprint(state) !== snap.serverFp && (hasContent(state) || !!snap.draftId);
  }

  private canServer(state: ComposerState): boolean {
    return this.opts.serverSaves && state.picked.length > 0 && (hasContent(state) || !!this.snap.draftId);
  }

  /** Once, when the composer opens: put back what this device kept, or offer it. */
  open() {
    if (this.opened) return;
    this.opened = true;
    const { owner, initial, serverSaves, apply } = this.opts;
    const storage = window.localStorage;
    pruneLocal(storage);
    const newKey = localKey(owner, { kind: "new" });
    const plan = planRestore({
      postId: initial.postId,
      initial,
      serverMark: this.opts.serverMark,
      serverSaves,
      newRecord: readLocal(storage, newKey),
      postRecord: initial.postId ? readLocal(storage, localKey(owner, { kind: "post", postId: initial.postId })) : null,
    });
    this.slot = plan.slot;
    if (plan.action === "drop") clearLocal(storage, this.key);
    if (plan.action === "restore") apply(plan.record.state, plan.record.repeat);
    // The post being written from scratch came back: offer to start another instead.
    const restoredNew = plan.slot.kind === "new" && (plan.action === "restore" || (plan.action === "none" && !!initial.postId));
    if (plan.action !== "verify") return this.set({ ready: true, restoredNew, prompt: plan.action === "ask" ? plan.record : null });
    const { record, postId } = plan;
    const opened = !!initial.postId;
    // The draft may have been scheduled, deleted or edited elsewhere since.
    void api<{ post: ServerPost }>(`/api/posts/${encodeURIComponent(postId)}`)
      .then(({ post }) => (post.status !== "draft" ? "gone" : serverMark(post) === record.base ? "same" : "changed"))
      .catch((e: { status?: number }) => (e?.status === undefined || e.status >= 500 ? "unknown" : "gone"))
      .then((found) => {
        if (found === "gone" && !opened) {
          clearLocal(storage, newKey);
          return this.set({ ready: true });
        }
        // Changed there (or no longer a draft): the user chooses; opened blank, the copy becomes a new post.
        if (found === "gone" || found === "changed")
          return this.set({ ready: true, prompt: opened ? record : { ...record, postId: undefined } });
        this.saver.postId = postId;
        apply(record.state, record.repeat);
        this.set({
          ready: true,
          restoredNew: plan.slot.kind === "new",
          draftId: postId,
          serverFp: record.savedFp ?? "",
          serverMark: record.base,
        });
        if (!opened && onCompose()) window.history.replaceState(window.history.state, "", editUrl(postId));
      });
  }

  /** The composer's latest post; saves follow on their timers. */
  update(state: ComposerState, repeat: RepeatDraft, body: (s: ComposerState) => DraftBody) {
    this.latest = { state, repeat, body };
    this.schedule();
  }

  private schedule() {
    const l = this.latest;
    if (!l || !this.snap.ready || this.snap.finished) return;
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => this.writeCopy(), LOCAL_DELAY_MS);
    clearTimeout(this.serverTimer);
    if (this.canServer(l.state) && this.dirtyOf(l.state)) this.serverTimer = setTimeout(() => this.saveNow(), SERVER_DELAY_MS);
  }

  private writeCopy() {
    const l = this.latest;
    if (!l || this.snap.finished) return;
    const storage = window.localStorage;
    const pointer = this.slot.kind === "new" && !!this.snap.draftId;
    // The copy on offer is not thrown away before the user answers (only new edits replace it).
    if (this.snap.prompt && !this.dirtyOf(l.state)) return;
    if (!pointer && !this.dirtyOf(l.state) && !(l.repeat.on && hasContent(l.state))) return clearLocal(storage, this.key);
    const wrote = writeLocal(storage, this.key, {
      v: 1,
      savedAt: Date.now(),
      state: keptState(l.state),
      repeat: l.repeat,
      postId: this.slot.kind === "new" ? this.snap.draftId : undefined,
      base: this.snap.serverMark,
      savedFp: this.snap.serverFp,
    });
    if (!wrote.ok && !this.canServer(l.state) && this.snap.status.kind !== "failed")
      this.set({ status: { kind: "failed", reason: wrote.reason, fp: "" } });
  }

  saveNow = () => {
    const l = this.latest;
    clearTimeout(this.serverTimer);
    if (!l || this.snap.finished || !this.canServer(l.state) || !this.dirtyOf(l.state)) return;
    void this.saver.save(l.body(l.state), fingerprint(l.state));
  };

  /** Window listeners while the composer is shown; the returned function removes them. */
  attach() {
    this.attached = true;
    const unsaved = () => !!this.latest && this.dirtyOf(this.latest.state);
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!unsaved()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const pageHide = () => {
      clearTimeout(this.localTimer);
      if (this.snap.ready && !this.snap.finished) this.writeCopy();
      // An update of an existing draft is safe to send as the page goes; a create is not (its id
      // would be lost and the next visit would make a second draft): the device copy covers it.
      const l = this.latest;
      const id = this.saver.postId;
      if (!l || !id || this.saver.busy || !this.canServer(l.state) || !unsaved()) return;
      const body = JSON.stringify(l.body(l.state));
      if (body.length > 60_000) return;
      void fetch(`/api/posts/${encodeURIComponent(id)}`, {
        method: "PUT",
        body,
        keepalive: true,
        headers: { "content-type": "application/json" },
      }).catch(() => undefined);
    };
    // Next's router cannot be paused, so a link inside the app is asked about before it is followed.
    const click = (e: MouseEvent) => {
      if (!unsaved() || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin) return;
      if (to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (window.confirm(LEAVE_WARNING)) return this.saveNow();
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("pagehide", pageHide);
    document.addEventListener("click", click, true);
    return () => {
      this.attached = false;
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("pagehide", pageHide);
      document.removeEventListener("click", click, true);
      // Back, or a link the user confirmed: the device copy is written and the pending save sent
      // (the request outlives the composer).
      clearTimeout(this.localTimer);
      if (this.snap.ready && !this.snap.finished) this.writeCopy();
      this.saveNow();
    };
  }

  restore = () => {
    if (this.snap.prompt) this.opts.apply(this.snap.prompt.state, this.snap.prompt.repeat);
    this.set({ prompt: null });
  };
  discard = () => {
    clearLocal(window.localStorage, this.key);
    this.set({ prompt: null });
  };
  /** The draft stays on the calendar; the composer opens empty, by a full load so nothing of this post lingers. */
  startOver = () => {
    clearLocal(window.localStorage, this.key);
    this.set({ finished: true });
    window.location.replace(new URL("/compose", window.location.href).href);
  };

  /** Before Schedule / Post now / Save as draft / Add to queue: autosave stops; the draft it made, if any. */
  async beforeSubmit(): Promise<string | undefined> {
    clearTimeout(this.serverTimer);
    clearTimeout(this.localTimer);
    this.saver.stop();
    this.set({ finished: true });
    await this.saver.settle();
    return this.slot.kind === "new" ? this.saver.postId : undefined;
  }

  afterSubmit(ok: boolean) {
    if (ok) return clearLocal(window.localStorage, this.key);
    this.saver.resume();
    this.set({ finished: false });
  }
}
