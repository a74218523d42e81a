import { addDays, connectEmulatedChannel, expect, expectAccessible, nyDate, signUp, test, uniqueEmail } from "./helpers";

// Import from CSV: a file with a bad row is refused with the problem named by row and column;
// the fixed file imports, and its posts are on the calendar.

test("a CSV with a too-long row shows the problem by row and column; the fixed file imports and its posts show on the calendar", async ({
  page,
}) => {
  await signUp(page, "Importer", uniqueEmail("csv"));
  const channelId = (await connectEmulatedChannel(page, "x", "csv_x"))!;
  const day = addDays(nyDate(new Date()), 9);
  const template = await page.request.get("/api/posts/import/template");
  expect(template.headers()["content-type"]).toContain("text/csv");
  expect(await template.text()).toContain("date,timezone,channels,mode,text,media,text:x");

  await page.goto("/compose");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download a template" })).toHaveAttribute("href", "/api/posts/import/template");

  const file = (tooLong: string) => ({
    name: "posts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "\uFEFFdate;timezone;channels;text\n" +
        `${day} 10:00;America/New_York;${channelId};"Imported launch post,\nwith a second line"\n` +
        `${day} 15:30;America/New_York;${channelId};${tooLong}\n`,
    ),
  });
  const input = page.getByLabel("CSV file");
  await input.setInputFiles(file("y".repeat(300)));
  const problems = page.getByRole("alert").filter({ hasText: "1 problem" });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("text");
  await expect(problems.getByRole("row").nth(1)).toContainText("300 of 280 characters used; shorten by 20");
  await expect(page.getByRole("button", { name: "Import 2 posts" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Import only the 1 clean row, skip 1" })).toBeEnabled();
  await expectAccessible(page);

  // The fixed file, chosen again.
  await input.setInputFiles(file("Afternoon follow-up"));
  await expect(page.getByText("posts.csv: 2 rows, 2 ready.")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 posts" }).click();
  await expect(page.getByText(/^Imported 2 posts\./)).toBeVisible();
  await page.getByRole("link", { name: "See them on the calendar" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar\\?view=month&date=${day}`));
  const cell = page.locator(`[data-slot="${day}"]`);
  await expect(cell.getByTestId("calendar-post")).toHaveCount(2);
  await expect(cell.getByTestId("calendar-post").first()).toContainText("Imported launch post");
});
