import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MediaFetch } from "@/emulator/kit/fetch-media";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { signMediaToken } from "@/lib/media/public-url";
import { saveUpload } from "@/lib/media/store";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { startS3, type S3Peer } from "../../peers/s3";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import * as bytes from "../../helpers/media-bytes";
import { ownDatabase, settled } from "../../helpers/publishing";

// A platform that downloads attachments itself (DEV's cover, main_image) gets an uploaded file at
// its signed public URL and really fetches it: from the app's /m/<token> route (served here over
// HTTP on APP_URL, the route handler itself) with the local store, and from the object store's
// presigned URL with the S3 store. The emulator records what it downloaded; the bytes must be ours.
ownDatabase();
const { GET: publicGet } = await import("@/app/m/[token]/route");

let dir: string;
let emu: Emulator;
let worker: PublishingWorker;
let app: http.Server;
let appUrl: string;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let devto: string;
let n = 0;

/** The /m/[token] route on a real socket, as Next serves it: method, headers and streamed body. */
function serveRoute(): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const token = decodeURIComponent((req.url ?? "").replace(/^\/m\//, "").split("?")[0]!);
    const answer = !/^\/m\/[^/]+$/.test(req.url ?? "")
      ? new Response("Not found", { status: 404 })
      : await publicGet(new Request(`${appUrl}${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }), {
          params: Promise.resolve({ token }),
        });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream).pipe(res);
    else res.end();
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const upload = (data: Uint8Array, name: string) =>
  saveUpload(
    owner,
    new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(data);
        c.close();
      },
    }),
    { fileName: name, declaredSize: data.length },
  );

async function publishCover(mediaId: string): Promise<{ fetch: MediaFetch; status: string; error: string | null }> {
  const title = `Cover test ${++n} ${Date.now()}`;
  const { id } = await createPost(owner, {
    mode: "now",
    targets: [{ channelId: devto, settings: { title }, items: [{ text: `Body of ${title}`, media: [{ mediaId }] }] }],
  });
  const [t] = await settled(id);
  const post = emu.state.posts.find((p) => (p.extra?.article as { title?: string } | undefined)?.title === title);
  const fetches = (post?.extra?.mediaFetches ?? []) as MediaFetch[];
  expect(fetches).toHaveLength(1);
  return { fetch: fetches[0]!, status: t!.status, error: t!.errorMessage };
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "postmill-public-media-"));
  process.env.DATA_DIR = dir;
  app = await serveRoute();
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  emu = await useEmulator();
  owner = await makeOwner("public-media");
  devto = await connectEmulated(owner, emu, "devto", "public_media");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  await new Promise((ok) => (app ? app.close(ok) : ok(undefined)));
  delete process.env.APP_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe("an uploaded cover image sent to a platform that downloads it", () => {
  it("is fetched by the platform from the app's signed /m/ URL, bytes and type intact", async () => {
    const data = bytes.bigPng(3000);
    const media = await upload(data, "cover.png");
    const { fetch, status, error } = await publishCover(media.id);
    expect(error).toBeNull();
    expect(status).toBe("published");
    expect(fetch.url).toMatch(new RegExp(`^${appUrl}/m/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.png$`));
    expect(fetch).toMatchObject({ status: 200, contentType: "image/png", sniffedType: "image/png", size: 3000, ok: true });
    expect(fetch.sha256).toBe(sha256(data));
  });

  it("is fetched from the object store's presigned URL when MEDIA_S3_* is set", async () => {
    const s3: S3Peer = await startS3(path.join(dir, "s3"));
    Object.assign(process.env, s3.env);
    try {
      const data = bytes.jpeg(40, 30);
      const media = await upload(data, "cover.jpg");
      const { fetch, status, error } = await publishCover(media.id);
      expect(error).toBeNull();
      expect(status).toBe("published");
      expect(fetch.url.startsWith(`${s3.endpoint}/media/${owner.organizationId}/`)).toBe(true);
      expect(fetch.url).toContain("X-Amz-Signature=");
      expect(fetch).toMatchObject({ status: 200, contentType: "image/jpeg", sniffedType: "image/jpeg", ok: true });
      expect(fetch.sha256).toBe(sha256(data));
    } finally {
      for (const k of Object.keys(s3.env)) delete process.env[k];
      await s3.stop();
    }
  });

  it("is refused before scheduling, saying why, when the server has no public address", async () => {
    const media = await upload(bytes.png(2, 2), "private.png");
    const sandbox = process.env.PROVIDER_SANDBOX_URL;
    process.env.ALLOW_PRIVATE_NETWORK = "0";
    delete process.env.PROVIDER_SANDBOX_URL;
    try {
      const err = (await createPost(owner, {
        mode: "now",
        targets: [{ channelId: devto, settings: { title: "Never sent" }, items: [{ text: "Body", media: [{ mediaId: media.id }] }] }],
      }).catch((e) => e)) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      expect(Object.values(err.fields).join(" ")).toMatch(
        /downloads attachments from a public address, and "private\.png" was uploaded here, but this server's address \(APP_URL 127\.0\.0\.1:\d+\) cannot be reached from the internet/,
      );
    } finally {
      process.env.ALLOW_PRIVATE_NETWORK = "1";
      process.env.PROVIDER_SANDBOX_URL = sandbox;
    }
  });
});

describe("the public /m/ route", () => {
  const get = (p: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${appUrl}${p}`, { headers, method });

  it("serves ranges and HEAD with the type and length a platform checks", async () => {
    const data = bytes.isoMedia("isom");
    const media = await upload(data, "clip.mp4");
    const row = (await owner.db.media.findFirst({ where: { id: media.id } }))!;
    const token = signMediaToken(row, Math.floor(Date.now() / 1000) + 600);
    const head = await get(`/m/${token}.mp4`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("video/mp4");
    expect(head.headers.get("content-length")).toBe(String(data.length));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    const part = await get(`/m/${token}.mp4`, { range: "bytes=4-11" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-11/${data.length}`);
    expect(part.headers.get("content-length")).toBe("8");
    expect(await part.text()).toBe("ftypisom");
    expect(part.headers.get("content-disposition")).toBeNull();
  });

  it("answers the same plain 404 to a tampered, expired, unknown or malformed token, and lists nothing", async () => {
    const media = await upload(bytes.png(3, 3), "secret.png");
    const row = (await owner.db.media.findFirst({ where: { id: media.id } }))!;
    const good = signMediaToken(row, Math.floor(Date.now() / 1000) + 600);
    const expired = signMediaToken(row, Math.floor(Date.now() / 1000) - 1);
    const other = signMediaToken({ ...row, id: "no-such-media" }, Math.floor(Date.now() / 1000) + 600);
    const [payload, mac] = good.split(".");
    const tampered = `${Buffer.from(`${row.organizationId}|${row.id}x|zzzzzz`).toString("base64url")}.${mac}`;
    expect((await get(`/m/${good}`)).status).toBe(200);
    for (const p of [
      `/m/${expired}`,
      `/m/${other}`,
      `/m/${tampered}`,
      `/m/${payload}`,
      "/m/",
      "/m/..%2F..%2Fsecrets.json",
      `/m/${good}.png.png`,
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).toMatch(/^(Not found\n?)$/);
    }
  });

  it("answers 404, never a 500, to random tokens", async () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.|%~";
    for (let i = 0; i < 200; i++) {
      const token = Array.from(
        { length: 1 + ((i * 7) % 300) },
        (_, j) => alphabet[(i * 31 + j * 17 + ((i * j) % 13)) % alphabet.length],
      ).join("");
      const res = await publicGet(new Request(`${appUrl}/m/x`), { params: Promise.resolve({ token }) });
      expect(res.status, token).toBe(404);
    }
  });
});
