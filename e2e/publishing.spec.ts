import { type Page } from "@playwright/test";
import { emulatorURL } from "../playwright.config";
import { connectEmulatedChannel, expect, expectAccessible, pickChannel, signUp, test, uniqueEmail } from "./helpers";

// Scheduling in the browser, publishing by the built-in worker to the emulator, and the outcome
// (status, link, reason) shown back in the app.

type EmuPost = { text: string; receivedAt: number; id: string };
const emulatorPosts = async (page: Page, text: string) =>
  ((await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=x`)).json()).posts as EmuPost[]).filter((p) => p.text === text);

/** A datetime-local value in New York (the browser's and so the user's zone). */
function newYorkWallTime(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

test("a post scheduled in the browser a minute ahead appears on X once, on time, with its status and link", async ({ page }) => {
  test.setTimeout(200_000);
  await signUp(page, "Scheduler", uniqueEmail("sched"));
  await connectEmulatedChannel(page, "x", "sched_x");
  await page.getByRole("link", { name: "Compose" }).first().click();
  await expect(page.getByRole("form", { name: "Compose a post" })).toBeVisible();
  await pickChannel(page, "x");

  // Over X's limit: the counter turns red, scheduling is blocked, and the message names the channel.
  await page.getByLabel("Post", { exact: true }).fill("x".repeat(281));
  await expect(page.getByTestId("counter")).toHaveText(/281\/280/);
  await expect(page.getByRole("button", { name: "Schedule" })).toBeDisabled();
  await expect(page.getByTestId("blocking-problems")).toContainText("(X, @sched_x): 281 of 280 characters used");

  const text = `Scheduled from the browser ${Date.now()}`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  const due = new Date(Math.ceil((Date.now() + 65_000) / 60_000) * 60_000);
  await expect(page.getByLabel("Publish at (America/New_York)")).toBeVisible();
  await page.getByLabel("Publish at (America/New_York)").fill(newYorkWallTime(due));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Schedule" }).click();

  await expect(page).toHaveURL(/\/calendar\?post=/);
  await expect(page.getByText("Post scheduled.")).toBeVisible();
  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Scheduled");
  await expect(card).toContainText(
    new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", dateStyle: "medium", timeStyle: "short" }).format(due),
  );
  await expectAccessible(page);

  await expect(card.getByTestId("status").first()).toHaveText("Published", {
    timeout: Math.max(10_000, due.getTime() - Date.now() + 20_000),
  });
  const link = card.getByRole("link", { name: "View on X" });
  await expect(link).toHaveAttribute("href", /\/status\/\d+$/);
  const received = await emulatorPosts(page, text);
  expect(received).toHaveLength(1);
  expect(received[0]!.receivedAt - due.getTime()).toBeGreaterThanOrEqual(0);
  expect(received[0]!.receivedAt - due.getTime()).toBeLessThan(5_000);
  expect((await link.getAttribute("href"))!.endsWith(received[0]!.id)).toBe(true);

  await page.reload();
  await expect(page.getByTestId("post").filter({ hasText: text }).getByTestId("status").first()).toHaveText("Published");
});

test("post now; when X refuses it the reason is shown, and Retry publishes it", async ({ page }) => {
  await signUp(page, "Poster", uniqueEmail("now"));
  await connectEmulatedChannel(page, "x", "now_x");
  await page.request.post(`${emulatorURL}/_emulator/faults`, { data: { platform: "x", route: "post", kind: "duplicate" } });
  await page.goto("/compose");
  await pickChannel(page, "x");
  const text = `Posted now ${Date.now()}`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post now" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Failed", { timeout: 20_000 });
  await expect(card.getByTestId("target")).toContainText("X refused the post");
  await expectAccessible(page);

  await card.getByRole("button", { name: "Retry" }).click();
  await expect(card.getByTestId("status").first()).toHaveText("Published", { timeout: 20_000 });
  await expect(card.getByRole("link", { name: "View on X" })).toBeVisible();
  expect(await emulatorPosts(page, text)).toHaveLength(1);
});
