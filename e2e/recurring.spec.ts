import { connectEmulatedChannel, expect, expectAccessible, pickChannel, signUp, test, uniqueEmail } from "./helpers";

// A weekly recurring post made in the composer by a user in Berlin, starting the Monday before
// Europe's clocks go forward (28 March 2027): every occurrence sits at 09:00 on the calendar on
// both sides of the change, while its UTC time moves from 08:00 to 07:00.
test.use({ timezoneId: "Europe/Berlin" });

test("a weekly recurring post keeps its local time across the March DST change", async ({ page }) => {
  // Sign-up, a channel, the composer and three calendar weeks: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  await signUp(page, "Weekly Planner", uniqueEmail("repeat"));
  await connectEmulatedChannel(page, "x", "repeat_x");

  await page.goto("/compose");
  await pickChannel(page, "x");
  const text = `Monday briefing ${Date.now()}`;
  await page.getByLabel("Post", { exact: true }).fill(text);
  await page.getByLabel("Publish at (Europe/Berlin)").fill("2027-03-22T09:00");
  const repeat = page.getByRole("group", { name: "Repeat" });
  await repeat.getByLabel("Repeat this post").check();
  await expect(repeat.getByRole("group", { name: "On weekdays" }).getByLabel("Mon")).toBeChecked();
  await repeat.getByLabel("Ends").selectOption("count");
  await repeat.getByLabel("Number of posts").fill("3");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const firstId = new URL(page.url()).searchParams.get("post")!;

  // Both sides of the change, at 09:00 local, each marked as recurring.
  for (const day of ["2027-03-22", "2027-03-29", "2027-04-05"]) {
    await page.goto(`/calendar?view=week&date=${day}`);
    const chip = page.locator(`[data-slot="${day} 09:00"]`).getByTestId("calendar-post").filter({ hasText: text });
    await expect(chip).toHaveCount(1);
    await expect(chip.getByTestId("recurring-marker")).toBeVisible();
  }
  await expectAccessible(page);

  // The same local time is a different UTC time after the change.
  const list = await page.request.get(`/api/posts?from=2027-03-20T00:00:00Z&to=2027-04-10T00:00:00Z`);
  const posts = ((await list.json()).posts as { publishAt: string; targets: { items: { text: string }[] }[] }[]).filter(
    (p) => p.targets[0]!.items[0]!.text === text,
  );
  expect(posts.map((p) => p.publishAt)).toEqual(["2027-03-22T08:00:00.000Z", "2027-03-29T07:00:00.000Z", "2027-04-05T07:00:00.000Z"]);

  // The post's own page says how it repeats and offers the choice of scope.
  await page.goto(`/compose?post=${firstId}`);
  await expect(page.getByTestId("series-description")).toHaveText("Repeats weekly on Mon at 09:00, 3 times (Europe/Berlin)");
  await expect(page.getByRole("radio", { name: "This and following posts" })).toBeVisible();
});
