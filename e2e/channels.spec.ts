import { emulatorURL } from "../playwright.config";
import { allManifests } from "../providers/manifests";
import { approveOnEmulator, connectEmulatedChannel, expect, expectAccessible, openAddChannel, signUp, test, uniqueEmail } from "./helpers";

test("connect an emulated X account through its authorize page; reconnecting keeps the channel; other organizations cannot see it", async ({
  page,
  browser,
}) => {
  await signUp(page, "Chan Owner", uniqueEmail("chan"));
  await page.getByRole("link", { name: "Channels" }).first().click();
  await expect(page.getByText("No channels yet")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Connect X" }).click();
  await approveOnEmulator(page, "X", "acme_x");
  await expect(page).toHaveURL(/\/channels\?connected=/);
  const id = new URL(page.url()).searchParams.get("connected")!;
  const row = page.getByTestId("channel-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("acme_x");
  await expect(row.getByTestId("channel-status")).toHaveText("Active");
  await expect(page.getByText(/^Connected /)).toBeVisible();
  await expectAccessible(page);

  await row.getByRole("button", { name: "Reconnect" }).click();
  await approveOnEmulator(page, "X", "acme_x");
  await expect(page).toHaveURL(new RegExp(`connected=${id}`));
  await expect(page.getByTestId("channel-row")).toHaveCount(1);

  // Reconnecting as a different account is refused, and the channel is untouched.
  await page.getByTestId("channel-row").getByRole("button", { name: "Reconnect" }).click();
  await approveOnEmulator(page, "X", "someone_else");
  await expect(page.getByRole("alert").filter({ hasText: "but this channel is" })).toBeVisible();
  await expect(page.getByTestId("channel-row")).toHaveCount(1);

  const other = await browser.newContext();
  const p2 = await other.newPage();
  await signUp(p2, "Other Org", uniqueEmail("other"));
  await p2.goto("/channels");
  await expect(p2.getByTestId("channel-row")).toHaveCount(0);
  expect((await p2.request.get(`/api/channels/${id}`)).status()).toBe(404);
  expect((await p2.request.get("/api/channels")).ok()).toBe(true);
  expect(((await (await p2.request.get("/api/channels")).json()).channels as unknown[]).length).toBe(0);
  await other.close();

  // Tokens never reach the browser.
  const body = await (await page.request.get(`/api/channels/${id}`)).text();
  expect(body).not.toMatch(/access_?token|refresh_?token|credentials/i);
});

test("denying on the platform gives a clear message and saves nothing", async ({ page }) => {
  await signUp(page, "Denier", uniqueEmail("deny"));
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect X" }).click();
  await expect(page.getByRole("heading", { name: "X (emulator)" })).toBeVisible();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "declined" })).toHaveText("You declined access on X; no channel was connected");
  await expect(page.getByTestId("channel-row")).toHaveCount(0);
});

test("connect a Bluesky account through the form; a wrong app password shows the platform's reason", async ({ page }) => {
  await signUp(page, "Sky User", uniqueEmail("sky"));
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Bluesky" }).click();
  const form = page.getByRole("form", { name: "Connect Bluesky" });
  await form.getByLabel(/PDS|Service|Server/i).fill(`${emulatorURL}/bluesky`);
  await form.getByLabel(/Handle/i).fill("sky.emulator.test");
  await form.getByLabel(/App password/i).fill("wrong-pass-word-xxxx");
  await form.getByRole("button", { name: "Connect Bluesky" }).click();
  await expect(form.getByRole("alert")).toContainText("Invalid identifier or password");
  await expectAccessible(page);

  await form.getByLabel(/App password/i).fill(process.env.E2E_BLUESKY_APP_PASSWORD ?? "app-pass-word-emul");
  await form.getByRole("button", { name: "Connect Bluesky" }).click();
  const row = page.getByTestId("channel-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("sky.emulator.test");
  await expect(row.getByTestId("channel-status")).toHaveText("Active");
});

test("LinkedIn Page: the channel waits for a company pick, then becomes active", async ({ page }) => {
  await signUp(page, "Page Admin", uniqueEmail("page"));
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect LinkedIn Page" }).click();
  await approveOnEmulator(page, "LinkedIn", "page_admin");
  await expect(page).toHaveURL(/\/channels\?pick=/);
  const row = page.getByTestId("channel-row");
  await expect(row.getByTestId("channel-status")).toHaveText("Pick a page");
  const picker = row.getByRole("group", { name: /Pick a page/ });
  await picker.getByRole("radio").first().check();
  await picker.getByRole("button", { name: "Use this page" }).click();
  await expect(row.getByTestId("channel-status")).toHaveText("Active");
  await expectAccessible(page);
});

test("Mastodon asks for the server first", async ({ page }) => {
  await signUp(page, "Toot", uniqueEmail("toot"));
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Mastodon" }).click();
  await page.getByLabel("Mastodon server").fill(`${emulatorURL}/mastodon`);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await approveOnEmulator(page, "Mastodon", "tooter");
  await expect(page).toHaveURL(/\/channels\?connected=/);
  await expect(page.getByTestId("channel-row")).toContainText("tooter");
  await expect(page.getByTestId("channel-row").getByTestId("channel-status")).toHaveText("Active");
});

test("every registered platform connects from the Channels page the way its manifest says (recipe-driven)", async ({ page }) => {
  await signUp(page, "Every Platform", uniqueEmail("every"));
  // A platform declared unavailable shows its reason where the Connect button would be, and has no recipe to connect with.
  const [offered, unavailable] = [
    allManifests().filter((m) => m.availability?.status !== "unavailable"),
    allManifests().filter((m) => m.availability?.status === "unavailable"),
  ];
  const ids = offered.map((m) => m.identifier);
  // One connect per platform: the default minute is not enough for a dozen on a busy machine.
  test.setTimeout(60_000 + ids.length * 15_000);
  for (const id of ids) await connectEmulatedChannel(page, id, `every_${id.replace(/[^a-z0-9]/g, "_")}`);
  await openAddChannel(page);
  for (const m of unavailable) {
    await expect(page.getByTestId(`unavailable-${m.identifier}`)).toContainText(m.availability!.reason);
    await expect(page.getByRole("button", { name: `Connect ${m.name}` })).toHaveCount(0);
  }
  await page.goto("/channels");
  await expect(page.getByTestId("channel-row")).toHaveCount(ids.length);
  await expect(page.getByTestId("channel-status").filter({ hasText: /^Active$/ })).toHaveCount(ids.length);
});
