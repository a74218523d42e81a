import { addDays, connectEmulatedChannel, expect, expectAccessible, nyDate, nyTen, signUp, test, uniqueEmail } from "./helpers";

// The week view in the user's zone (the browser's: America/New_York), and drag to reschedule.

test("a scheduled post sits in the week view at its local time; dragging it to another day reschedules it", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Planner", uniqueEmail("plan"));
  const channelId = (await connectEmulatedChannel(page, "x", "plan_x"))!;
  const day = addDays(nyDate(new Date()), 8);
  const created = await page.request.post("/api/posts", {
    data: { mode: "schedule", publishAt: nyTen(day).toISOString(), targets: [{ channelId, items: [{ text: "Weekly planning post" }] }] },
  });
  expect(created.ok()).toBe(true);
  const postId = (await created.json()).post.id as string;

  await page.goto(`/calendar?view=week&date=${day}`);
  const chip = page.getByTestId("calendar-post").filter({ hasText: "Weekly planning post" });
  await expect(page.locator(`[data-slot="${day} 10:00"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expect(chip).toContainText("10:00");
  await expectAccessible(page);

  // Another day of the same week (Monday-based), at 14:00.
  const monday = addDays(day, -((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7));
  const target = addDays(monday, day === addDays(monday, 2) ? 3 : 2);
  // The drag as the browser reports it: dragstart on the post, dragover and drop on the slot.
  const slot = page.locator(`[data-slot="${target} 14:00"]`);
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await chip.dispatchEvent("dragstart", { dataTransfer });
  await slot.dispatchEvent("dragover", { dataTransfer });
  await slot.dispatchEvent("drop", { dataTransfer });
  await chip.dispatchEvent("dragend", { dataTransfer });
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await page.reload();
  await expect(page.locator(`[data-slot="${target} 14:00"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expect(page.locator(`[data-slot="${day} 10:00"]`).getByTestId("calendar-post")).toHaveCount(0);
  const saved = (await (await page.request.get(`/api/posts/${postId}`)).json()).post;
  expect(nyDate(new Date(saved.publishAt))).toBe(target);
  expect(
    new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
      new Date(saved.publishAt),
    ),
  ).toBe("14:00");

  await page.getByRole("link", { name: "month" }).click();
  await expect(page.getByRole("region", { name: "Month" })).toBeVisible();
  await page.goto(`/calendar?view=month&date=${target}`);
  await expect(page.locator(`[data-slot="${target}"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expectAccessible(page);
});

test("keyboard: Alt+Up moves a post an hour earlier; a move into the past is refused with the reason and the post stays", async ({
  page,
}) => {
  await signUp(page, "Keyboard Planner", uniqueEmail("keys"));
  const channelId = (await connectEmulatedChannel(page, "x", "keys_x"))!;
  const later = addDays(nyDate(new Date()), 8);
  const a = await page.request.post("/api/posts", {
    data: { mode: "schedule", publishAt: nyTen(later).toISOString(), targets: [{ channelId, items: [{ text: "Keyboard moved post" }] }] },
  });
  expect(a.ok()).toBe(true);
  await page.goto(`/calendar?view=day&date=${later}`);
  await page.getByTestId("calendar-post").filter({ hasText: "Keyboard moved post" }).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await expect(page.locator(`[data-slot="${later} 09:00"]`).getByTestId("calendar-post")).toHaveCount(1);

  const soon = new Date(Date.now() + 2 * 3_600_000);
  const b = await page.request.post("/api/posts", {
    data: { mode: "schedule", publishAt: soon.toISOString(), targets: [{ channelId, items: [{ text: "Cannot go back in time" }] }] },
  });
  expect(b.ok()).toBe(true);
  await page.goto(`/calendar?view=day&date=${nyDate(soon)}`);
  const chip = page.getByTestId("calendar-post").filter({ hasText: "Cannot go back in time" });
  const slot = await chip.evaluate((el) => el.closest("[data-slot]")!.getAttribute("data-slot"));
  await chip.focus();
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(page.getByRole("alert").filter({ hasText: "Not moved: publishAt: pick a time in the future" })).toBeVisible();
  await expect(page.locator(`[data-slot="${slot}"]`).getByTestId("calendar-post")).toHaveCount(1);
  await expectAccessible(page);
});
