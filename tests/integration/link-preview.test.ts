import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { normalizeLinkUrl } from "@/lib/link-preview/cache";
import { callRoute } from "../helpers/api-call";
import { makeOwner } from "../helpers/factories";

// GET /api/link-preview against pages served on 127.0.0.1: tags read and resolved, redirects
// followed, an endless page cut off, failures answered as a 422 naming url and kept for a while,
// and the address rule refusing the private network unless the operator allows it.

const session = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));

let server: Server;
let base = "";
const hits = new Map<string, number>();
let bigBytesSent = 0;
const saved = process.env.ALLOW_PRIVATE_NETWORK;

const STORY = `<!doctype html><html><head><title>Fallback</title>
  <meta property="og:title" content="Caf&eacute; opens &amp; stays open">
  <meta property="og:description" content="A long story">
  <meta property="og:image" content="/img/card.png">
  <meta property="og:site_name" content="Local News">
</head><body>hello</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/story" || path === "/story-2") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(STORY);
    if (path === "/moved") return res.writeHead(302, { location: "/story" }).end();
    if (path === "/missing") return res.writeHead(404).end("no");
    if (path === "/photo.png") return res.writeHead(200, { "content-type": "image/png" }).end("png");
    if (path === "/video")
      return res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<html><head><link rel="alternate" type="application/json+oembed" href="/oembed.json"></head></html>`);
    if (path === "/oembed.json")
      return res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ title: "A video", thumbnail_url: "/thumb.jpg", provider_name: "Tube" }));
    if (path === "/endless") {
      // A page that never ends: the reader must stop after its limit, not wait or buffer it all.
      res.writeHead(200, { "content-type": "text/html" });
      res.write(`<html><head><meta property="og:title" content="Still read"></head><body>`);
      const chunk = "x".repeat(64 * 1024);
      const pump = () => {
        while (!res.destroyed && bigBytesSent < 64 * 1024 * 1024) {
          bigBytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => undefined);
      return pump();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  session.ctx = await makeOwner("link-preview");
});
beforeEach(() => {
  process.env.ALLOW_PRIVATE_NETWORK = "1";
});
afterAll(async () => {
  if (saved === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = saved;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const preview = (url?: string) =>
  import("@/app/api/link-preview/route").then(({ GET }) =>
    callRoute(GET, `/api/link-preview${url === undefined ? "" : `?url=${encodeURIComponent(url)}`}`),
  );

describe("GET /api/link-preview", () => {
  it("answers the page's card, decoded, with the image made absolute, and keeps it", async () => {
    const first = await preview(`${base}/story#comments`);
    expect(first).toEqual({
      status: 200,
      body: {
        url: `${base}/story`,
        title: "Café opens & stays open",
        description: "A long story",
        image: `${base}/img/card.png`,
        siteName: "Local News",
      },
    });
    expect((await preview(`${base}/story`)).body).toEqual(first.body);
    expect(hits.get("/story")).toBe(1); // the second answer came from the cache, fragment or not
    const row = await db.linkPreview.findUniqueOrThrow({ where: { url: normalizeLinkUrl(`${base}/story`) } });
    expect(row.expiresAt.getTime() - row.fetchedAt.getTime()).toBe(24 * 3_600_000);
  });

  it("follows redirects and names the final address", async () => {
    const res = await preview(`${base}/moved`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ url: `${base}/story`, title: "Café opens & stays open" });
  });

  it("reads only the start of an endless page", async () => {
    const res = await preview(`${base}/endless`);
    expect(res.status).toBe(200);
    expect(res.body.title).toBe("Still read");
    expect(bigBytesSent).toBeLessThan(16 * 1024 * 1024);
  });

  it("fills the card from oEmbed when the page's tags say nothing", async () => {
    const res = await preview(`${base}/video`);
    expect(res.body).toMatchObject({ title: "A video", image: `${base}/thumb.jpg`, siteName: "Tube" });
  });

  it("refuses what is not a readable page with a 422 naming url, and remembers failures for a shorter time", async () => {
    const missing = await preview(`${base}/missing`);
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ field: "url", error: expect.stringMatching(/^url: .*answered HTTP 404/) });
    await preview(`${base}/missing`);
    expect(hits.get("/missing")).toBe(1);
    const row = await db.linkPreview.findUniqueOrThrow({ where: { url: `${base}/missing` } });
    expect(row.expiresAt.getTime() - row.fetchedAt.getTime()).toBe(30 * 60_000);

    const image = await preview(`${base}/photo.png`);
    expect(image).toMatchObject({ status: 422, body: { error: expect.stringMatching(/not a web page \(it is image\/png\)/) } });
    const closed = await preview("http://127.0.0.1:9/nothing");
    expect(closed).toMatchObject({
      status: 422,
      body: { field: "url", error: expect.stringMatching(/nothing answers at 127\.0\.0\.1:9/) },
    });
  });

  it("refuses the private network unless the operator allows it, and keeps no such refusal", async () => {
    delete process.env.ALLOW_PRIVATE_NETWORK;
    for (const url of [`${base}/story-2`, "http://[::1]:8080/", "http://169.254.169.254/latest/meta-data/"]) {
      const res = await preview(url);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatch(/private network address/);
    }
    expect(hits.get("/story-2")).toBeUndefined();
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    expect((await preview(`${base}/story-2`)).status).toBe(200);
  });

  it("checks its input and the session", async () => {
    expect(await preview()).toMatchObject({ status: 422, body: { fields: { url: expect.stringMatching(/\?url=/) } } });
    expect(await preview("ftp://files.example/a")).toMatchObject({ status: 422, body: { fields: { url: expect.any(String) } } });
    expect(await preview("not a url")).toMatchObject({ status: 422 });
    const ctx = session.ctx;
    session.ctx = null;
    expect((await preview(`${base}/story`)).status).toBe(401);
    session.ctx = ctx;
  });
});
