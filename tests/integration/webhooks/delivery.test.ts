import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { contextFor } from "@/lib/orgs/context";
import { createEndpoint, revealSecret, rotateSecret, updateEndpoint } from "@/lib/webhooks/endpoints";
import { listDeliveries, resendDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/worker";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, waitFor } from "../../helpers/publishing";
import { startMailDev, type MailDev } from "../../helpers/maildev";
import { startReceiver, type Receiver } from "../../helpers/webhook-receiver";

// Delivery mechanics on a local receiver: retries with backoff and the same webhook-id, Retry-After,
// the attempt log, re-sending, turning an endpoint off after repeated failures (with a notice to
// the admins), secret rotation, and the private-address rule.
ownDatabase();
let worker: WebhookWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let rx: Receiver;
let mail: MailDev;

const FAST = { WEBHOOK_POLL_SECONDS: "0.5", WEBHOOK_SWEEP_MS: "300", WEBHOOK_RETRY_DELAYS_MS: "300,600", WEBHOOK_TIMEOUT_MS: "2000" };
beforeAll(async () => {
  Object.assign(process.env, FAST);
  owner = await makeOwner("delivery");
  rx = await startReceiver();
  mail = await startMailDev();
  process.env.SMTP_URL = mail.smtpUrl;
  worker = await startWebhookWorker();
}, 60_000);
afterEach(() => {
  rx.answer = () => ({ status: 200 });
  Object.assign(process.env, FAST);
  delete process.env.WEBHOOK_DISABLE_AFTER_EVENTS;
  process.env.ALLOW_PRIVATE_NETWORK = "1";
});
afterAll(async () => {
  await worker?.stop();
  await rx?.close();
  delete process.env.SMTP_URL;
  await mail?.stop();
});

async function endpoint(opts: { events?: string[] } = {}) {
  const e = await createEndpoint(owner, { url: rx.url, ...opts });
  rx.secret = e.secret;
  return e;
}
const finished = (id: string) =>
  waitFor(`delivery ${id} to finish`, async () => {
    const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    return (d.status === "delivered" || d.status === "failed") && d;
  });

describe("webhook delivery", () => {
  it("retries a failing receiver with backoff, the same webhook-id each time, and logs every attempt", async () => {
    const e = await endpoint();
    let calls = 0;
    rx.answer = () => (++calls <= 2 ? { status: 500, body: "x".repeat(5000) } : { status: 204 });
    const { id } = await sendTestEvent(owner, e.id);
    expect((await finished(id)).status).toBe("delivered");
    const mine = rx.received.filter((r) => r.id === id);
    expect(mine).toHaveLength(3);
    expect(mine.every((r) => r.verified && r.body === mine[0]!.body)).toBe(true);
    expect(mine[0]!.event).toMatchObject({ type: "webhook.test", data: { endpointId: e.id } });
    // 300 ms then 600 ms, each ±20 %.
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(240);
    expect(mine[2]!.at - mine[1]!.at).toBeGreaterThanOrEqual(480);
    const [log] = await listDeliveries(owner, e.id);
    expect(log!.log.map((a) => a.statusCode)).toEqual([500, 500, 204]);
    expect(log!.log[0]!.responseSnippet).toHaveLength(1024);
    expect(log!.log.every((a) => a.durationMs >= 0)).toBe(true);
  });

  it("waits for a 429's Retry-After", async () => {
    const e = await endpoint();
    let calls = 0;
    rx.answer = () => (++calls === 1 ? { status: 429, retryAfter: "2" } : { status: 200 });
    const { id } = await sendTestEvent(owner, e.id);
    expect((await finished(id)).status).toBe("delivered");
    const mine = rx.received.filter((r) => r.id === id);
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it("marks a delivery failed after the last attempt, and re-sends it by hand with the same id", async () => {
    const e = await endpoint();
    rx.answer = () => ({ status: 503 });
    const { id } = await sendTestEvent(owner, e.id);
    const failed = await finished(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastStatus: 503, lastError: "HTTP 503" });
    rx.answer = () => ({ status: 200 });
    await resendDelivery(owner, id);
    expect((await finished(id)).status).toBe("delivered");
    expect(rx.acked.filter((x) => x === id)).toHaveLength(1);
    await expect(resendDelivery(owner, id)).rejects.toThrow(/only failed deliveries/);
  });

  it("turns an endpoint off after repeated failed events and tells the admins; on again by hand", async () => {
    process.env.WEBHOOK_DISABLE_AFTER_EVENTS = "2";
    process.env.WEBHOOK_RETRY_DELAYS_MS = "100";
    const e = await endpoint();
    rx.answer = () => ({ status: 500 });
    await finished((await sendTestEvent(owner, e.id)).id);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).enabled).toBe(true);
    await finished((await sendTestEvent(owner, e.id)).id);
    const off = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } });
    expect(off).toMatchObject({ enabled: false, failedEvents: 2 });
    expect(off.disabledReason).toMatch(/2 events in a row could not be delivered \(last: HTTP 500\)/);
    const notes = await db.notification.findMany({ where: { organizationId: owner.organizationId, kind: "webhook.disabled" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(rx.url);
    const email = await mail.received("A webhook endpoint was turned off");
    expect(email.to.map((t) => t.address)).toEqual([owner.email]);
    expect(email.text).toContain(rx.url);
    await expect(sendTestEvent(owner, e.id)).rejects.toThrow(/turned off/);
    const on = await updateEndpoint(owner, e.id, { enabled: true });
    expect(on).toMatchObject({ enabled: true, disabledReason: null });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).failedEvents).toBe(0);
  });

  it("signs with the rotated secret from then on; the secret is stored encrypted", async () => {
    const e = await endpoint();
    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } });
    expect(stored.secret).not.toContain(e.secret.slice(6));
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await revealSecret(owner, e.id)).toBe(e.secret);
    const fresh = await rotateSecret(owner, e.id);
    rx.secret = fresh;
    const { id } = await sendTestEvent(owner, e.id);
    await finished(id);
    expect(rx.received.find((r) => r.id === id)!.verified).toBe(true);
    rx.secret = e.secret;
    expect(rx.received.length).toBeGreaterThan(0);
  });

  it("lets only owners and admins manage endpoints", async () => {
    const member = contextFor(owner.userId, owner.organizationId, "member");
    await expect(createEndpoint(member, { url: rx.url })).rejects.toMatchObject({ status: 403 });
    const e = await endpoint();
    await expect(revealSecret(member, e.id)).rejects.toBeInstanceOf(AppError);
    const other = await makeOwner("other-org");
    await expect(revealSecret(other, e.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses private addresses without ALLOW_PRIVATE_NETWORK, when typed and when delivering", async () => {
    const e = await endpoint();
    delete process.env.ALLOW_PRIVATE_NETWORK;
    await expect(createEndpoint(owner, { url: rx.url })).rejects.toMatchObject({ fields: { url: "The address must start with https://" } });
    await expect(createEndpoint(owner, { url: "https://127.0.0.1:9/hook" })).rejects.toMatchObject({
      fields: { url: expect.stringMatching(/private network address/) },
    });
    await expect(createEndpoint(owner, { url: "https://[::ffff:169.254.169.254]/" })).rejects.toMatchObject({
      fields: { url: expect.stringMatching(/private network address/) },
    });
    // An endpoint saved while private networks were allowed is refused where the socket connects.
    const before = rx.received.length;
    const { id } = await sendTestEvent(owner, e.id);
    const d = await waitFor("the refused attempt", async () =>
      (await listDeliveries(owner, e.id)).find((x) => x.id === id && x.log.length),
    );
    expect(d.log[0]!.error).toMatch(/private network address/);
    expect(d.log[0]!.statusCode).toBeNull();
    expect(rx.received.length).toBe(before);
  });

  it("names the field for bad input", async () => {
    await expect(createEndpoint(owner, { url: "ftp://example.com" })).rejects.toMatchObject({
      fields: { url: expect.stringMatching(/http/) },
    });
    await expect(createEndpoint(owner, { url: rx.url, events: ["post.exploded"] })).rejects.toMatchObject({
      fields: { "events.0": expect.any(String) },
    });
    await expect(createEndpoint(owner, { url: rx.url, channelIds: ["nope"] })).rejects.toMatchObject({
      fields: { channelIds: expect.stringMatching(/No such channel/) },
    });
  });
});
