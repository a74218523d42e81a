import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { deleteMedia, getMedia, listMedia, updateMediaAlt } from "@/lib/media/library";
import { saveUpload } from "@/lib/media/store";
import { createPost } from "@/lib/posts/operations";
import { mediaDir } from "@/lib/media/paths";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";
import * as bytes from "../helpers/media-bytes";

// The media library against a real database and a real folder: what an upload leaves behind
// (a row and a file, or nothing at all), and that every operation stays inside the organization.

let dataDir: string;
let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;

/** A request-like body: the bytes in chunks, counting how many chunks were pulled. */
function bodyOf(data: Uint8Array, chunkSize = 1024) {
  const state = { pulled: 0, cancelled: false };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= data.length) return c.close();
      state.pulled++;
      c.enqueue(data.slice(at, at + chunkSize));
      at += chunkSize;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const filesOf = (orgId: string) => {
  const dir = path.join(mediaDir(), orgId);
  return existsSync(dir) ? readdirSync(dir) : [];
};
const upload = (ctx: typeof a, data: Uint8Array, fileName: string, opts: { maxBytes?: number } = {}) =>
  saveUpload(ctx, bodyOf(data).stream, { fileName, declaredType: "image/png", declaredSize: data.length }, opts);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-media-"));
  process.env.DATA_DIR = dataDir;
  emu = await useEmulator();
  a = await makeOwner("media-a");
  b = await makeOwner("media-b");
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("saveUpload", () => {
  it("stores the file under the organization's folder with a random name, and a row with the sniffed type and dimensions", async () => {
    const data = bytes.bigPng(5000);
    const m = await upload(a, data, "C:\\fakepath\\Team photo.png");
    expect(m).toMatchObject({
      fileName: "Team photo.png",
      mimeType: "image/png",
      size: 5000,
      width: 640,
      height: 480,
      alt: null,
      url: `/api/media/${m.id}/file`,
    });
    const row = await db.media.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ organizationId: a.organizationId, uploadedById: a.userId });
    expect(row.path).toMatch(new RegExp(`^${a.organizationId}/[0-9a-f]{32}\\.png$`));
    expect(new Uint8Array(readFileSync(path.join(mediaDir(), row.path)))).toEqual(data);
    expect(filesOf(a.organizationId).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("uses the bytes' type, not the declared one", async () => {
    const m = await saveUpload(a, bodyOf(bytes.gif(32, 16)).stream, { fileName: "anim.png", declaredType: "image/png" });
    expect(m).toMatchObject({ mimeType: "image/gif", width: 32, height: 16 });
  });

  it("refuses a fake .png that is really text, naming the file and the rule, and leaves nothing on disk", async () => {
    const before = filesOf(a.organizationId);
    const rows = await db.media.count({ where: { organizationId: a.organizationId } });
    await expect(upload(a, bytes.text(), "photo.png")).rejects.toMatchObject({
      status: 415,
      message: "photo.png: text/plain is not a type any platform here accepts; use JPEG, PNG, GIF, WebP, MP4, MOV or WebM",
    });
    await expect(upload(a, bytes.bmp(), "photo.bmp")).rejects.toThrow("photo.bmp: image/bmp is not a type any platform here accepts");
    // An MP4-family file of a brand platforms do not take as MP4 (Flash video) is not stored as video/mp4.
    await expect(upload(a, bytes.isoMedia("f4v "), "clip.mp4")).rejects.toMatchObject({
      status: 415,
      message:
        'clip.mp4: MPEG-4 brand "f4v " (not standard MP4 video) is not a type any platform here accepts; use JPEG, PNG, GIF, WebP, MP4, MOV or WebM',
    });
    expect(filesOf(a.organizationId)).toEqual(before);
    expect(await db.media.count({ where: { organizationId: a.organizationId } })).toBe(rows);
  });

  it("stops reading at the cap while streaming, deletes the partial file, and refuses a declared size over the cap at once", async () => {
    const before = filesOf(a.organizationId);
    const big = bodyOf(bytes.bigPng(64 * 1024), 1024);
    await expect(saveUpload(a, big.stream, { fileName: "huge.png" }, { maxBytes: 4096 })).rejects.toMatchObject({
      status: 413,
      message: "huge.png is larger than the 0.0 MB upload limit",
    });
    expect(big.state.pulled).toBeLessThanOrEqual(6);
    expect(big.state.cancelled).toBe(true);
    expect(filesOf(a.organizationId)).toEqual(before);

    const declared = bodyOf(bytes.bigPng(10_000));
    await expect(saveUpload(a, declared.stream, { fileName: "big.png", declaredSize: 10_000 }, { maxBytes: 4096 })).rejects.toMatchObject({
      status: 413,
    });
    expect(declared.state.pulled).toBeLessThanOrEqual(1); // a ReadableStream fills its first chunk on its own
  });

  it("takes the cap from MEDIA_UPLOAD_MAX_BYTES", async () => {
    process.env.MEDIA_UPLOAD_MAX_BYTES = String(2 * 1_048_576);
    try {
      await expect(upload(a, bytes.bigPng(3 * 1_048_576), "three-mb.png")).rejects.toThrow(
        "three-mb.png is larger than the 2.0 MB upload limit",
      );
    } finally {
      delete process.env.MEDIA_UPLOAD_MAX_BYTES;
    }
  });

  it("treats a connection lost mid-body as an interrupted upload and removes the partial file", async () => {
    const before = filesOf(a.organizationId);
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ === 0) c.enqueue(bytes.bigPng(2048));
        else c.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    await expect(saveUpload(a, broken, { fileName: "cut.png" })).rejects.toMatchObject({
      status: 400,
      message: "cut.png: the upload was interrupted; please try again",
    });
    expect(filesOf(a.organizationId)).toEqual(before);
  });

  it("refuses an interrupted upload (fewer bytes than content-length) and an empty file", async () => {
    await expect(saveUpload(a, bodyOf(bytes.png(2, 2)).stream, { fileName: "cut.png", declaredSize: 5000 })).rejects.toThrow(
      /cut.png: received \d+ of 5000 bytes/,
    );
    await expect(saveUpload(a, bodyOf(new Uint8Array()).stream, { fileName: "empty.png" })).rejects.toThrow("file: empty.png is empty");
    await expect(saveUpload(a, bodyOf(bytes.png(2, 2)).stream, { fileName: "  " })).rejects.toThrow(/fileName: /);
    expect(filesOf(a.organizationId).filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});

describe("the library is the organization's own", () => {
  it("lists newest first a page at a time, filters by type, and never shows another organization's files", async () => {
    const org = await makeOwner("media-list");
    const ids: string[] = [];
    for (const [i, data] of [bytes.png(1, 1), bytes.gif(1, 1), bytes.isoMedia("isom"), bytes.jpeg(1, 1), bytes.webpLossy(1, 1)].entries()) {
      ids.push((await saveUpload(org, bodyOf(data).stream, { fileName: `f${i}` })).id);
    }
    const first = await listMedia(org, { limit: "2" });
    expect(first.items.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    const second = await listMedia(org, { limit: "2", cursor: first.nextCursor! });
    const third = await listMedia(org, { limit: "2", cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();
    expect((await listMedia(org, { type: "video" })).items.map((m) => m.mimeType)).toEqual(["video/mp4"]);
    expect((await listMedia(org, { type: "gif" })).items.map((m) => m.mimeType)).toEqual(["image/gif"]);
    expect((await listMedia(org, { type: "image" })).items).toHaveLength(4);
    expect((await listMedia(b, {})).items.map((m) => m.id)).not.toContain(ids[0]);
    await expect(listMedia(org, { cursor: "nonsense" })).rejects.toThrow("cursor: is not a cursor this list gave out");
    await expect(listMedia(org, { limit: "500" })).rejects.toThrow("limit: limit is at most 100");
  });

  it("another organization cannot read, change or delete a file: it is not found", async () => {
    const m = await upload(a, bytes.png(3, 3), "private.png");
    await expect(getMedia(b, m.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateMediaAlt(b, m.id, { alt: "mine now" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteMedia(b, m.id)).rejects.toMatchObject({ status: 404 });
    expect((await getMedia(a, m.id)).alt).toBeNull();
  });
});

describe("alt text", () => {
  it("sets, trims and clears alt text, and refuses more than the most any platform takes (4086)", async () => {
    const m = await upload(a, bytes.png(3, 3), "alt.png");
    expect((await updateMediaAlt(a, m.id, { alt: "  A red square  " })).alt).toBe("A red square");
    expect((await updateMediaAlt(a, m.id, { alt: "" })).alt).toBeNull();
    // Longer than X's or Mastodon's limit is fine in the library: each channel's rule applies when a post uses it.
    expect((await updateMediaAlt(a, m.id, { alt: "x".repeat(4086) })).alt).toHaveLength(4086);
    await expect(updateMediaAlt(a, m.id, { alt: "x".repeat(4087) })).rejects.toMatchObject({
      status: 422,
      fields: { alt: "alt text is at most 4086 characters (the most any platform takes)" },
    });
    await expect(updateMediaAlt(a, m.id, { alt: 5 })).rejects.toMatchObject({ fields: { alt: "alt must be text" } });
  });
});

describe("deleting", () => {
  it("removes the row and the file", async () => {
    const m = await upload(a, bytes.png(3, 3), "gone.png");
    const row = await db.media.findUniqueOrThrow({ where: { id: m.id } });
    await deleteMedia(a, m.id);
    expect(await db.media.findUnique({ where: { id: m.id } })).toBeNull();
    expect(existsSync(path.join(mediaDir(), row.path))).toBe(false);
  });

  it("is refused while a scheduled post uses the file, and allowed once that post is gone", async () => {
    const channel = await connectEmulated(a, emu, "x", "media_x");
    const m = await upload(a, bytes.png(3, 3), "launch.png");
    const { id: postId } = await createPost(a, {
      mode: "schedule",
      publishAt: new Date(Date.now() + 5 * 86_400_000),
      targets: [{ channelId: channel, items: [{ text: "launch day", media: [{ mediaId: m.id }] }] }],
    });
    await expect(deleteMedia(a, m.id)).rejects.toMatchObject({
      status: 409,
      message: "launch.png is attached to a post that is not published yet; remove it from the post or delete the post first",
    });
    expect(await db.media.findUnique({ where: { id: m.id } })).not.toBeNull();
    await db.post.delete({ where: { id: postId } });
    await deleteMedia(a, m.id);
    expect(await db.media.findUnique({ where: { id: m.id } })).toBeNull();
  });
});
