import { addDays, connectEmulatedChannel, expect, nyDate, signUp, test, uniqueEmail } from "./helpers";

// Posting schedules and "Add to queue" in the browser (the user's zone: America/New_York): set a
// channel's slots, queue several posts from the composer, and find them in consecutive slots on
// the week view, with the free slots shown beside them and opening the composer at their time.

const NY = "America/New_York";
const hm = (at: Date) =>
  new Intl.DateTimeFormat("en-US", { timeZone: NY, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
/** hh:00 on a New York date, as an instant. */
function nyAt(date: string, hour: number): Date {
  for (const offset of [4, 5]) {
    const t = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour + offset));
    if (nyDate(t) === date && hm(t) === `${String(hour).padStart(2, "0")}:00`) return t;
  }
  throw new Error(`no ${hour}:00 on ${date}`);
}
const mondayOf = (d: string) => addDays(d, -((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7));

test("slots set on the Schedules page are filled one after another by Add to queue, and the calendar shows the free ones", async ({
  page,
}) => {
  // Five trips through the composer and a few calendar weeks: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  await signUp(page, "Queue Keeper", uniqueEmail("queue"));
  await connectEmulatedChannel(page, "x", "queue_x");

  await page.goto("/schedules");
  await page.getByRole("button", { name: /Edit the schedule of/ }).click();
  const editor = page.getByRole("region", { name: "Schedule editor" });
  await expect(editor.getByLabel("Time zone")).toHaveValue(NY);
  await editor.getByLabel("Day", { exact: true }).selectOption("all");
  await editor.getByLabel("Time", { exact: true }).fill("09:00");
  await editor.getByRole("button", { name: "Add slot" }).click();
  await editor.getByLabel("Time", { exact: true }).fill("15:00");
  await editor.getByRole("button", { name: "Add slot" }).click();
  await expect(editor.getByRole("button", { name: /^Remove / })).toHaveCount(14);
  await editor.getByRole("button", { name: "Save schedule" }).click();
  await expect(editor.getByText("Saved for 1 channel.")).toBeVisible();
  await expect(page.getByTestId("schedule-row")).toContainText("14 slots a week, America/New_York");

  // The slots to expect: 09:00 and 15:00 New York time, from a minute from now.
  const soon = Date.now() + 90_000;
  const today = nyDate(new Date());
  const expected = Array.from({ length: 5 }, (_, i) => addDays(today, i))
    .flatMap((d) => [nyAt(d, 9), nyAt(d, 15)])
    .filter((t) => t.getTime() > soon)
    .slice(0, 7);

  const count = 5;
  for (let i = 0; i < count; i++) {
    await page.goto("/compose");
    await page.getByLabel("Post", { exact: true }).fill(`Queued post ${i}`);
    await page.getByRole("button", { name: "Add to queue" }).click();
    await page.waitForURL(/\/calendar\?view=week/);
  }

  // Each post in the next free slot: consecutive slots, in order.
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const { posts } = await (await page.request.get(`/api/posts?from=${from}&to=${to}`)).json();
  const times = (posts as { publishAt: string }[]).map((p) => p.publishAt).sort();
  expect(times).toEqual(expected.slice(0, count).map((t) => t.toISOString()));

  // On the week view: each queued post in its slot's hour cell, and the next slots shown free.
  for (const week of [...new Set(expected.map((t) => mondayOf(nyDate(t))))]) {
    await page.goto(`/calendar?view=week&date=${week}`);
    for (const [i, t] of expected.entries()) {
      if (mondayOf(nyDate(t)) !== week) continue;
      const cell = page.locator(`[data-slot="${nyDate(t)} ${hm(t)}"]`);
      if (i < count) await expect(cell.getByTestId("calendar-post")).toContainText(`Queued post ${i}`);
      else await expect(cell.getByTestId("free-slot")).toHaveAttribute("data-slot-at", t.toISOString());
    }
  }

  // A free slot opens the composer at its time with the channel picked.
  const free = expected[count]!;
  await page.goto(`/calendar?view=week&date=${mondayOf(nyDate(free))}`);
  await page
    .locator(`[data-slot="${nyDate(free)} ${hm(free)}"]`)
    .getByTestId("free-slot")
    .click();
  await expect(page.getByLabel(`Publish at (${NY})`)).toHaveValue(`${nyDate(free)}T${hm(free)}`);
});
