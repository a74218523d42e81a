import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { emulatorURL } from "../playwright.config";
import { connectEmulatedChannel, expect, expectAccessible, pickChannel, signUp, test, uniqueEmail } from "./helpers";
import { solidPng } from "./png";

// A link in the composer becomes a card in the Bluesky preview, read from pages served on
// 127.0.0.1 (SANDBOX=1 lets the app reach them); the user moves it to the other link and back,
// removes and restores it, and the published post carries it as Bluesky's external embed with the
// page's picture uploaded as its thumb blob.

const PICTURE = solidPng(120, 63, [200, 40, 40]);
let server: Server;
let base = "";
const hits: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const page = (title: string, image: string) =>
      `<!doctype html><html><head><title>ignored</title><meta property="og:title" content="${title}">` +
      `<meta property="og:description" content="All about ${title}"><meta property="og:image" content="${image}">` +
      `<meta property="og:site_name" content="Local Gazette"></head><body></body></html>`;
    if (req.url === "/article") return res.writeHead(200, { "content-type": "text/html" }).end(page("Tea &amp; biscuits", "/card.png"));
    if (req.url === "/other") return res.writeHead(200, { "content-type": "text/html" }).end(page("Other story", "/card.png"));
    if (req.url === "/card.png") return res.writeHead(200, { "content-type": "image/png" }).end(PICTURE);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

test("a link becomes a card in the Bluesky preview, can be moved and removed, and is published as an external embed", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, "Carder", uniqueEmail("cards"));
  await connectEmulatedChannel(page, "bluesky", "cards");
  await page.goto("/compose");
  await pickChannel(page, "bluesky");

  const text = `Tea time ${Date.now()}: ${base}/article and also ${base}/other`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  const card = page.getByTestId("channel-preview").getByTestId("link-card");
  await expect(card).toContainText("Tea & biscuits");
  await expect(card).toContainText("All about Tea & biscuits");
  await expect(card).toContainText("Local Gazette");

  await card.getByLabel("Card for").selectOption(`${base}/other`);
  await expect(card).toContainText("Other story");
  await card.getByLabel("Card for").selectOption(`${base}/article`);
  await expect(card).toContainText("Tea & biscuits");
  await card.getByRole("button", { name: "Remove card" }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole("button", { name: "Show a link card" }).click();
  await expect(card).toContainText("Tea & biscuits");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Post now" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const post = page.getByTestId("post").filter({ hasText: "Tea time" });
  await expect(post.getByTestId("status").first()).toHaveText("Published", { timeout: 30_000 });

  type Record = {
    embed?: {
      $type: string;
      external: {
        uri: string;
        title: string;
        description: string;
        thumb?: { $type: string; mimeType: string; size: number; ref: { $link: string } };
      };
    };
  };
  const { posts } = (await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=bluesky`)).json()) as {
    posts: { text: string; extra: { record: Record } }[];
  };
  const sent = posts.find((p) => p.text === text);
  expect(sent, "the emulated Bluesky received the post").toBeTruthy();
  expect(sent!.extra.record.embed).toMatchObject({
    $type: "app.bsky.embed.external",
    external: { uri: `${base}/article`, title: "Tea & biscuits", description: "All about Tea & biscuits" },
  });
  expect(sent!.extra.record.embed!.external.thumb).toMatchObject({ $type: "blob", mimeType: "image/png", size: PICTURE.length });
  // The page was read once: the cache served the other previews and the publish.
  expect(hits.filter((h) => h === "/article").length).toBe(1);
});
