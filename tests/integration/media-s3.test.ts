import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mediaDir } from "@/lib/media/paths";
import { publicMediaUrlOf } from "@/lib/media/public-url";
import { mediaStorage } from "@/lib/media/storage";
import type { OrgContext } from "@/lib/orgs/context";
import { startS3, type S3Peer } from "../peers/s3";
import { makeOwner } from "../helpers/factories";
import * as bytes from "../helpers/media-bytes";

// The S3 media store against a real local S3 API server (s3rver): the store's own operations, and
// the media library's routes (upload, serve with ranges, delete) and the public signed URLs with
// MEDIA_S3_* set, so nothing is read from or left on the local disk.
const session = vi.hoisted(() => ({ ctx: null as OrgContext | null }));
vi.mock("@/lib/auth/current", () => ({ currentContext: async () => session.ctx }));

const { POST: upload } = await import("@/app/api/media/route");
const { DELETE: remove } = await import("@/app/api/media/[id]/route");
const { GET: file } = await import("@/app/api/media/[id]/file/route");
const { GET: publicGet } = await import("@/app/m/[token]/route");

let dir: string;
let s3: S3Peer;
let owner: OrgContext;
const saved: Record<string, string | undefined> = {};
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const req = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) => new NextRequest(`http://localhost${url}`, init);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "postmill-media-s3-"));
  process.env.DATA_DIR = path.join(dir, "data");
  s3 = await startS3(path.join(dir, "s3"));
  for (const [k, v] of Object.entries(s3.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  owner = await makeOwner("media-s3");
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the S3 store", () => {
  it("stores a file, reads it whole and by range, presigns a GET anyone can fetch, and deletes it", async () => {
    const storage = mediaStorage();
    expect(storage.kind).toBe("s3");
    const data = bytes.bigPng(4000);
    const temp = path.join(dir, "upload.part");
    writeFileSync(temp, data);
    await storage.putFile("org1/abc.png", temp, data.length, "image/png");
    expect(existsSync(temp)).toBe(false);

    expect(await storage.size("org1/abc.png")).toBe(4000);
    expect(await storage.read("org1/abc.png")).toEqual(data);
    const part = new Uint8Array(await new Response(await storage.open("org1/abc.png", { start: 1, end: 3 })).arrayBuffer());
    expect(new TextDecoder().decode(part)).toBe("PNG");

    const url = await storage.presignGet("org1/abc.png", 600);
    expect(url).toMatch(new RegExp(`^${s3.endpoint}/media/org1/abc\\.png\\?.*X-Amz-Expires=600`));
    expect(url).toContain("X-Amz-Signature=");
    const fetched = await fetch(url!);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(data);

    await storage.remove("org1/abc.png");
    expect(await storage.size("org1/abc.png")).toBeNull();
    await expect(storage.remove("org1/abc.png")).resolves.toBeUndefined();
    await expect(storage.read("org1/abc.png")).rejects.toThrow(/NoSuchKey|404/);
  });

  it("refuses a key that is not one the server writes", async () => {
    await expect(mediaStorage().size("../etc/passwd")).rejects.toThrow(/not a media storage key/);
    await expect(mediaStorage().presignGet("a//b", 60)).rejects.toThrow(/not a media storage key/);
  });

  it("reports a store that refuses with its code", async () => {
    const other = mediaStorage({ ...s3.env, MEDIA_S3_BUCKET: "no-such-bucket" });
    const temp = path.join(dir, "x.part");
    writeFileSync(temp, "x");
    await expect(other.putFile("o/x.png", temp, 1, "image/png")).rejects.toThrow(/NoSuchBucket/);
  });
});

describe("the media library with the S3 store", () => {
  it("uploads into the bucket (not the disk), serves ranges and public URLs from it, and deletes from it", async () => {
    session.ctx = owner;
    const data = bytes.isoMedia("isom");
    const res = await upload(
      req("/api/media", {
        method: "POST",
        body: Buffer.from(data),
        headers: { "x-file-name": "clip.mp4", "content-type": "video/mp4", "content-length": String(data.length) },
      }),
      params({}),
    );
    expect(res.status).toBe(201);
    const { media } = await res.json();
    const row = (await owner.db.media.findFirst({ where: { id: media.id } }))!;
    expect(existsSync(path.join(mediaDir(), row.path))).toBe(false);
    expect(await mediaStorage().size(row.path)).toBe(data.length);
    // Nor is its temp file left in the organization's folder.
    expect(readdirSync(path.join(mediaDir(), owner.organizationId))).toEqual([]);

    const part = await file(req(media.url, { headers: { range: "bytes=4-11" } }), params({ id: media.id }));
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-11/${data.length}`);
    expect(part.headers.get("content-length")).toBe("8");
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe("ftypisom");

    // The public URL is the store's presigned one; the app's own /m/ route serves from S3 as well.
    const url = await publicMediaUrlOf(row);
    expect(url.startsWith(`${s3.endpoint}/media/`)).toBe(true);
    const viaStore = await fetch(url, { headers: { range: "bytes=0-3" } });
    expect(viaStore.status).toBe(206);
    const { signMediaToken } = await import("@/lib/media/public-url");
    const token = signMediaToken(row, Math.floor(Date.now() / 1000) + 60);
    const viaApp = await publicGet(req(`/m/${token}.mp4`), params({ token: `${token}.mp4` }));
    expect(viaApp.status).toBe(200);
    expect(viaApp.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await viaApp.arrayBuffer())).toEqual(data);

    expect((await remove(req(`/api/media/${media.id}`, { method: "DELETE" }), params({ id: media.id }))).status).toBe(200);
    expect(await mediaStorage().size(row.path)).toBeNull();
    expect((await publicGet(req(`/m/${token}`), params({ token }))).status).toBe(404);
  });
});
