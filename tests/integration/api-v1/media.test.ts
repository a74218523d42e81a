import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteMedia } from "@/app/api/v1/media/[id]/route";
import { POST as importMedia } from "@/app/api/v1/media/from-url/route";
import { GET as listMedia, POST as uploadMedia } from "@/app/api/v1/media/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { makeKey, v1Call } from "../../helpers/api-v1";
import { makeOwner } from "../../helpers/factories";
import { png, text } from "../../helpers/media-bytes";

// The media routes of /api/v1: the app's own upload checks on a streamed raw body, the guarded
// download from a URL, cursor paging, deletion; scopes, other organizations and Idempotency-Key.

let dataDir: string;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let key: string;
let readKey: string;
let keyB: string;
let files: http.Server;
let filesUrl: string;
const savedPrivate = process.env.ALLOW_PRIVATE_NETWORK;

const upload = (secret: string | null, bytes: Uint8Array, name = "photo.png", headers: Record<string, string> = {}) =>
  v1Call(uploadMedia, "/api/v1/media", {
    method: "POST",
    key: secret,
    rawBody: Buffer.from(bytes) as unknown as string,
    headers: { "content-type": "image/png", "x-file-name": encodeURIComponent(name), ...headers },
  });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-v1-media-"));
  process.env.DATA_DIR = dataDir;
  a = await makeOwner("v1media-a");
  b = await makeOwner("v1media-b");
  key = await makeKey(a, ["read", "write"]);
  readKey = await makeKey(a, ["read"]);
  keyB = await makeKey(b, ["read", "write"]);
  files = http.createServer((req, res) => {
    if (req.url === "/pic.png") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(png(40, 30)));
    else if (req.url === "/words.txt") res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from(text()));
    else if (req.url === "/moved") res.writeHead(302, { location: "/pic.png" }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  if (savedPrivate === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = savedPrivate;
  await new Promise((r) => files?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("POST /api/v1/media", () => {
  it("stores the raw body with the type read from its bytes and its dimensions", async () => {
    const res = await upload(key, png(64, 48), "névé photo.png");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: "névé photo.png", mimeType: "image/png", width: 64, height: 48 });
    expect(await a.db.media.count({ where: { id: res.body.id as string } })).toBe(1);
  });

  it("refuses what the app refuses, naming the rule, and keeps nothing", async () => {
    const before = await a.db.media.count();
    const words = await upload(key, text(), "notes.png");
    expect(words.status).toBe(415);
    expect(words.body.detail).toContain("notes.png");
    const noName = await upload(key, png(8, 8), "");
    expect(noName.status).toBe(422);
    expect(noName.body.errors).toEqual([{ field: "fileName", message: expect.stringContaining("x-file-name") }]);
    const short = await upload(key, png(8, 8), "a.png", { "content-length": "999999" });
    expect(short.status).toBe(400);
    expect(await a.db.media.count()).toBe(before);
  });

  it("needs the write scope and a key", async () => {
    const read = await upload(readKey, png(8, 8));
    expect(read.status).toBe(403);
    expect(read.body.detail).toContain('"write"');
    expect((await upload(null, png(8, 8))).status).toBe(401);
  });

  it("replays an upload sent again with the same Idempotency-Key instead of storing it twice", async () => {
    const before = await a.db.media.count();
    const first = await upload(key, png(10, 10), "once.png", { "idempotency-key": "upload-once-1" });
    const again = await upload(key, png(10, 10), "once.png", { "idempotency-key": "upload-once-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await a.db.media.count()).toBe(before + 1);
    const other = await upload(key, png(10, 10), "other-name.png", { "idempotency-key": "upload-once-1" });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("urn:postmill:problem:idempotency-mismatch");
  });
});

describe("POST /api/v1/media/from-url", () => {
  it("downloads a public file through the guard (a private address is refused unless allowed)", async () => {
    delete process.env.ALLOW_PRIVATE_NETWORK;
    const refused = await v1Call(importMedia, "/api/v1/media/from-url", { method: "POST", key, body: { url: `${filesUrl}/pic.png` } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: "url", message: expect.stringContaining("cannot be fetched") }]);
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    const res = await v1Call(importMedia, "/api/v1/media/from-url", {
      method: "POST",
      key,
      body: { url: `${filesUrl}/moved`, alt: "a small square" },
      headers: { "idempotency-key": "import-1" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: "moved", mimeType: "image/png", width: 40, height: 30, alt: "a small square" });
    const replay = await v1Call(importMedia, "/api/v1/media/from-url", {
      method: "POST",
      key,
      body: { url: `${filesUrl}/moved`, alt: "a small square" },
      headers: { "idempotency-key": "import-1" },
    });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body.id).toBe(res.body.id);
  });

  it("refuses bad input and files no platform takes, naming the field", async () => {
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    const bad = await v1Call(importMedia, "/api/v1/media/from-url", { method: "POST", key, body: { url: "ftp://x/y.png" } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.field).toBe("url");
    const words = await v1Call(importMedia, "/api/v1/media/from-url", { method: "POST", key, body: { url: `${filesUrl}/words.txt` } });
    expect(words.status).toBe(415);
    const missing = await v1Call(importMedia, "/api/v1/media/from-url", { method: "POST", key, body: { url: `${filesUrl}/nothing` } });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toContain("HTTP 404");
    const read = await v1Call(importMedia, "/api/v1/media/from-url", {
      method: "POST",
      key: readKey,
      body: { url: `${filesUrl}/pic.png` },
    });
    expect(read.status).toBe(403);
  });
});

describe("GET and DELETE /api/v1/media", () => {
  it("pages through the library with the cursor, newest first, the key's organization only", async () => {
    await upload(keyB, png(9, 9), "theirs.png");
    const all = (await a.db.media.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).map((m) => m.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await v1Call(listMedia, `/api/v1/media?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key: readKey });
      expect(res.status).toBe(200);
      seen.push(...(res.body.data as { id: string }[]).map((m) => m.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await v1Call(listMedia, "/api/v1/media?limit=1000&cursor=nope", { key: readKey });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(["limit"]);
  });

  it("deletes a file with write; another organization's is 404 and stays", async () => {
    const mine = (await a.db.media.findFirstOrThrow()).id;
    const theirs = (await b.db.media.findFirstOrThrow()).id;
    expect((await v1Call(deleteMedia, `/api/v1/media/${mine}`, { method: "DELETE", key: readKey, params: { id: mine } })).status).toBe(403);
    const foreign = await v1Call(deleteMedia, `/api/v1/media/${theirs}`, { method: "DELETE", key, params: { id: theirs } });
    expect(foreign.status).toBe(404);
    expect(await b.db.media.count({ where: { id: theirs } })).toBe(1);
    const res = await v1Call(deleteMedia, `/api/v1/media/${mine}`, { method: "DELETE", key, params: { id: mine } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: mine, deleted: true });
    expect(await a.db.media.count({ where: { id: mine } })).toBe(0);
  });

  it("documents the upload's body as binary in the OpenAPI document", async () => {
    const doc = (await v1Call(openApi, "/api/v1/openapi.json")).body as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>>;
    };
    const op = doc.paths["/api/v1/media"]!.post!;
    expect(op.requestBody).toMatchObject({ content: { "*/*": { schema: { type: "string", format: "binary" } } } });
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "X-File-Name", in: "header", required: true })]));
  });
});
