import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { deliverOne } from "./deliver";
import { WEBHOOK_CHANNEL, WEBHOOK_QUEUE, webhookBoss, type DeliveryJob } from "./queue";
import { webhookSettings } from "./settings";
import { sweepDeliveries } from "./sweep";

// The delivery worker, started beside the publishing worker (in `npm run worker` and inside the web
// server). WEBHOOK_CONCURRENCY deliveries run at once per process, in two fetch loops so one slow
// receiver does not hold up a whole batch. NOTIFY postmill_webhooks (sent when an event is
// recorded) wakes the sweep that queues the rows written by the database's triggers.

export type WebhookWorker = { id: string; stop: () => Promise<void> };

export async function startWebhookWorker(opts: { url?: string } = {}): Promise<WebhookWorker> {
  const url = opts.url ?? process.env.DATABASE_URL;
  const s = webhookSettings();
  const boss = await webhookBoss();
  const id = `${hostname()}:${process.pid}:wh:${randomBytes(3).toString("hex")}`;
  const loops = Math.min(2, s.concurrency);
  await boss.work<DeliveryJob>(
    WEBHOOK_QUEUE,
    {
      batchSize: Math.ceil(s.concurrency / loops),
      localConcurrency: loops,
      pollingIntervalSeconds: s.pollSeconds,
      notifyPollingIntervalSeconds: s.pollSeconds,
      burstWhenBatchFull: s.concurrency > 1,
    },
    async (jobs) => {
      await Promise.all(
        jobs.map((j) =>
          deliverOne(j.data.deliveryId, id).catch((e) => console.error(`[webhooks] delivery ${j.data.deliveryId} failed unexpectedly:`, e)),
        ),
      );
    },
  );

  let sweeping: Promise<unknown> | null = null;
  let again = false;
  const sweep = () => {
    if (sweeping) return void (again = true);
    sweeping = sweepDeliveries()
      .catch((e) => console.error("[webhooks] sweep failed:", (e as Error).message))
      .finally(() => {
        sweeping = null;
        if (again) {
          again = false;
          sweep();
        }
      });
  };
  sweep();
  const timer = setInterval(sweep, s.sweepMs);
  timer.unref();

  let listener: pg.Client | undefined;
  if (process.env.EMBEDDED_DATABASE !== "1" && url) {
    listener = new pg.Client({ connectionString: url });
    listener.on("error", () => undefined);
    try {
      await listener.connect();
      listener.on("notification", () => sweep());
      await listener.query(`LISTEN ${WEBHOOK_CHANNEL}`);
    } catch (e) {
      console.warn("[webhooks] LISTEN unavailable, sweeping on the timer only:", (e as Error).message);
      listener = undefined;
    }
  }

  return {
    id,
    stop: async () => {
      clearInterval(timer);
      await listener?.end().catch(() => undefined);
      await boss.offWork(WEBHOOK_QUEUE, { wait: true }).catch(() => undefined);
      await sweeping;
    },
  };
}
