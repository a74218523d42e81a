import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/orgs/context";
import { makeOwner } from "../helpers/factories";
import * as bytes from "../helpers/media-bytes";

// The HTTP boundary of the media library: the route handlers themselves, with the session
// replaced by a chosen organization context (or none).
const session = vi.hoisted(() => ({ ctx: null as OrgContext | null }));
vi.mock("@/lib/auth/current", () => ({ currentContext: async () => session.ctx }));

const { GET: list, POST: upload } = await import("@/app/api/media/route");
const { PATCH: patch, DELETE: remove } = await import("@/app/api/media/[id]/route");
const { GET: file } = await import("@/app/api/media/[id]/file/route");

let dataDir: string;
let a: OrgContext;
let b: OrgContext;
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const req = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) => new NextRequest(`http://localhost${url}`, init);
const post = (data: Uint8Array, name: string, type = "image/png") =>
  upload(
    req("/api/media", {
      method: "POST",
      body: Buffer.from(data),
      headers: { "x-file-name": encodeURIComponent(name), "content-type": type, "content-length": String(data.length) },
    }),
    params({}),
  );

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-media-routes-"));
  process.env.DATA_DIR = dataDir;
  a = await makeOwner("media-route-a");
  b = await makeOwner("media-route-b");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("media routes", () => {
  it("answers 401 without a session, before reading the body", async () => {
    session.ctx = null;
    expect((await post(bytes.png(1, 1), "a.png")).status).toBe(401);
    expect((await list(req("/api/media"), params({}))).status).toBe(401);
    expect((await file(req("/api/media/x/file"), params({ id: "x" }))).status).toBe(401);
  });

  it("uploads, lists, serves the file with safe headers, updates alt and deletes", async () => {
    session.ctx = a;
    const res = await post(bytes.png(7, 5), "Été 2026.png");
    expect(res.status).toBe(201);
    const { media } = await res.json();
    expect(media).toMatchObject({ fileName: "Été 2026.png", mimeType: "image/png", width: 7, height: 5 });

    const page = await (await list(req("/api/media?limit=10"), params({}))).json();
    expect(page.items[0].id).toBe(media.id);

    const served = await file(req(media.url), params({ id: media.id }));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toMatch(/^private/);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes.png(7, 5));

    const patched = await patch(
      req(`/api/media/${media.id}`, { method: "PATCH", body: JSON.stringify({ alt: "A tiny square" }) }),
      params({ id: media.id }),
    );
    expect((await patched.json()).media.alt).toBe("A tiny square");
    const tooLong = await patch(
      req(`/api/media/${media.id}`, { method: "PATCH", body: JSON.stringify({ alt: "x".repeat(4087) }) }),
      params({ id: media.id }),
    );
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).fields).toEqual({ alt: "alt text is at most 4086 characters (the most any platform takes)" });

    expect((await remove(req(`/api/media/${media.id}`, { method: "DELETE" }), params({ id: media.id }))).status).toBe(200);
    expect((await file(req(media.url), params({ id: media.id }))).status).toBe(404);
  });

  it("serves one byte range (206) so videos can seek, and answers 416 outside the file", async () => {
    session.ctx = a;
    const data = bytes.isoMedia("isom");
    const { media } = await (await post(data, "clip.mp4", "video/mp4")).json();
    expect(media.mimeType).toBe("video/mp4");
    const part = await file(req(media.url, { headers: { range: "bytes=4-11" } }), params({ id: media.id }));
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-11/${data.length}`);
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe("ftypisom");
    const tail = await file(req(media.url, { headers: { range: "bytes=-4" } }), params({ id: media.id }));
    expect((await tail.arrayBuffer()).byteLength).toBe(4);
    const beyond = await file(req(media.url, { headers: { range: `bytes=${data.length}-` } }), params({ id: media.id }));
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${data.length}`);
  });

  it("refuses a disguised file with the reason as the error text", async () => {
    session.ctx = a;
    const res = await post(bytes.text(), "photo.png");
    expect(res.status).toBe(415);
    expect((await res.json()).error).toBe(
      "photo.png: text/plain is not a type any platform here accepts; use JPEG, PNG, GIF, WebP, MP4, MOV or WebM",
    );
  });

  it("answers 404 for another organization's file, alt and delete", async () => {
    session.ctx = a;
    const { media } = await (await post(bytes.png(2, 2), "ours.png")).json();
    session.ctx = b;
    expect((await file(req(media.url), params({ id: media.id }))).status).toBe(404);
    expect(
      (await patch(req(`/api/media/${media.id}`, { method: "PATCH", body: JSON.stringify({ alt: "x" }) }), params({ id: media.id })))
        .status,
    ).toBe(404);
    expect((await remove(req(`/api/media/${media.id}`, { method: "DELETE" }), params({ id: media.id }))).status).toBe(404);
    expect((await (await list(req("/api/media"), params({}))).json()).items).toEqual([]);
    session.ctx = a;
    expect((await file(req(media.url), params({ id: media.id }))).status).toBe(200);
  });
});
