import { type Page } from "@playwright/test";
import { emulatorURL } from "../playwright.config";
import { startFeedServer, type FeedServer } from "../tests/helpers/feed-server";
import { connectEmulatedChannel, expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// A feed served on 127.0.0.1 (SANDBOX=1 lets the app reach it), added on the Feeds page: its new
// item becomes a post that the built-in worker publishes to the emulated X, shown on the calendar.

type EmuPost = { text: string };
const emulatorPosts = async (page: Page, start: string) =>
  ((await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=x`)).json()).posts as EmuPost[]).filter((p) =>
    p.text.startsWith(start),
  );

let server: FeedServer;
test.beforeAll(async () => {
  server = await startFeedServer("Browser news", [{ id: "old", title: "Already there", summary: "old news" }]);
});
test.afterAll(async () => {
  await server?.stop();
});

test("a feed added in the browser posts its new RSS item, shown on the calendar and published once", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Feeder", uniqueEmail("feeds"));
  await connectEmulatedChannel(page, "x", "feed_x");

  await page.getByRole("link", { name: "Feeds" }).first().click();
  await expect(page).toHaveURL(/\/feeds$/);
  // Not a feed: the address field says why.
  await page.getByLabel("Feed address").fill(`${server.url}/page`);
  await page.getByRole("button", { name: "Check feed" }).click();
  await expect(page.getByText(/did not answer with an RSS or Atom feed/)).toBeVisible();

  await page.getByLabel("Feed address").fill(`${server.url}/rss.xml`);
  await page.getByRole("button", { name: "Check feed" }).click();
  const preview = page.getByTestId("feed-preview");
  await expect(preview).toContainText("Browser news");
  await expect(preview).toContainText("Already there");
  await page.getByRole("checkbox", { name: /feed_x|X\)/ }).check();
  await page.getByLabel("Post template").fill("{title} {link}");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add feed" }).click();
  await expect(page.getByText("Feed added; new items will be posted from now on")).toBeVisible();
  const card = page.getByTestId("feed-card");
  await expect(card).toContainText("Seen when added");

  const title = `Fresh from RSS ${Date.now()}`;
  server.items.unshift({ id: "fresh", title, summary: "new" });
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText("Checked: 1 new, 1 posted")).toBeVisible();
  await expect(card.locator("li").filter({ hasText: title })).toContainText("Posted");
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText("Checked: nothing new (not modified)")).toBeVisible();

  // The week view: the post at the minute it was made, published by the worker inside the app.
  await page.goto("/calendar?view=week");
  const post = page.getByRole("link").filter({ hasText: title });
  await expect(async () => {
    await page.reload();
    await expect(post).toContainText("(published)", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(post).toHaveAttribute("href", /\/compose\?post=/);
  const received = await emulatorPosts(page, title);
  expect(received).toHaveLength(1);
  expect(received[0]!.text).toBe(`${title} ${server.url}/posts/fresh`);
});
