import type { ConformanceRecipe } from "../emulator/kit/recipe";
import { emulatorURL } from "../playwright.config";
import { wallTimeToDate } from "../lib/time/zone";
import { addDays, expect, expectAccessible, nyDate, signUp, test, uniqueEmail } from "./helpers";

// A marketer with 50 channels: a customer's channels grouped with its time zone on the Channels
// page, picked at once in the composer, another found by search; one preview and one counter for
// the identical Bluesky posts, and the post stored at 10:00 in the group's zone, not the user's.

test("50 channels: a group with its time zone, select all, search, one preview for many, scheduled in the group's zone", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page, "Agency", uniqueEmail("groups"));
  // 50 Bluesky accounts on the emulator, connected through the app's own form endpoint (as the form does).
  const recipe = ((await import("../emulator/platforms/bluesky/recipe.ts")) as { default: ConformanceRecipe }).default;
  for (let i = 1; i <= 50; i++) {
    const res = await page.request.post("/api/integrations/bluesky/fields", {
      data: { values: recipe.fields!(`${emulatorURL}/bluesky`, `shop-${String(i).padStart(2, "0")}`) },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }

  // The Channels page: a refused group names its field; then "Acme" in Paris with 12 channels.
  await page.goto("/channels");
  await page.getByRole("button", { name: "New group" }).click();
  const form = page.getByRole("form", { name: "New group" });
  await form.getByRole("button", { name: "Create group" }).click();
  await expect(form.getByRole("alert")).toContainText("name: give the group a name");
  await form.getByLabel("Group name").fill("Acme");
  await form.getByLabel("Time zone").selectOption("Europe/Paris");
  const search = form.getByLabel("Search channels to add");
  await search.fill("shop-0");
  await form.getByRole("button", { name: "Add all 9 shown" }).click();
  await search.fill("shop-1");
  for (const h of ["shop-10", "shop-11", "shop-12"]) await form.getByRole("checkbox", { name: new RegExp(`@${h}\\.`) }).check();
  await form.getByRole("button", { name: "Create group" }).click();
  const row = page.getByTestId("group-row").filter({ hasText: "Acme" });
  await expect(row).toContainText("Europe/Paris");
  await expect(row).toContainText("12 channels");

  // The composer: 50 compact chips in two sections; search finds one channel outside the group.
  await page.goto("/compose");
  await expect(page.getByTestId("channel-choice")).toHaveCount(50);
  await expect(page.getByRole("region", { name: "Acme" }).getByTestId("channel-choice")).toHaveCount(12);
  await page.getByLabel("Search channels").fill("@shop-40");
  await expect(page.getByTestId("channel-choice")).toHaveCount(1);
  await page.getByTestId("channel-choice").click();
  await page.getByLabel("Search channels").press("Escape");
  await page.getByRole("button", { name: "Select all 12 in Acme" }).click();
  await expect(page.getByTestId("picked-summary")).toHaveText("13 selected");

  await page.getByLabel("Post", { exact: true }).fill("Winter sale starts today");
  const previews = page.getByRole("complementary", { name: "Previews" });
  await expect(previews.getByTestId("channel-preview")).toHaveCount(1);
  await expect(previews.getByTestId("preview-group")).toContainText("same for 13 channels");
  await expect(page.getByTestId("counter")).toHaveCount(1);
  await expect(page.getByTestId("counter")).toHaveText(/Bluesky · 13 channels: 24\/300/);
  // Mixed channels: the user's own zone.
  await expect(page.getByLabel("Publish at (America/New_York)")).toBeVisible();

  // Only the group left: its zone, said beside the time; the collapsed preview lists its 12 channels.
  await page
    .getByTestId("channel-choice")
    .filter({ has: page.getByRole("checkbox", { name: /@shop-40\./ }) })
    .click();
  await expect(page.getByTestId("picked-summary")).toHaveText("12 selected");
  await expect(page.getByTestId("group-zone")).toHaveText("Europe/Paris time: every picked channel is in Acme");
  await previews.getByText("same for 12 channels").click();
  await expect(previews.getByRole("list", { name: "The 12 Bluesky channels of this preview" }).getByRole("listitem")).toHaveCount(12);
  await expectAccessible(page);

  const day = addDays(nyDate(new Date()), 3);
  await page.getByLabel("Publish at (Europe/Paris)").fill(`${day}T10:00`);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const postId = new URL(page.url()).searchParams.get("post")!;
  const post = (await (await page.request.get(`/api/posts/${postId}`)).json()).post as { publishAt: string; targets: unknown[] };
  expect(post.publishAt).toBe(wallTimeToDate(`${day}T10:00`, "Europe/Paris").toISOString());
  expect(post.targets).toHaveLength(12);

  // Reopened, the post shows its time in the group's zone.
  await page.goto(`/compose?post=${postId}`);
  await expect(page.getByLabel("Publish at (Europe/Paris)")).toHaveValue(`${day}T10:00`);
});
