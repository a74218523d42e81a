import { baseURL, emulatorURL } from "../playwright.config";
import { expect, PASSWORD, signUp, test, uniqueEmail } from "./helpers";

// Inbound defences as a browser meets them: the page's security headers, the page after sign-in,
// password guessing, and a page on another port of the same host posting to the API.

test("pages carry a nonce-based Content-Security-Policy that Next's own scripts satisfy, and refuse framing", async ({ page }) => {
  const res = await page.goto("/sign-in");
  const csp = res!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()["x-frame-options"]).toBe("DENY");
  expect(res!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Every inline script Next wrote carries this response's nonce (the guard in helpers fails the
  // test on any violation, here and in every other browser test).
  const inline = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(new Set(inline)).toEqual(new Set([nonce]));
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled(); // hydrated
});

test("the page after sign-in must be on this site: /\\evil.example is refused", async ({ page, browser }) => {
  const email = uniqueEmail("redir");
  const ctx = await browser.newContext();
  await signUp(await ctx.newPage(), "Redirected", email);
  await ctx.close();

  await page.goto("/sign-in?next=%2F%5Cevil.example%2Fx");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/calendar`);
});

test("password guessing is cut off after 10 wrong attempts on an account, even with the right password", async ({ page, browser }) => {
  const email = uniqueEmail("guess");
  const ctx = await browser.newContext();
  await signUp(await ctx.newPage(), "Guessed", email);
  await ctx.close();

  for (let i = 0; i < 10; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many sign-in attempts for this account; try again in \d+ minutes/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a form on another port of the same host cannot publish through the API with the user's cookies", async ({ page }) => {
  await signUp(page, "Forged", uniqueEmail("csrf"));
  // The attacker's page, served at another origin of the same site (the emulator's port), posts a
  // text/plain form whose body parses as JSON: cookies go along (SameSite=Lax allows same-site).
  const attacker = `${emulatorURL}/attacker-page`;
  await page.route(attacker, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="POST" action="${baseURL}/api/posts" enctype="text/plain"><input name='{"text":"forged","channels":[],"x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const answer = page.waitForResponse((r) => r.url() === `${baseURL}/api/posts` && r.request().method() === "POST");
  await page.goto(attacker);
  const res = await answer;
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toContain(emulatorURL);
});
