import { expect, expectAccessible, PASSWORD, signUp, test, uniqueEmail } from "./helpers";

test("an invite link joins a second user to the organization with the chosen role, once", async ({ page, browser }) => {
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  await page.goto("/settings");
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel(/Invite link/).inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await expect(page.getByText("Pending invitation as admin")).toBeVisible();

  const invitee = await browser.newContext({ timezoneId: "Europe/Paris" });
  const p2 = await invitee.newPage();
  await p2.goto(link);
  await expect(p2.getByRole("heading", { name: "Join Olivia Owner's organization" })).toBeVisible();
  await expectAccessible(p2);
  await p2.getByRole("link", { name: "Create an account" }).click();
  await expect(p2.getByText("You are joining Olivia Owner's organization as admin.")).toBeVisible();
  await p2.getByLabel("Name").fill("Adam Admin");
  await p2.getByLabel("Email").fill(uniqueEmail("admin"));
  await p2.getByLabel("Password").fill(PASSWORD);
  await p2.getByRole("button", { name: "Create account" }).click();
  await expect(p2).toHaveURL(/\/calendar$/);
  await expect(p2.getByRole("navigation", { name: "Main" }).getByText("Olivia Owner's organization")).toBeVisible();
  await invitee.close();

  // The owner sees the new admin; the link is spent.
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: "Adam Admin" });
  await expect(row.getByRole("combobox")).toHaveValue("admin");
  const third = await browser.newContext();
  const p3 = await third.newPage();
  await p3.goto(link);
  await expect(p3.getByRole("alert").filter({ hasText: "invitation" })).toHaveText(
    "This invitation has already been used; each link works once",
  );
  await third.close();
});

test("a user in two organizations switches between them, and each sees only its own data", async ({ page, browser, request }) => {
  await signUp(page, "Owner Two", uniqueEmail("own2"));
  await page.goto("/settings");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel(/Invite link/).inputValue();

  // Someone with their own organization accepts while signed in.
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await signUp(p2, "Multi Member", uniqueEmail("multi"));
  await p2.goto(link);
  await p2.getByRole("button", { name: "Accept and join" }).click();
  await expect(p2).toHaveURL(/\/calendar$/);
  const switcher = p2.getByLabel("Organization").first();
  await expect(switcher).toHaveValue(/.+/);
  await expect(switcher.locator("option:checked")).toHaveText("Owner Two's organization");
  await switcher.selectOption({ label: "Multi Member's organization" });
  await expect(switcher.locator("option:checked")).toHaveText("Multi Member's organization");
  await p2.goto("/settings");
  await expect(p2.getByTestId("member-row")).toHaveCount(1);

  // Over HTTP: the owner's invitation is a 404 for someone acting in another organization.
  const created = await page.request.post("/api/invites", { data: { role: "member" } });
  const { id } = (await created.json()) as { id: string };
  const res = await p2.request.delete(`/api/invites/${id}`);
  expect(res.status()).toBe(404);
  expect((await page.request.get("/api/invites")).ok()).toBe(true);
  expect(((await (await page.request.get("/api/invites")).json()).invites as { id: string }[]).map((i) => i.id)).toContain(id);
  expect((await (await p2.request.get("/api/channels/does-not-exist")).json()).error).toBe("Channel not found");
  await ctx.close();
  expect((await request.get("/api/invites")).status()).toBe(401);
});
