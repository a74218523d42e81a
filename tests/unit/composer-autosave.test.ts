import { describe, expect, it } from "vitest";
import {
  clearLocal,
  fingerprint,
  hasContent,
  keptState,
  LOCAL_TTL_MS,
  localKey,
  pruneLocal,
  clearAllLocal,
  readLocal,
  serverMark,
  writeLocal,
  type LocalRecord,
  type StorageLike,
} from "@/lib/composer/autosave-store";
import { applyRecord, planRestore } from "@/lib/composer/autosave-restore";
import { DraftSaver, reasonOf, type DraftBody, type SaverStatus } from "@/lib/composer/autosave-saver";
import { submitTarget } from "@/lib/composer/autosave-submit";
import type { ComposerState } from "@/lib/composer/types";

// The rules of the composer's autosave without a browser: where the device copy lives and when it
// expires, what happens to it when the composer opens, and how server saves are kept in order.

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const blank = (over: Partial<ComposerState> = {}): ComposerState => ({
  picked: [],
  global: [{ text: "", media: [] }],
  variants: {},
  settings: {},
  when: "2026-12-10T09:00",
  ...over,
});
const written = (text: string, over: Partial<ComposerState> = {}) => blank({ picked: ["c1"], global: [{ text, media: [] }], ...over });
const record = (state: ComposerState, over: Partial<LocalRecord> = {}): LocalRecord => ({
  v: 1,
  savedAt: 1_000_000,
  state: keptState(state),
  base: "",
  ...over,
});
const owner = { organizationId: "org1", userId: "user1" };
const serverPost = (text: string) => ({
  publishAt: "2026-12-10T14:00:00.000Z",
  targets: [{ channel: { id: "c1" }, status: "draft", items: [{ text, media: [] }], settings: {} }],
});

describe("the device copy", () => {
  it("is kept per organization, user and post, with one slot for the new post", () => {
    expect(localKey(owner, { kind: "new" })).toBe("postmill:composer:v1:org1:user1:new");
    expect(localKey(owner, { kind: "post", postId: "p1" })).toBe("postmill:composer:v1:org1:user1:post:p1");
    expect(localKey({ ...owner, organizationId: "org2" }, { kind: "new" })).not.toBe(localKey(owner, { kind: "new" }));
    expect(localKey({ ...owner, userId: "user2" }, { kind: "new" })).not.toBe(localKey(owner, { kind: "new" }));
    // An id with a colon cannot pose as another slot.
    expect(localKey({ organizationId: "a:b", userId: "c" }, { kind: "new" })).not.toBe(
      localKey({ organizationId: "a", userId: "b:c" }, { kind: "new" }),
    );
  });

  it("reads back what was written, and drops expired, future-dated and malformed copies", () => {
    const s = new MemoryStorage();
    const key = localKey(owner, { kind: "new" });
    const rec = record(written("hello"), { repeat: undefined, postId: "p1" });
    expect(writeLocal(s, key, rec)).toEqual({ ok: true });
    expect(readLocal(s, key, rec.savedAt + 1000)).toEqual(rec);
    expect(readLocal(s, key, rec.savedAt + LOCAL_TTL_MS + 1)).toBeNull();
    expect(s.getItem(key)).toBeNull();

    writeLocal(s, key, { ...rec, savedAt: rec.savedAt + 2 * LOCAL_TTL_MS });
    expect(readLocal(s, key, rec.savedAt)).toBeNull();
    for (const bad of [
      "{not json",
      JSON.stringify({ v: 1, savedAt: 1, base: "", state: { picked: "c1" } }),
      JSON.stringify({ ...rec, v: 2 }),
    ]) {
      s.setItem(key, bad);
      expect(readLocal(s, key, rec.savedAt)).toBeNull();
      expect(s.getItem(key)).toBeNull();
    }
  });

  it("says why when the storage is full instead of throwing", () => {
    const s = new MemoryStorage();
    s.full = true;
    expect(writeLocal(s, "k", record(written("x")))).toEqual({ ok: false, reason: "this browser's storage is full" });
  });

  it("prunes only the composer's expired copies", () => {
    const s = new MemoryStorage();
    s.setItem("other-app", "keep me");
    writeLocal(s, localKey(owner, { kind: "new" }), record(written("old"), { savedAt: 0 }));
    writeLocal(s, localKey(owner, { kind: "post", postId: "p2" }), record(written("recent"), { savedAt: LOCAL_TTL_MS }));
    pruneLocal(s, LOCAL_TTL_MS + 10);
    expect([...s.map.keys()].sort()).toEqual(["other-app", localKey(owner, { kind: "post", postId: "p2" })]);
    clearLocal(s, "other-app");
    expect(s.map.size).toBe(1);
  });

  it("clears every composer copy, and nothing else, on sign-out", () => {
    const s = new MemoryStorage();
    s.setItem("other-app", "keep me");
    writeLocal(s, localKey(owner, { kind: "new" }), record(written("new")));
    writeLocal(s, localKey({ ...owner, userId: "someone-else" }, { kind: "post", postId: "p9" }), record(written("theirs")));
    clearAllLocal(s);
    expect([...s.map.keys()]).toEqual(["other-app"]);
  });

  it("counts text, media and polls as content, not an empty post with channels", () => {
    expect(hasContent(blank({ picked: ["c1"] }))).toBe(false);
    expect(hasContent(blank({ global: [{ text: "  ", media: [] }] }))).toBe(false);
    expect(hasContent(blank({ variants: { c1: [{ text: "only here", media: [] }] } }))).toBe(true);
    expect(
      hasContent(
        blank({ global: [{ text: "", media: [{ mediaId: "m1", src: "/m", fileName: "a.png", mimeType: "image/png", alt: "" }] }] }),
      ),
    ).toBe(true);
    expect(hasContent(blank({ global: [{ text: "", media: [], poll: { question: "", options: [], durationMinutes: 60 } }] }))).toBe(true);
  });

  it("fingerprints ignore the organization's signatures and the post id", () => {
    expect(fingerprint(written("a", { postId: "p1", autoSignatures: [] }))).toBe(fingerprint(written("a")));
    expect(fingerprint(written("a"))).not.toBe(fingerprint(written("b")));
  });
});

describe("opening the composer with a device copy", () => {
  it("a new post: brings the copy back, or asks when a copy of another post was opened", () => {
    const rec = record(written("half written"));
    expect(planRestore({ serverMark: "", initial: blank(), serverSaves: true, newRecord: rec, postRecord: null })).toEqual({
      slot: { kind: "new" },
      action: "restore",
      record: rec,
    });
    expect(
      planRestore({ serverMark: "", initial: written("copied post"), serverSaves: true, newRecord: rec, postRecord: null }).action,
    ).toBe("ask");
    expect(planRestore({ serverMark: "", initial: blank(), serverSaves: true, newRecord: null, postRecord: null }).action).toBe("none");
    expect(
      planRestore({ serverMark: "", initial: blank(), serverSaves: true, newRecord: record(blank({ picked: ["c1"] })), postRecord: null })
        .action,
    ).toBe("drop");
  });

  it("a new post that became a draft: checked with the server first when opened blank, restored when opened by its address", () => {
    const saved = written("saved text");
    const mark = serverMark(serverPost("saved text"));
    const rec = record(written("newer text"), { postId: "p1", base: mark });
    expect(planRestore({ serverMark: "", initial: blank(), serverSaves: true, newRecord: rec, postRecord: null })).toMatchObject({
      slot: { kind: "new" },
      action: "verify",
    });
    const opened = { postId: "p1", initial: { ...saved, postId: "p1" }, serverSaves: true, postRecord: null };
    expect(planRestore({ ...opened, serverMark: mark, newRecord: rec })).toMatchObject({ slot: { kind: "new" }, action: "restore" });
    // Nothing newer on the device: the pointer stays, nothing to put back.
    expect(planRestore({ ...opened, serverMark: mark, newRecord: record(saved, { postId: "p1", base: mark }) })).toEqual({
      slot: { kind: "new" },
      action: "none",
    });
    // The page's copy differs from the last save (changed elsewhere, or a page from the browser's
    // cache on Back): the server is asked before anything is put back.
    expect(planRestore({ ...opened, serverMark: serverMark(serverPost("changed elsewhere")), newRecord: rec })).toEqual({
      slot: { kind: "new" },
      action: "verify",
      record: rec,
      postId: "p1",
    });
  });

  it("an existing post: a scheduled one is only ever offered back; a copy equal to the server is dropped", () => {
    const server = written("on the server");
    const mark = serverMark(serverPost("on the server"));
    const rec = record(written("edited here"), { base: mark });
    const opened = { postId: "p9", initial: server, serverMark: mark, newRecord: null };
    expect(planRestore({ ...opened, serverSaves: false, postRecord: rec })).toEqual({
      slot: { kind: "post", postId: "p9" },
      action: "ask",
      record: rec,
    });
    expect(planRestore({ ...opened, serverSaves: true, postRecord: rec }).action).toBe("restore");
    expect(planRestore({ ...opened, serverSaves: true, postRecord: { ...rec, base: "older" } }).action).toBe("verify");
    expect(planRestore({ ...opened, serverSaves: false, postRecord: { ...rec, base: "older" } }).action).toBe("ask");
    expect(planRestore({ ...opened, serverSaves: false, postRecord: record(server) }).action).toBe("drop");
    // Another post's pointer in the new slot does not capture this one.
    expect(
      planRestore({ ...opened, serverSaves: false, newRecord: record(written("x"), { postId: "p1" }), postRecord: null }).slot,
    ).toEqual({
      kind: "post",
      postId: "p9",
    });
  });

  it("marks a server copy by its content and time, whatever the order of its channels", () => {
    const a = serverPost("one");
    const two = { ...a, targets: [...a.targets, { ...a.targets[0]!, channel: { id: "c0" } }] };
    expect(serverMark(two)).toBe(serverMark({ ...two, targets: [...two.targets].reverse() }));
    expect(serverMark(a)).not.toBe(serverMark(serverPost("two")));
    expect(serverMark(a)).not.toBe(serverMark({ ...a, publishAt: "2026-12-11T09:00:00.000Z" }));
    expect(serverMark(a)).not.toBe(serverMark({ ...a, targets: [{ ...a.targets[0]!, status: "scheduled" }] }));
  });

  it("puts a copy back without channels that are gone, keeping the post id and signatures", () => {
    const current = blank({ postId: "p1", autoSignatures: [], settings: { c3: { a: 1 } } });
    const kept = keptState(
      written("back", {
        picked: ["c1", "gone"],
        variants: { gone: [{ text: "v", media: [] }] },
        settings: { c1: { s: 1 }, gone: { s: 2 } },
      }),
    );
    const out = applyRecord(current, kept, new Set(["c1", "c3"]));
    expect(out).toEqual({
      ...current,
      picked: ["c1"],
      global: kept.global,
      variants: {},
      settings: { c3: { a: 1 }, c1: { s: 1 } },
      when: kept.when,
    });
  });
});

describe("server saves", () => {
  const body = (text: string): DraftBody => ({ mode: "draft", targets: [{ channelId: "c1", items: [{ text, media: [] }] }] });
  const deferred = () => {
    let resolve!: (v: { id: string }) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<{ id: string }>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it("create once, then update the same draft; saves asked during a save wait and only the newest is sent", async () => {
    const calls: { url: string; method: string; text: string; done: ReturnType<typeof deferred> }[] = [];
    const statuses: SaverStatus["kind"][] = [];
    const created: string[] = [];
    const saver = new DraftSaver({
      send: (req) => {
        const done = deferred();
        calls.push({ url: req.url, method: req.method, text: (req.body.targets[0] as { items: { text: string }[] }).items[0]!.text, done });
        return done.promise;
      },
      onStatus: (s) => statuses.push(s.kind),
      onCreated: (id) => created.push(id),
    });
    const first = saver.save(body("one"), "fp1");
    void saver.save(body("two"), "fp2");
    void saver.save(body("three"), "fp3");
    expect(calls).toHaveLength(1);
    calls[0]!.done.resolve({ id: "draft1" });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => [c.method, c.url, c.text])).toEqual([
      ["POST", "/api/posts", "one"],
      ["PUT", "/api/posts/draft1", "three"],
    ]);
    calls[1]!.done.resolve({ id: "draft1" });
    await first;
    await saver.settle();
    expect(created).toEqual(["draft1"]);
    expect(saver.postId).toBe("draft1");
    expect(statuses).toEqual(["saving", "saved", "saving", "saved"]);
  });

  it("a failed save reports its reason and the next one still goes to the same draft; stop drops what waits", async () => {
    const seen: SaverStatus[] = [];
    const sent: string[] = [];
    let fail = true;
    const saver = new DraftSaver({
      postId: "p1",
      send: async (req) => {
        sent.push(`${req.method} ${req.url}`);
        if (fail)
          throw Object.assign(new Error("The post was not saved."), {
            fields: { "targets.0.items.0.media.0.mediaId": "that file was deleted" },
          });
        return { id: "p1" };
      },
      onStatus: (s) => seen.push(s),
    });
    await saver.save(body("a"), "fa");
    expect(seen.at(-1)).toEqual({ kind: "failed", reason: "that file was deleted", fp: "fa" });
    fail = false;
    await saver.save(body("b"), "fb");
    expect(seen.at(-1)).toMatchObject({ kind: "saved", fp: "fb" });
    saver.stop();
    await saver.save(body("c"), "fc");
    expect(sent).toEqual(["PUT /api/posts/p1", "PUT /api/posts/p1"]);
  });

  it("names a lost connection and falls back to the server's message", () => {
    expect(reasonOf(new TypeError("Failed to fetch"))).toBe("no connection to the server");
    expect(reasonOf(new Error("Too many requests"))).toBe("Too many requests");
  });
});

describe("a submit after autosave", () => {
  it("goes into the draft autosave made, except a new series, which leaves the draft to be removed", () => {
    expect(submitTarget(undefined, "d1", false)).toEqual({ postId: "d1", dropDraft: undefined });
    expect(submitTarget(undefined, "d1", true)).toEqual({ postId: undefined, dropDraft: "d1" });
    expect(submitTarget(undefined, undefined, false)).toEqual({ postId: undefined, dropDraft: undefined });
    expect(submitTarget("p1", undefined, true)).toEqual({ postId: "p1", dropDraft: undefined });
  });
});
