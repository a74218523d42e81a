import { expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// Settings → API: an owner creates a key (its secret shown once), sees it listed, uses it on
// /api/v1 from a client without cookies (through the proxy), and revokes it, after which the
// same request is 401. The reference is on the same page.

test("an owner creates an API key, sees the secret once, uses it, and revokes it", async ({ page, request }) => {
  await signUp(page, "Ada", uniqueEmail("apikeys"));
  await page.getByRole("link", { name: "Settings" }).first().click();
  await page.getByRole("link", { name: /API keys and reference/ }).click();
  await expect(page).toHaveURL(/\/settings\/api$/);
  await expect(page.getByText("No API keys yet.")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Importer");
  await page.getByRole("checkbox", { name: /publish/ }).check();
  await page.getByLabel("Expires").selectOption("30");
  await page.getByRole("button", { name: "Create key" }).click();
  const secretField = page.getByLabel(/Copy it now: it will not be shown again/);
  await expect(secretField).toHaveValue(/^pm_[0-9A-Za-z]{32}$/);
  const secret = await secretField.inputValue();

  const row = page.getByTestId("api-key-row").filter({ hasText: "Importer" });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("read publish");
  await expect(row).toContainText("by Ada");
  await expect(row).not.toContainText(secret);
  await expectAccessible(page);

  // A client of its own: no session cookie, no Origin. The proxy lets /api/v1 through to the key check.
  const ok = await request.get("/api/v1/channels", { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["ratelimit-limit"]).toBeTruthy();
  const denied = await request.post("/api/v1/posts", {
    headers: { authorization: `Bearer ${secret}`, origin: "https://elsewhere.example" },
    data: { mode: "draft", targets: [] },
  });
  expect(denied.status()).toBe(403); // missing "write", answered by the API, not by the CSRF check
  expect((await denied.json()).type).toBe("urn:postmill:problem:missing-scope");
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);

  await page.reload();
  await expect(page.getByLabel(/Copy it now/)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reference" })).toBeVisible();
  await expect(page.getByTestId("api-operation").filter({ hasText: "/api/v1/posts/{id}/reschedule" })).toContainText("scope: publish");

  await page.getByRole("button", { name: "Revoke Importer" }).click();
  await expect(row.getByTestId("api-key-state")).toHaveText("revoked");
  const after = await request.get("/api/v1/channels", { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
});
