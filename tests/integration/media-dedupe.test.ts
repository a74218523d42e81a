import { mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importMediaFromUrl } from "@/lib/media/from-url";
import { mediaDir } from "@/lib/media/paths";
import { saveUpload } from "@/lib/media/store";
import { makeOwner } from "../helpers/factories";
import * as bytes from "../helpers/media-bytes";

// The library keeps one copy of a file per organization (sha256 of the bytes, unique per
// organization): uploading the same bytes again, by upload or from a URL, answers with the item the
// organization already has; another organization gets its own; concurrent uploads settle on one row.

let dataDir: string;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let files: http.Server;
let filesUrl = "";
const savedPrivate = process.env.ALLOW_PRIVATE_NETWORK;

/** Bytes no other test uploads: a PNG header with a random tail. */
const uniquePng = () => {
  const data = bytes.bigPng(4096);
  crypto.getRandomValues(data.subarray(200));
  return data;
};

const streamOf = (data: Uint8Array, chunk = 1000) => {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= data.length) return c.close();
      c.enqueue(data.slice(at, at + chunk));
      at += chunk;
    },
  });
};
const upload = (ctx: typeof a, data: Uint8Array, fileName = "photo.png") =>
  saveUpload(ctx, streamOf(data), { fileName, declaredSize: data.length });
const storedFiles = (orgId: string) => {
  const dir = path.join(mediaDir(), orgId);
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith(".")) : [];
};
const rowsOf = (orgId: string) => db.media.count({ where: { organizationId: orgId } });

let served: Uint8Array = new Uint8Array();
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-dedupe-"));
  process.env.DATA_DIR = dataDir;
  a = await makeOwner("dedupe-a");
  b = await makeOwner("dedupe-b");
  files = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(served)));
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  process.env.ALLOW_PRIVATE_NETWORK = "1";
}, 60_000);
afterAll(async () => {
  if (savedPrivate === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = savedPrivate;
  await new Promise((r) => files?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("media deduplication", () => {
  it("answers the same bytes uploaded again with the existing item and stores no second copy", async () => {
    const data = uniquePng();
    const first = await upload(a, data, "first.png");
    const rows = await rowsOf(a.organizationId);
    const stored = storedFiles(a.organizationId);
    // Other chunk sizes and another name: the bytes decide.
    const again = await saveUpload(a, streamOf(data, 333), { fileName: "renamed.png" });
    expect(again.id).toBe(first.id);
    expect(again.fileName).toBe("first.png");
    expect(await rowsOf(a.organizationId)).toBe(rows);
    expect(storedFiles(a.organizationId)).toEqual(stored);
    const row = await db.media.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // One byte different is another file.
    const other = data.slice();
    other[data.length - 1]! ^= 1;
    const second = await upload(a, other);
    expect(second.id).not.toBe(first.id);
    expect(await rowsOf(a.organizationId)).toBe(rows + 1);
  });

  it("never shares an item across organizations: each gets its own copy of the same bytes", async () => {
    const data = uniquePng();
    const mine = await upload(a, data);
    const theirs = await upload(b, data);
    expect(theirs.id).not.toBe(mine.id);
    const [rowA, rowB] = await Promise.all([mine.id, theirs.id].map((id) => db.media.findUniqueOrThrow({ where: { id } })));
    expect(rowA!.organizationId).toBe(a.organizationId);
    expect(rowB!.organizationId).toBe(b.organizationId);
    expect(rowA!.contentHash).toBe(rowB!.contentHash);
    expect(rowB!.path.startsWith(`${b.organizationId}/`)).toBe(true);
  });

  it("settles concurrent uploads of one file on one row, the losers' copies removed", async () => {
    const data = uniquePng();
    const rows = await rowsOf(a.organizationId);
    const stored = storedFiles(a.organizationId).length;
    const all = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(a, data, `copy-${i}.png`)));
    expect(new Set(all.map((m) => m.id)).size).toBe(1);
    expect(await rowsOf(a.organizationId)).toBe(rows + 1);
    expect(storedFiles(a.organizationId)).toHaveLength(stored + 1);
    expect(readdirSync(path.join(mediaDir(), a.organizationId)).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("deduplicates a file added from a URL against an upload of the same bytes", async () => {
    served = uniquePng();
    const uploaded = await upload(a, served, "local.png");
    const fetched = await importMediaFromUrl(a, { url: `${filesUrl}/same.png` });
    expect(fetched.id).toBe(uploaded.id);
    const inB = await importMediaFromUrl(b, { url: `${filesUrl}/same.png` });
    expect(inB.id).not.toBe(uploaded.id);
  });

  it("uploads a file again after its item was deleted", async () => {
    const data = uniquePng();
    const first = await upload(a, data);
    await db.media.delete({ where: { id: first.id } });
    const again = await upload(a, data);
    expect(again.id).not.toBe(first.id);
  });
});
