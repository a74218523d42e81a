import { addDays, connectEmulatedChannel, expect, expectAccessible, nyDate, nyTen, signUp, test, uniqueEmail } from "./helpers";

// What a calendar card tells, the post card on hover and focus, an empty hour that opens the
// composer at its time, and the view, week and channel filter kept in the address (Back from a post).

test("cards show snippet, logos and status; hover and focus show the post; an empty hour opens the composer; Back keeps week and filter", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, "Card Reader", uniqueEmail("cards"));
  const a = (await connectEmulatedChannel(page, "x", "cards_a"))!;
  const b = (await connectEmulatedChannel(page, "x", "cards_b"))!;
  const masto = (await connectEmulatedChannel(page, "mastodon", "cards_masto"))!;

  const day = addDays(nyDate(new Date()), 8);
  const ten = nyTen(day);
  const long = `We are hiring a platform engineer to help us build the scheduler of the future, remote friendly, apply by Friday. ${"More words. ".repeat(5)}`;
  const post = async (channelIds: string[], text: string, at: Date, items = 1) => {
    const r = await page.request.post("/api/posts", {
      data: {
        mode: "schedule",
        publishAt: at.toISOString(),
        targets: channelIds.map((channelId) => ({
          channelId,
          items: [{ text }, ...Array.from({ length: items - 1 }, (_, i) => ({ text: `reply ${i + 1}` }))],
        })),
      },
    });
    expect(r.ok(), await r.text()).toBe(true);
    return (await r.json()).post.id as string;
  };
  const hiring = await post([a, masto], long, ten, 2);
  await post([b], "Only on the second X account", new Date(ten.getTime() + 2 * 3_600_000));

  await page.goto(`/calendar?view=week&date=${day}`);
  const card = page.locator(`[data-post-id="${hiring}"]`);
  await expect(card).toContainText("10:00");
  const snippet = (await card.getByTestId("card-snippet").textContent())!;
  expect(snippet.startsWith("We are hiring a platform engineer")).toBe(true);
  expect(Array.from(snippet).length).toBeLessThanOrEqual(80);
  expect(snippet.endsWith("…")).toBe(true);
  await expect(card.getByTestId("chip-channel")).toHaveCount(2);
  await expect(card.locator('[data-logo="x"]')).toHaveCount(1);
  await expect(card.locator('[data-logo="mastodon"]')).toHaveCount(1);
  await expect(card.getByRole("img", { name: /^on .*Mastodon/ })).toHaveCount(1);
  await expect(card.getByTestId("thread-marker")).toHaveAccessibleName("thread of 2");
  await expect(card).toHaveAttribute("data-status", "scheduled");
  await expect(card).toContainText("(scheduled)"); // the status in words (for screen readers) ...
  await expect(page.getByRole("list", { name: "Status legend" })).toContainText("Scheduled"); // ... and the legend for the colours

  // Hover: the post itself, loaded on demand, with each channel's status; Escape closes it.
  await card.hover();
  const popover = page.getByTestId("post-popover");
  await expect(popover).toContainText("apply by Friday. More words.");
  await expect(popover.getByTestId("popover-channel")).toHaveCount(2);
  await expect(popover.getByTestId("popover-channel").first()).toContainText("Scheduled");
  await expect(popover).toContainText("Thread of 2 posts");
  await page.mouse.move(0, 0);
  await expect(popover).toHaveCount(0);
  // Keyboard focus shows it too, and the card is described by it.
  await card.focus();
  await expect(popover).toBeVisible();
  await expect(card).toHaveAttribute("aria-describedby", /.+/);
  await page.keyboard.press("Escape");
  await expect(popover).toHaveCount(0);
  await expectAccessible(page);

  // An empty hour opens the composer at that time.
  await page.locator(`[data-slot="${day} 14:00"]`).getByTestId("new-post-slot").click();
  await expect(page).toHaveURL(/\/compose\?at=/);
  expect(new Date(new URL(page.url()).searchParams.get("at")!).getTime()).toBe(ten.getTime() + 4 * 3_600_000);
  await expect(page.getByLabel(/^Publish at/)).toHaveValue(`${day}T14:00`);
  await page.goBack();

  // Two of three channels: the third's post goes; the address keeps the filter.
  await page.getByTestId("channel-filter").locator("summary").click();
  const filter = page.getByRole("group", { name: "Show posts on these channels" });
  await filter.getByRole("checkbox", { name: /cards_a/ }).check();
  await filter.getByRole("checkbox", { name: /cards_masto/ }).check();
  await expect(page.getByTestId("calendar-post").filter({ hasText: "Only on the second X account" })).toHaveCount(0);
  await expect(card).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${day}&channels=`));
  const filtered = page.url();

  // Back from a post comes back to the same week with the same filter.
  await page.getByTestId("calendar-post").filter({ hasText: "We are hiring" }).click();
  await expect(page).toHaveURL(/\/compose\?post=/);
  await page.goBack();
  await expect(page).toHaveURL(filtered);
  await expect(card).toBeVisible();
  await expect(page.getByTestId("calendar-post").filter({ hasText: "Only on the second X account" })).toHaveCount(0);
  await page.getByTestId("channel-filter").locator("summary").click();
  await expect(filter.getByRole("checkbox", { name: /cards_b/ })).not.toBeChecked();
  await expect(filter.getByRole("checkbox", { name: /cards_a/ })).toBeChecked();
});

test("the list view: grouped by day, searched, and two posts moved a day later at once", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "List Keeper", uniqueEmail("list"));
  const channelId = (await connectEmulatedChannel(page, "x", "list_x"))!;
  const day = addDays(nyDate(new Date()), 5);
  const make = async (text: string, hours: number, items = 1) => {
    const r = await page.request.post("/api/posts", {
      data: {
        mode: "schedule",
        publishAt: new Date(nyTen(day).getTime() + hours * 3_600_000).toISOString(),
        targets: [{ channelId, items: Array.from({ length: items }, (_, i) => ({ text: i ? `reply ${i}` : text })) }],
      },
    });
    expect(r.ok(), await r.text()).toBe(true);
    return (await r.json()).post.id as string;
  };
  const alpha = await make("Spring sale alpha", 0, 3);
  const beta = await make("Spring sale beta", 1);
  const other = await make("Unrelated update", 2);

  await page.goto("/calendar?view=list");
  await expect(page.getByRole("region", { name: /, 20\d\d$/ }).first()).toBeVisible(); // a day's heading
  await page.getByLabel("Search posts").fill("spring sale");
  const cards = page.getByTestId("post");
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: "Spring sale alpha" }).getByTestId("post-counts")).toContainText("Thread of 3 posts (2 replies)");

  for (const card of await cards.all()) await card.getByRole("checkbox").check();
  await expect(page.getByTestId("selected-count")).toHaveText("2 selected");
  await page.getByLabel("Shift by hours").fill("24");
  await page.getByRole("button", { name: "Shift", exact: true }).click();
  await expect(page.getByText("Moved: 2.")).toBeVisible();
  const at = async (id: string) => nyDate(new Date((await (await page.request.get(`/api/posts/${id}`)).json()).post.publishAt));
  expect(await at(alpha)).toBe(addDays(day, 1));
  expect(await at(beta)).toBe(addDays(day, 1));
  expect(await at(other)).toBe(day);
  await expectAccessible(page);

  // A phone gets the day as a list (with Move… instead of dragging), and the week scrolls in its own box.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/calendar");
  await expect(page).toHaveURL(/view=day/);
  await page.goto(`/calendar?view=day&date=${addDays(day, 1)}`);
  const agenda = page.getByRole("list", { name: "Posts of the day" });
  await expect(agenda.getByTestId("calendar-post")).toHaveCount(2);
  await expect(agenda.getByRole("button", { name: /^Move…/ })).toHaveCount(2);
  await page.goto(`/calendar?view=week&date=${day}`);
  await expect(page.getByRole("region", { name: "Week" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
