import { expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

test("the time zone defaults from the browser, and a chosen one persists after reload", async ({ page }) => {
  await signUp(page, "Zoe", uniqueEmail("tz"));
  await page.getByRole("link", { name: "Settings" }).first().click();
  const zone = page.getByLabel("Time zone");
  // The browser context runs in America/New_York; sign-up stored it as the default.
  await expect(zone).toHaveValue("America/New_York");
  await expectAccessible(page);

  await zone.selectOption("Asia/Tokyo");
  await page.getByLabel("Name", { exact: true }).fill("Zoe Tanaka");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Zoe Tanaka");
});
