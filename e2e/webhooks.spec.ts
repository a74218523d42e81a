import { Webhook } from "standardwebhooks";
import { startReceiver } from "../tests/helpers/webhook-receiver";
import { expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// Settings → Webhooks in the browser: add an endpoint pointing at a receiver on 127.0.0.1 (the
// sandbox server allows private addresses), copy its secret, send a test event, and watch it
// arrive, signed, and appear as delivered in the endpoint's log with its attempt.
test("add an endpoint, send a test event, see it delivered in the log", async ({ page }) => {
  test.setTimeout(180_000);
  const rx = await startReceiver();
  try {
    await signUp(page, "Hook Owner", uniqueEmail("hooks"));
    await page.goto("/settings");
    await page.getByRole("link", { name: "Manage webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();

    await page.getByLabel("Endpoint URL").fill("ftp://nope.example");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText(/The address must be an http or https address/)).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(rx.url);
    await page.getByLabel("Description").fill("Local receiver");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId("endpoint-row")).toContainText(rx.url);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Open the endpoint" }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText(/Test event msg_\w+ queued/)).toBeVisible();
    const row = page.getByTestId("delivery-row").first();
    await expect(row.getByTestId("delivery-status")).toHaveText("delivered", { timeout: 30_000 });
    await row.locator("summary").click();
    await expect(row.getByTestId("attempt-row")).toContainText("HTTP 200");
    await expectAccessible(page);

    expect(rx.received).toHaveLength(1);
    const got = rx.received[0]!;
    expect(
      new Webhook(secret).verify(got.body, {
        "webhook-id": got.id,
        "webhook-timestamp": got.timestamp,
        "webhook-signature": got.signature,
      }),
    ).toMatchObject({
      type: "webhook.test",
    });
    await expect(row).toContainText(got.id);
  } finally {
    await rx.close();
  }
});
