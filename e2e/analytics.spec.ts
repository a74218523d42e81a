import { type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { emulatorURL } from "../playwright.config";
import { connectEmulatedChannel, expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// The dashboards against emulated channels: an X account with a past (seeded in the emulator
// before it connects, so the 90-day backfill finds it), collected by the worker inside the app.

async function csvOf(page: Page, button: ReturnType<Page["getByRole"]>): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const text = await readFile((await download.path())!, "utf8");
  // The file starts with a UTF-8 byte-order mark for spreadsheet apps; the rows come after it.
  expect(text.startsWith("\uFEFF")).toBe(true);
  return text
    .slice(1)
    .trim()
    .split(/\r\n/)
    .map((l) => l.split(","));
}

/** The day and value of every mark of a chart, as drawn. */
async function chartPoints(page: Page, title: string): Promise<string[][]> {
  return page
    .locator(`figure[data-chart="${title}"] [data-day]`)
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-day")!, e.getAttribute("data-value")!]));
}

test("the dashboard charts collected figures of an emulated channel; the range changes them; CSV holds the chart's numbers", async ({
  page,
}) => {
  const username = `stats_${Date.now().toString(36)}`;
  const seeded = await page.request.post(`${emulatorURL}/_emulator/history`, { data: { platform: "x", username, days: 120 } });
  expect(seeded.ok()).toBe(true);
  await signUp(page, "Analyst", uniqueEmail("stats"));
  await page.goto("/analytics");
  await expect(page.getByText("No channels yet")).toBeVisible();
  // Bad input is refused, naming the field.
  const bad = await page.request.get("/api/analytics?range=custom&from=2026-11-01");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).fields).toEqual({ to: "to is required for a custom range" });

  const channelId = (await connectEmulatedChannel(page, "x", username))!;
  // One post published through the app, so the channel has a top post with its counters.
  const created = await page.request.post("/api/posts", {
    data: { mode: "now", targets: [{ channelId, items: [{ text: "Analytics launch post" }] }] },
  });
  expect(created.ok()).toBe(true);
  const postId = (await created.json()).post.id as string;
  await expect
    .poll(async () => (await (await page.request.get(`/api/posts/${postId}`)).json()).post.status, { timeout: 20_000 })
    .toBe("published");
  await page.goto("/analytics?range=30");
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Up to date" })).toBeVisible({ timeout: 30_000 });

  const impressions = page.locator('[data-total="impressions"] [data-value]');
  await expect(impressions).not.toHaveAttribute("data-value", "");
  const thirty = await impressions.getAttribute("data-value");
  const points30 = await chartPoints(page, "Impressions per day");
  expect(points30).toHaveLength(30);
  // The 30-day total is the sum of the bars drawn.
  expect(points30.reduce((s, [, v]) => s + Number(v), 0)).toBe(Number(thirty));
  await expect(page.locator('[data-total="followers"] [data-value]')).not.toHaveAttribute("data-value", "");
  await expectAccessible(page);

  // The CSV holds exactly the numbers the chart draws.
  const csv = await csvOf(page, page.getByRole("button", { name: "Download Impressions per day as CSV" }));
  expect(csv[0]).toEqual(["day", "value"]);
  expect(csv.slice(1)).toEqual(points30);

  // Another range, other figures.
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7/);
  await expect(page.locator('figure[data-chart="Impressions per day"] [data-day]')).toHaveCount(7);
  const seven = await impressions.getAttribute("data-value");
  expect(Number(seven)).toBeLessThan(Number(thirty));
  const points7 = await chartPoints(page, "Impressions per day");
  expect(points7).toEqual(points30.slice(-7));

  // The channel's own page: a chart per metric, with the same CSV rule.
  await page.getByRole("link", { name: username.replace(/[._-]/g, " ") }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/channels/${channelId}`));
  await expect(page.locator('figure[data-chart="Followers"] [data-day]')).toHaveCount(1);
  await expect(page.locator('figure[data-chart="Likes"] [data-day]')).toHaveCount(7);
  const likes = await chartPoints(page, "Likes");
  const likesCsv = await csvOf(page, page.getByRole("button", { name: "Download Likes as CSV" }));
  expect(likesCsv.slice(1)).toEqual(likes);
  await expectAccessible(page);

  // Top posts, then the post's own page with its counters and the link to the live post.
  await expect(page.getByRole("table").filter({ hasText: "Analytics launch post" })).toBeVisible();
  await page.getByRole("link", { name: "Analytics launch post" }).click();
  await expect(page.getByRole("heading", { name: "Post analytics" })).toBeVisible();
  const live = page.getByRole("link", { name: /View the live post/ });
  await expect(live).toHaveAttribute("href", new RegExp(`/${username}/status/\\d+$`));
  await expect(page.locator('figure[data-chart="Impressions"] [data-day]')).toHaveCount(1);
  await expectAccessible(page);
});
