import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase, spawnWorker, stopWorker, waitFor, workerReady } from "../../helpers/publishing";
import { startReceiver, type Receiver } from "../../helpers/webhook-receiver";

// The outbox survives a worker killed mid-delivery: a real `npm run worker` process is SIGKILLed
// while the receiver holds some requests unanswered; a new worker then sends those again with the
// same webhook-id, loses no event, and never sends again an event the receiver acknowledged.
const database = ownDatabase();
let rx: Receiver;
const workers: ReturnType<typeof spawnWorker>[] = [];
const ENV = {
  WEBHOOK_CONCURRENCY: "4",
  WEBHOOK_LEASE_MS: "3000",
  WEBHOOK_TIMEOUT_MS: "20000",
  WEBHOOK_POLL_SECONDS: "0.5",
  WEBHOOK_SWEEP_MS: "300",
  WEBHOOK_RETRY_DELAYS_MS: "200,400,800",
};
const start = async () => {
  const w = spawnWorker(database.url(), "http://127.0.0.1:9", ENV);
  workers.push(w);
  await workerReady(w);
  return w;
};

beforeAll(async () => {
  rx = await startReceiver();
}, 60_000);
afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorker(w, "SIGKILL")));
  await rx?.close();
});

describe("a webhook worker killed mid-delivery", () => {
  it("loses no event and delivers no acknowledged event twice", async () => {
    const owner = await makeOwner("crash");
    const e = await createEndpoint(owner, { url: rx.url });
    rx.secret = e.secret;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await sendTestEvent(owner, e.id)).id);

    // The first six are answered; from then on the receiver holds every request.
    let answered = 0;
    rx.answer = () => (answered++ < 6 ? { status: 200 } : "hold");
    const first = await start();
    await waitFor("requests held by the receiver, and every answered one recorded", async () => {
      if (rx.held() < 2) return false;
      const delivered = await db.webhookDelivery.count({ where: { endpointId: e.id, status: "delivered" } });
      return delivered === rx.acked.length;
    });
    const heldIds = rx.received.slice(6).map((r) => r.id);
    const ackedBefore = [...rx.acked];
    await stopWorker(first, "SIGKILL");
    await waitFor("the receiver to see the dead worker's connections close", async () => rx.held() === 0);
    rx.release(200); // the worker's sockets are gone: nothing is acknowledged by this

    rx.answer = () => ({ status: 200 });
    await start();
    await waitFor(
      "every event delivered",
      async () => (await db.webhookDelivery.count({ where: { endpointId: e.id, status: "delivered" } })) === ids.length,
      30_000,
    );

    // No event lost: each id acknowledged exactly once.
    expect([...rx.acked].sort()).toEqual([...ids].sort());
    // The ones in flight at the kill came again with the same webhook-id.
    for (const id of heldIds) expect(rx.received.filter((r) => r.id === id).length).toBeGreaterThanOrEqual(2);
    // The ones acknowledged before the kill were not sent again.
    for (const id of ackedBefore) expect(rx.received.filter((r) => r.id === id)).toHaveLength(1);
    expect(rx.received.every((r) => r.verified)).toBe(true);
    expect(ackedBefore).toHaveLength(6);
    expect(heldIds.length).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
