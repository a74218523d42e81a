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
import { saveUpload } from "@/lib/media/store";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "@/tests/helpers/channels";
import { useEmulator } from "@/tests/helpers/emulator";
import { makeOwner } from "@/tests/helpers/factories";
import * as bytes from "@/tests/helpers/media-bytes";
import { ownDatabase, settled } from "@/tests/helpers/publishing";

// Threads downloads each image itself (image_url on the container): an uploaded file goes out as
// the app's signed /m/<token> URL, and the emulated Threads really fetches it from there (served
// here over HTTP on APP_URL by the route handler itself), bytes and type intact, through the whole
// publishing engine: container, status, threads_publish.
ownDatabase();
const { GET: publicGet } = await import("@/app/m/[token]/route");

let dir: string;
let emu: Emulator;
let worker: PublishingWorker;
let app: http.Server;
let appUrl: string;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channel: string;

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

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "postmill-threads-media-"));
  process.env.DATA_DIR = dir;
  app = await serveRoute();
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  emu = await useEmulator();
  owner = await makeOwner("threads-media");
  channel = await connectEmulated(owner, emu, "threads", "threads_media");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  await new Promise((ok) => (app ? app.close(ok) : ok(undefined)));
  delete process.env.APP_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe("an uploaded image published to Threads", () => {
  it("is fetched by Threads from the app's signed /m/ URL before the post is published", async () => {
    const data = bytes.png(640, 480);
    const media = await upload(data, "card.png");
    const text = `Threads upload ${Date.now()}`;
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: channel, settings: {}, items: [{ text, media: [{ mediaId: media.id, alt: "A card" }] }] }],
    });
    const [t] = await settled(id);
    expect(t!.errorMessage).toBeNull();
    expect(t!.status).toBe("published");
    const post = emu.state.posts.find((p) => p.platform === "threads" && p.text === text)!;
    const fetches = post.extra!.mediaFetches as MediaFetch[];
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.url).toMatch(new RegExp(`^${appUrl}/m/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.png$`));
    expect(fetches[0]).toMatchObject({ status: 200, contentType: "image/png", sniffedType: "image/png", ok: true });
    expect(fetches[0]!.sha256).toBe(createHash("sha256").update(data).digest("hex"));
    expect(post.extra).toMatchObject({ mediaType: "IMAGE", altTexts: ["A card"] });
  });
});
