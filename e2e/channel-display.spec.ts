import { type Page } from "@playwright/test";
import { emulatorURL } from "../playwright.config";
import {
  approveOnEmulator,
  connectEmulatedChannel,
  expect,
  expectAccessible,
  openAddChannel,
  pickChannel,
  signUp,
  test,
  uniqueEmail,
} from "./helpers";

// What the user reads about channels and posts: same-named channels told apart by platform, handle
// and server; a retrying post shown as Retrying with the time in the user's zone and a reason in
// words; settings choices in words; a disabled button that looks disabled; and an empty calendar
// that asks for a channel first.

/** Connects a Mastodon account on the emulator reached through another host name: another server to the app. */
async function connectMastodonAt(page: Page, server: string, username: string) {
  await openAddChannel(page);
  await page.getByRole("button", { name: "Connect Mastodon" }).click();
  await page.getByLabel("Mastodon server").fill(`${server}/mastodon`);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await approveOnEmulator(page, "Mastodon", username);
  await expect(page).toHaveURL(/\/channels\?connected=/);
}

const host = (url: string) => new URL(url).host;

test("two channels with the same display name on different servers and handles are told apart in the composer and the calendar", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, "Twins", uniqueEmail("twins"));
  // The emulator names an account after its handle, so these two are both "acme news".
  const second = emulatorURL.replace("127.0.0.1", "localhost");
  await connectMastodonAt(page, emulatorURL, "acme.news");
  await connectMastodonAt(page, second, "acme_news");
  const rows = page.getByTestId("channel-row");
  await expect(rows).toHaveCount(2);
  // In the sandbox both servers are the emulator, and the labels say so (not the server typed).
  const emulator = "Sandbox · Mastodon emulator";
  await expect(rows.filter({ hasText: `@acme.news · ${emulator}` })).toContainText("acme news");
  // The emulator gives its accounts its own domain whatever host name reached it, so this handle keeps it.
  const secondHandle = `@acme_news@${host(emulatorURL)}`;
  await expect(rows.filter({ hasText: `${secondHandle} · ${emulator}` })).toContainText("acme news");
  await expect(rows.first()).not.toContainText(` on ${host(emulatorURL)}`);

  const one = `acme news (Mastodon, @acme.news · ${emulator})`;
  const two = `acme news (Mastodon, ${secondHandle} · ${emulator})`;
  await page.goto("/compose");
  for (const label of [one, two])
    await page
      .getByTestId("channel-choice")
      .filter({ has: page.getByRole("checkbox", { name: label, exact: true }) })
      .click();
  await expect(page.getByRole("checkbox", { name: one, exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: two, exact: true })).toBeChecked();

  // Tabs, counters and previews each say which account and server.
  await expect(page.getByRole("tab", { name: one, exact: true })).toContainText(`@acme.news · ${emulator}`);
  await expect(page.getByRole("tab", { name: two, exact: true })).toContainText(`${secondHandle} · ${emulator}`);
  await page.getByLabel("Post", { exact: true }).fill("Same name, two servers");
  // The same text on the same platform: one counter line and one preview, which lists both accounts.
  const counters = page.getByTestId("counter");
  await expect(counters).toHaveCount(1);
  await expect(counters).toContainText("Mastodon · 2 channels: 22/500");
  await expect(counters).toHaveAttribute("title", `${one}\n${two}`);
  await expect(page.getByRole("article", { name: `Preview for ${one}` })).toBeVisible();
  const previews = page.getByRole("complementary", { name: "Previews" });
  await previews.getByText("same for 2 channels").click();
  const listed = previews.getByRole("list", { name: "The 2 Mastodon channels of this preview" });
  await expect(listed.getByRole("listitem").filter({ hasText: `@acme.news · ${emulator}` })).toBeVisible();
  await expect(listed.getByRole("listitem").filter({ hasText: `${secondHandle} · ${emulator}` })).toBeVisible();
  await expect(page.getByTestId("platform-badge").first()).toHaveAttribute("title", "Mastodon");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const postId = new URL(page.url()).searchParams.get("post")!;
  // A time two days ahead, so the post shows in the week view.
  const at = new Date(Date.now() + 2 * 86_400_000);
  await page.request.post(`/api/posts/${postId}/reschedule`, { data: { publishAt: at } });

  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(at);
  await page.goto(`/calendar?view=week&date=${date}`);
  const chip = page.locator(`[data-post-id="${postId}"]`);
  await expect(chip).toBeVisible();
  // The card shows each channel's logo and names both in full; its hover card lists them with handle and server.
  await expect(chip.getByTestId("chip-channel")).toHaveCount(2);
  await expect(chip.getByRole("img")).toHaveAccessibleName(`on ${one}; ${two}`);
  await chip.hover();
  const popoverChannels = page.getByTestId("post-popover").getByTestId("popover-channel");
  await expect(popoverChannels).toHaveCount(2);
  await expect(popoverChannels.nth(0)).toContainText(`@acme.news · ${emulator}`);
  await expect(popoverChannels.nth(1)).toContainText(secondHandle);
  // The channel filter lists both, each with its handle and server.
  await page.getByTestId("channel-filter").locator("summary").click();
  const filter = page.getByRole("group", { name: "Show posts on these channels" });
  await expect(filter.getByRole("checkbox", { name: one })).toHaveCount(1);
  await expect(filter.getByRole("checkbox", { name: two })).toHaveCount(1);
  await expectAccessible(page);
});

test("a rate-limited post shows Retrying, the next attempt in the user's time zone and a reason in words", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Patient", uniqueEmail("retry"));
  await connectEmulatedChannel(page, "mastodon", "patient_toots");
  // Mastodon answers 429 with a ten-minute Retry-After: too long to wait in the worker, so the post goes back to the schedule.
  await page.request.post(`${emulatorURL}/_emulator/faults`, {
    data: { platform: "mastodon", route: "post", kind: "rate-limit", retryAfterSeconds: 600 },
  });
  await page.goto("/compose");
  await pickChannel(page, "mastodon");
  const text = `Rate limited ${Date.now()}`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  const before = Date.now();
  await page.getByRole("button", { name: "Post now" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);

  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Retrying", { timeout: 20_000 });
  const target = card.getByTestId("target");
  await expect(target.getByTestId("status")).toHaveText("Retrying");
  const note = target.getByTestId("retry-note");
  await expect(note).toContainText("(attempt 2 of 8): Mastodon is limiting how often this account may post right now (too many requests)");
  // The time as a New Yorker reads it (within the minute the retry was set for), never the raw UTC instant.
  const text1 = (await note.textContent())!;
  const shown = /^Retrying at (.+ (?:EST|EDT)) \(attempt/.exec(text1)?.[1];
  expect(shown, text1).toBeTruthy();
  const expected = (ms: number) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      month: "short",
      day: "numeric",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(new Date(ms));
  const candidates = Array.from({ length: 12 }, (_, i) => expected(before + 540_000 + i * 15_000));
  expect(candidates).toContain(shown);
  expect(text1).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text1).not.toContain("Too many requests");
  await expectAccessible(page);

  // The calendar says the same: the chip is marked retrying, with the local time and the reason.
  const postId = new URL(page.url()).searchParams.get("post")!;
  await page.goto("/calendar?view=day");
  const chip = page.locator(`[data-post-id="${postId}"]`);
  await expect(chip).toContainText(`(retrying: Retrying at ${shown} (attempt 2 of 8): Mastodon is limiting`);
  // The whole text shows in the post's hover card (no browser tooltip).
  await chip.hover();
  await expect(page.getByTestId("post-popover")).toContainText(text1);
});

test("settings choices are words, not the platform's values", async ({ page }) => {
  await signUp(page, "Labels", uniqueEmail("labels"));
  await connectEmulatedChannel(page, "x", "labels_x");
  await connectEmulatedChannel(page, "mastodon", "labels_toots");
  await page.goto("/compose");
  await pickChannel(page, "x");
  await pickChannel(page, "mastodon");

  await page.getByRole("tab", { name: /\(X, @labels_x\)/ }).click();
  const reply = page.getByLabel("Who can reply");
  await expect(reply.locator("option")).toHaveText([
    "Everyone",
    "Accounts you follow",
    "Only accounts you mention",
    "Your subscribers",
    "Verified accounts",
  ]);
  await reply.selectOption({ label: "Only accounts you mention" });
  await expect(reply).toHaveValue("mentionedUsers");

  await page.getByRole("tab", { name: /\(Mastodon, @labels_toots · Sandbox · Mastodon emulator\)/ }).click();
  const visibility = page.getByLabel("Visibility");
  await expect(visibility.locator("option")).toHaveText([
    "Public",
    "Quiet public (not in public timelines)",
    "Followers only",
    "Only people mentioned",
  ]);
  await expect(page.getByRole("tabpanel")).not.toContainText("mentionedUsers");
  await expectAccessible(page);
});

test("a disabled Post now looks disabled, and an empty calendar without channels asks to connect one", async ({ page }) => {
  await signUp(page, "Newcomer", uniqueEmail("empty"));
  // No channels: the calendar's call to action is connecting a channel, not composing.
  const empty = page.getByTestId("empty-schedule");
  await expect(empty).toContainText("No channels yet");
  await expect(empty.getByRole("link", { name: "Connect a channel" })).toHaveAttribute("href", "/channels");
  await expect(empty.getByRole("link", { name: "Compose a post" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/calendar?view=list");
  await expect(page.getByTestId("empty-schedule").getByRole("link", { name: "Connect a channel" })).toBeVisible();

  await connectEmulatedChannel(page, "x", "newcomer_x");
  await page.goto("/calendar?view=month");
  await expect(page.getByTestId("empty-schedule").getByRole("link", { name: "Compose a post" })).toBeVisible();

  // Nothing written: Post now is disabled, and looks it (faded, not-allowed cursor), with the reason beside it.
  await page.goto("/compose");
  await pickChannel(page, "x");
  const postNow = page.getByRole("button", { name: "Post now" });
  await expect(postNow).toBeDisabled();
  // Buttons fade with a CSS transition, so the computed opacity is read once it settles.
  const opacity = () => postNow.evaluate((b) => Number(getComputedStyle(b).opacity));
  await expect.poll(opacity).toBeLessThanOrEqual(0.6);
  expect(await postNow.evaluate((b) => getComputedStyle(b).cursor)).toBe("not-allowed");
  await expect(postNow).toHaveAccessibleDescription("Finish the post above before scheduling.");
  // No channel picked: the reason says so.
  await page.getByTestId("channel-choice").click();
  await expect(postNow).toHaveAccessibleDescription("Pick at least one channel to schedule or post.");
  await expectAccessible(page);
  await pickChannel(page, "x");
  await page.getByLabel("Post", { exact: true }).fill("Ready");
  await expect(postNow).toBeEnabled();
  await expect.poll(opacity).toBe(1);
});
