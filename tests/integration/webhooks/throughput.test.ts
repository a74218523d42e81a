import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { recordWebhookEvents } from "@/lib/webhooks/record";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/worker";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, waitFor } from "../../helpers/publishing";
import { startReceiver, type Receiver } from "../../helpers/webhook-receiver";

// Many events at once (the API benchmark delivers 1,000): every one arrives exactly once, signed,
// with WEBHOOK_CONCURRENCY deliveries in flight. Prints the rate; WEBHOOK_TEST_EVENTS sets the count.
ownDatabase();
let worker: WebhookWorker;
let rx: Receiver;
const COUNT = Number(process.env.WEBHOOK_TEST_EVENTS || 300);

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_POLL_SECONDS: "0.5", WEBHOOK_SWEEP_MS: "1000", WEBHOOK_CONCURRENCY: "16" });
  rx = await startReceiver();
  worker = await startWebhookWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await rx?.close();
});

describe("webhook throughput", () => {
  it(`delivers ${COUNT} events exactly once each`, async () => {
    const owner = await makeOwner("throughput");
    const e = await createEndpoint(owner, { url: rx.url });
    rx.secret = e.secret;
    const events = Array.from({ length: COUNT }, (_, i) => ({ type: "post.created" as const, data: { postId: `p${i}` }, channelIds: [] }));
    const t0 = Date.now();
    const ids = await recordWebhookEvents(owner.organizationId, events);
    expect(ids).toHaveLength(COUNT);
    console.log(`[webhooks] recorded in ${Date.now() - t0} ms`);
    await waitFor(
      "every event delivered",
      async () => (await db.webhookDelivery.count({ where: { endpointId: e.id, status: "delivered" } })) === COUNT,
      120_000,
    );
    const seconds = (Date.now() - t0) / 1000;
    console.log(`[webhooks] ${COUNT} deliveries in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s)`);
    expect(new Set(rx.acked).size).toBe(COUNT);
    expect(rx.acked).toHaveLength(COUNT);
    expect(rx.received.every((r) => r.verified)).toBe(true);
  }, 180_000);
});
