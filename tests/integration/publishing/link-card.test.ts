import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, settled } from "../../helpers/publishing";

// The worker reads a saved link card's page (through the cache and the guarded agent) and hands
// it to the platform: Bluesky gets the external embed with the page's picture as its thumb, each
// thread item its own; a page that cannot be read leaves the post without a card and says why.
ownDatabase();
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let bluesky = "";
let pages: Server;
let base = "";

beforeAll(async () => {
  pages = createServer((req, res) => {
    const page = (title: string) =>
      `<html><head><meta property="og:title" content="${title}"><meta name="description" content="About ${title}"><meta property="og:image" content="/pic.png"></head></html>`;
    if (req.url === "/one") return res.writeHead(200, { "content-type": "text/html" }).end(page("First page"));
    if (req.url === "/two") return res.writeHead(200, { "content-type": "text/html" }).end(page("Second page"));
    if (req.url === "/pic.png") return res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  emu = await useEmulator();
  owner = await makeOwner("pub-card");
  bluesky = await connectEmulated(owner, emu, "bluesky", "cardsky");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  pages?.closeAllConnections();
  await new Promise((r) => pages?.close(r));
});

type Embed = { $type: string; external?: { uri: string; title: string; description: string; thumb?: { size: number } } };
const embedOf = (text: string) =>
  (emu.state.posts.find((p) => p.platform === "bluesky" && p.text === text)?.extra as { record: { embed?: Embed } }).record.embed;

describe("link cards when publishing", () => {
  it("sends each item's card with its picture, and the item with media its media instead", async () => {
    const items = [
      { text: `first ${base}/one`, linkCard: { url: `${base}/one` } },
      { text: `second ${base}/one and ${base}/two`, linkCard: { url: `${base}/two` } },
      { text: `third ${base}/one`, linkCard: { url: `${base}/one` }, media: [{ url: `${base}/pic.png` }] },
    ];
    const { id } = await createPost(owner, { mode: "now", targets: [{ channelId: bluesky, items }] });
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    expect(embedOf(items[0]!.text)).toMatchObject({
      $type: "app.bsky.embed.external",
      external: { uri: `${base}/one`, title: "First page", description: "About First page", thumb: { size: PNG.length } },
    });
    expect(embedOf(items[1]!.text)?.external).toMatchObject({ uri: `${base}/two`, title: "Second page" });
    expect(embedOf(items[2]!.text)?.$type).toBe("app.bsky.embed.images");
  });

  it("publishes without a card when the page cannot be read, and says why on the target", async () => {
    const text = `gone ${base}/missing`;
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: bluesky, items: [{ text, linkCard: { url: `${base}/missing` } }] }],
    });
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    expect(embedOf(text)).toBeUndefined();
    expect((t!.results as { warnings?: string[] }[])[0]!.warnings).toEqual([
      expect.stringMatching(/^Posted without a link card: .*answered HTTP 404/),
    ]);
  });
});
