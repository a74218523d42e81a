import { startPds, type Pds } from "../tests/peers/pds";
import { expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// Connecting Bluesky in the browser against a real, local Bluesky PDS (the production server code).
let pds: Pds;
test.beforeAll(async () => {
  pds = await startPds();
});
test.afterAll(async () => {
  await pds?.stop();
});

test("connect a Bluesky account on a self-hosted PDS with an app password", async ({ page }) => {
  const handle = `e2e${Date.now().toString(36)}.test`;
  const account = await pds.createAccountWithAppPassword(handle);
  await signUp(page, "PDS User", uniqueEmail("pds"));
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect Bluesky" }).click();
  const form = page.getByRole("form", { name: "Connect Bluesky" });
  await form.getByLabel(/PDS|Service|Server/i).fill(pds.url);
  await form.getByLabel(/Handle/i).fill(handle);

  await form.getByLabel(/App password/i).fill("aaaa-bbbb-cccc-dddd");
  await form.getByRole("button", { name: "Connect Bluesky" }).click();
  await expect(form.getByRole("alert")).toContainText("Invalid identifier or password");

  await form.getByLabel(/App password/i).fill(account.appPassword);
  await form.getByRole("button", { name: "Connect Bluesky" }).click();
  const row = page.getByTestId("channel-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(handle);
  await expect(row.getByTestId("channel-status")).toHaveText("Active");
  await expectAccessible(page);

  // The channel is keyed on the account's DID.
  const channels = (await (await page.request.get("/api/channels")).json()).channels as { internalId: string; instanceUrl: string }[];
  expect(channels[0]).toMatchObject({ internalId: account.did, instanceUrl: pds.url });
});
