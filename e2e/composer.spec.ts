import { type Page } from "@playwright/test";
import { deflateSync } from "node:zlib";
import { emulatorURL } from "../playwright.config";
import { channelLabel, type ChannelIdentity } from "../lib/channels/label";
import { addDays, connectEmulatedChannel, expect, expectAccessible, nyDate, pickChannel, signUp, test, uniqueEmail } from "./helpers";

// A marketer's week in the composer: three channels with different limits, a variant, a reply
// and a poll for Mastodon, scheduling in the user's zone, the calendar, Post now, and media.

async function channelNames(page: Page): Promise<Record<string, string>> {
  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: { provider: string; name: string }[] };
  return Object.fromEntries(channels.map((c) => [c.provider, c.name]));
}

/** Each platform's channel as the app names it (platform, handle, server). */
async function channelLabels(page: Page): Promise<Record<string, string>> {
  const { channels } = (await (await page.request.get("/api/channels")).json()) as { channels: (ChannelIdentity & { provider: string })[] };
  return Object.fromEntries(channels.map((c) => [c.provider, channelLabel(c)]));
}

/** A real PNG of the given size (noise, so it does not compress much). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let i = 0; i < raw.length; i++) raw[i] = i % (width * 3 + 1) === 0 ? 0 : (i * 7919) % 251;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 0 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("compose for X, Mastodon and Bluesky: limits, schedule, week view, drag, edit with a reply and a poll, post now", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Marketer", uniqueEmail("compose"));
  await connectEmulatedChannel(page, "x", "brand_x");
  await connectEmulatedChannel(page, "mastodon", "brand_toots");
  await connectEmulatedChannel(page, "bluesky", "brand");

  await page.goto("/compose");
  await expect(page.getByText("Pick a channel to see how the post will look there.")).toBeVisible();
  for (const provider of ["x", "mastodon", "bluesky"]) await pickChannel(page, provider);
  const names = await channelNames(page);
  const labels = await channelLabels(page);
  await expect(page.getByTestId("channel-preview")).toHaveCount(3);

  // 290 characters: over X's 280, within Mastodon's 500 and Bluesky's 300.
  await page.getByLabel("Post", { exact: true }).fill("a".repeat(290));
  const counters = page.getByTestId("counter");
  await expect(counters).toHaveCount(3);
  await expect(counters.filter({ hasText: "290/280" })).toHaveClass(/text-red-700/);
  await expect(counters.filter({ hasText: "290/500" })).not.toHaveClass(/text-red-700/);
  await expect(counters.filter({ hasText: "290/300" })).not.toHaveClass(/text-red-700/);
  await expect(page.getByRole("button", { name: "Schedule" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Post now" })).toBeDisabled();
  await expect(page.getByTestId("blocking-problems")).toContainText("(X, @brand_x): 290 of 280 characters used; shorten by 10");

  // An emoji from the picker, found by search and chosen with the keyboard, goes in at the caret and
  // counts as each platform counts it: a ZWJ family is 2 on X, one grapheme on Mastodon and Bluesky.
  const post = page.getByLabel("Post", { exact: true });
  await post.fill("Hi !");
  await post.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
  await page.getByRole("button", { name: "Insert emoji in Post" }).click();
  const search = page.getByRole("combobox", { name: "Search emoji" });
  await expect(search).toBeFocused();
  await search.fill("family man woman girl boy");
  await expect(page.getByRole("option", { name: "family: man, woman, girl, boy" })).toBeVisible();
  await search.press("Enter");
  await expect(post).toHaveValue("Hi 👨‍👩‍👧‍👦!");
  await expect(counters.filter({ hasText: "6/280" })).toHaveCount(1);
  await expect(counters.filter({ hasText: "5/500" })).toHaveCount(1);
  await expect(counters.filter({ hasText: "5/300" })).toHaveCount(1);
  await page.getByRole("button", { name: "Insert emoji in Post" }).click();
  await page.getByRole("combobox", { name: "Search emoji" }).press("Escape");
  await expect(page.getByRole("button", { name: "Insert emoji in Post" })).toBeFocused();

  // Fix it, with a link and a mention that the previews highlight, and schedule three days out at 10:00.
  const text = `Launch week planning ${Date.now()} https://example.com/launch @friend #launch`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  await expect(page.getByTestId("blocking-problems")).toHaveCount(0);
  await expect(page.getByTestId("channel-preview").first().getByText("#launch")).toHaveClass(/text-brand-700/);
  const day = addDays(nyDate(new Date()), 3);
  await page.getByLabel("Publish at (America/New_York)").fill(`${day}T10:00`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  await expect(page.getByText("Post scheduled.")).toBeVisible();
  const postId = new URL(page.url()).searchParams.get("post")!;

  // The week view shows it at 10:00 New York time.
  await page.goto(`/calendar?view=week&date=${day}`);
  const chip = page.locator(`[data-slot="${day} 10:00"]`).getByTestId("calendar-post");
  await expect(chip).toHaveCount(1);
  await expect(chip).toContainText("10:00");

  // Drag it to another day of the same (Monday-based) week, same hour; it stays there after a reload.
  const sunday = new Date(`${day}T12:00:00Z`).getUTCDay() === 0;
  const target = addDays(day, sunday ? -1 : 1);
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await chip.dispatchEvent("dragstart", { dataTransfer });
  await page.locator(`[data-slot="${target} 10:00"]`).dispatchEvent("dragover", { dataTransfer });
  await page.locator(`[data-slot="${target} 10:00"]`).dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await page.reload();
  await expect(page.locator(`[data-slot="${target} 10:00"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expect(chip).toHaveCount(0);

  // Open it from the calendar: the composer, with the text. Give Mastodon its own variant with a
  // reply and a poll, and save.
  await page.locator(`[data-slot="${target} 10:00"]`).getByTestId("calendar-post").click();
  await expect(page).toHaveURL(new RegExp(`/compose\\?post=${postId}`));
  await expect(page.getByRole("heading", { name: "Edit post" })).toBeVisible();
  await expect(page.getByLabel("Post", { exact: true })).toHaveValue(text);
  await expect(page.getByLabel("Publish at (America/New_York)")).toHaveValue(`${target}T10:00`);
  // The variant tabs work from the keyboard: arrows move between channels.
  await page.getByRole("tab", { name: "All channels" }).focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: labels.bluesky, exact: true })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: labels.mastodon, exact: true })).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: `${labels.mastodon} variant` })).toBeVisible();
  await expect(page.getByTestId("provider-rules")).toContainText("Mastodon rules");
  await page.getByRole("button", { name: `Customise for ${labels.mastodon}` }).click();
  const panel = page.getByRole("tabpanel", { name: `${labels.mastodon} variant` });
  await panel.getByRole("button", { name: "Add poll" }).click();
  await panel.getByLabel("Option 1").fill("Monday");
  await panel.getByLabel("Option 2").fill("Friday");
  await panel.getByRole("button", { name: "Add thread reply" }).click();
  await panel.getByLabel("Reply 1", { exact: true }).fill("Vote in the poll above!");
  await expect(page.getByTestId("channel-preview").filter({ hasText: "Vote in the poll above!" })).toBeVisible();
  await panel.getByLabel("Visibility").selectOption("unlisted");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Update schedule" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const saved = (await (await page.request.get(`/api/posts/${postId}`)).json()).post;
  const masto = saved.targets.find((t: { channel: { name: string } }) => t.channel.name === names.mastodon);
  expect(masto.items.map((i: { text: string }) => i.text)).toEqual([text, "Vote in the poll above!"]);
  expect(masto.items[0].poll).toMatchObject({ options: ["Monday", "Friday"], durationMinutes: 1440 });
  expect(masto.settings).toMatchObject({ visibility: "unlisted" });
  expect(saved.targets.filter((t: { items: unknown[] }) => t.items.length === 1)).toHaveLength(2);

  // Post it now: the emulator receives it (with the poll on Mastodon) and the calendar says published, with links.
  await page.goto(`/compose?post=${postId}`);
  await page.getByRole("button", { name: "Post now" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Published", { timeout: 30_000 });
  for (const platform of ["X", "Mastodon", "Bluesky"])
    await expect(card.getByRole("link", { name: new RegExp(`^View (item 1 )?on ${platform}$`) })).toBeVisible();
  const posts = (await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=mastodon`)).json()).posts as {
    text?: string;
    body?: Record<string, unknown>;
  }[];
  expect(JSON.stringify(posts)).toContain("Vote in the poll above!");
  expect(JSON.stringify(posts)).toContain("Friday");

  // Once sent, it opens read-only with the links.
  await card.getByRole("link", { name: /^Open/ }).click();
  await expect(page.getByTestId("read-only-post")).toBeVisible();
  await expect(page.getByRole("link", { name: "View on Mastodon" }).first()).toBeVisible();
  await expectAccessible(page);
});

test("media: an image uploads with a visible progress bar and shows in the preview; a refused type is rejected with the reason", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, "Designer", uniqueEmail("media"));
  await connectEmulatedChannel(page, "x", "media_x");
  await page.goto("/compose");
  await pickChannel(page, "x");
  const names = await channelNames(page);

  // A four-item thread stays compact at 1440×900 (media open on demand), with the previews beside it.
  await page.setViewportSize({ width: 1440, height: 900 });
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add thread reply" }).click();
  const items = page.getByTestId("compose-item");
  await expect(items).toHaveCount(4);
  await expect(page.getByTestId("media-drop-zone")).toHaveCount(4);
  for (const zone of await page.getByTestId("media-drop-zone").all()) await expect(zone).toBeHidden();
  const top = (await items.first().boundingBox())!;
  const bottom = (await items.last().boundingBox())!;
  expect(bottom.y + bottom.height - top.y).toBeLessThan(750);
  await items.last().scrollIntoViewIfNeeded();
  await expect(page.getByRole("complementary", { name: "Previews" }).getByTestId("channel-preview")).toBeInViewport();
  for (let i = 3; i > 0; i--) await page.getByRole("button", { name: `Remove reply ${i}` }).click();
  await expect(items).toHaveCount(1);

  await page.getByLabel("Post", { exact: true }).fill("A picture is worth a thousand words");
  await page.getByRole("button", { name: "Add media" }).click();
  await expect(page.getByTestId("media-drop-zone")).toBeVisible();

  // A refused type never uploads: the message names the channel and what it takes.
  await page
    .getByLabel(/Choose files/)
    .first()
    .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%…") });
  await expect(page.getByRole("alert").filter({ hasText: "notes.pdf" })).toContainText(names.x!);

  // Slow the upload down so its progress can be seen, as on a real connection.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await page
    .getByLabel(/Choose files/)
    .first()
    .setInputFiles({ name: "launch.png", mimeType: "image/png", buffer: png(600, 500) });
  const bar = page.getByRole("progressbar", { name: /Uploading launch\.png/ });
  await expect(bar).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
  await page.getByLabel(/Alt text for launch\.png/).fill("Our launch banner");
  const preview = page.getByTestId("channel-preview").getByTestId("preview-image");
  await expect(preview).toHaveAttribute("alt", "Our launch banner");
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600);
  await expectAccessible(page);

  // Saved as a draft, the attachment comes back in the composer and is in the media library.
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const postId = new URL(page.url()).searchParams.get("post")!;
  await page.goto(`/compose?post=${postId}`);
  await expect(page.getByTestId("channel-preview").getByTestId("preview-image")).toHaveAttribute("alt", "Our launch banner");
  await page.getByRole("button", { name: "Add media" }).first().click();
  await page.getByRole("button", { name: "Media library" }).first().click();
  await expect(page.getByRole("dialog")).toContainText("launch.png");
});

test("a week's planning on all five platforms from the browser: each day scheduled, one post sent now everywhere", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, "Planner", uniqueEmail("week"));
  await connectEmulatedChannel(page, "x", "week_x");
  await connectEmulatedChannel(page, "mastodon", "week_toots");
  await connectEmulatedChannel(page, "bluesky", "week");
  await connectEmulatedChannel(page, "linkedin", "week_member");
  await connectEmulatedChannel(page, "linkedin-page", "week_admin");
  const providers = ["x", "mastodon", "bluesky", "linkedin", "linkedin-page"];

  // Monday to Friday next week, 09:00 New York time, every platform.
  const today = nyDate(new Date());
  const monday = addDays(today, 7 - ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  for (let d = 0; d < 5; d++) {
    await page.goto("/compose");
    for (const p of providers) await pickChannel(page, p);
    await page.getByLabel("Post", { exact: true }).fill(`Week plan, day ${d + 1}: https://example.com/day-${d + 1}`);
    await page.getByLabel("Publish at (America/New_York)").fill(`${addDays(monday, d)}T09:00`);
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page).toHaveURL(/\/calendar\?post=/);
  }
  await page.goto(`/calendar?view=week&date=${monday}`);
  for (let d = 0; d < 5; d++)
    await expect(page.locator(`[data-slot="${addDays(monday, d)} 09:00"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expectAccessible(page);

  // And one announcement now, everywhere: every platform publishes it and links to it.
  await page.goto("/compose");
  for (const p of providers) await pickChannel(page, p);
  const text = `Announcement for everyone ${Date.now()}`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post now" }).click();
  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Published", { timeout: 30_000 });
  await expect(card.getByTestId("target")).toHaveCount(5);
  for (const name of ["X", "Mastodon", "Bluesky", "LinkedIn", "LinkedIn Page"])
    await expect(card.getByRole("link", { name: `View on ${name}`, exact: true })).toBeVisible();
});
