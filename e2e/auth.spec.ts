import { expect, expectAccessible, PASSWORD, signIn, signUp, test, uniqueEmail } from "./helpers";

test("sign up lands in the app shell with the organization created, then sign out and back in", async ({ page }) => {
  const email = uniqueEmail("ada");
  await signUp(page, "Ada Lovelace", email);
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  for (const item of ["Calendar", "Compose", "Channels", "Analytics", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(nav.getByText("Ada Lovelace's organization")).toBeVisible();
  await expectAccessible(page);

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/calendar");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcalendar$/);

  await signIn(page, email);
  await expect(page.getByTestId("current-user").first()).toHaveText("Ada Lovelace");
});

test("an unauthenticated visit to /calendar redirects to sign-in, and returns there after signing in", async ({ page, browser }) => {
  const email = uniqueEmail("ret");
  const ctx = await browser.newContext();
  await signUp(await ctx.newPage(), "Returner", email);
  await ctx.close();

  await page.goto("/calendar");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcalendar$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/calendar$/);
});

test("APIs answer 401 JSON without a session", async ({ request }) => {
  const res = await request.get("/api/me");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: "Sign in required" });
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" }, migrations: { status: "ok" } });
});

test("bad input gets messages naming the field, and what was typed is kept", async ({ page }) => {
  await page.goto("/sign-up");
  await expectAccessible(page);
  await page.getByLabel("Name").fill("Bad Input");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Email must be a valid email address, like name@example.com")).toBeVisible();
  await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Bad Input");

  const taken = uniqueEmail("taken");
  const other = await page.context().browser()!.newContext();
  await signUp(await other.newPage(), "First", taken);
  await other.close();
  await page.getByLabel("Email").fill(taken);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists; sign in instead")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(taken);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect");
});
