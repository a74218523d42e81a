// `npm run bench:api`: the public API and outgoing webhooks on a real Postgres (a scratch
// database, dropped at the end). Over an organization with 5,000 scheduled posts on 10 channels:
// the p95 of POST /api/v1/posts (a scheduled post on two channels) and of GET /api/v1/posts for
// one month (from/to, the first page of 100), over HTTP through the real app (`next start`, built
// if the source changed, on BENCH_HTTP_PORT or a free port): key, rate limit, validation, the
// operation and JSON, as a client sees them. (The route modules cannot be loaded outside Next:
// they reach next/navigation through the session helpers.) Targets: p95 <= 50 ms and <= 100 ms. Then 1,000 webhook deliveries from the outbox to a
// local receiver by the delivery worker (in this process): all delivered, each exactly once,
// throughput printed. Stops everything it starts on every path; the last line is one JSON object.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { percentile, seedChannels, sleep, withBenchOrganization } from "./support";

const POSTS = 5_000;
const CHANNELS = 10;
const RUNS = Number(process.env.BENCH_RUNS || 200);
const WARMUP = 10;
const DELIVERIES = Number(process.env.BENCH_WEBHOOKS || 1_000);
const DELIVERY_TIMEOUT_MS = 180_000;
const DAY = 86_400_000;

process.env.RATE_LIMIT_API_KEY = "1000000/60"; // the per-key limit is not what is measured
process.env.ALLOW_PRIVATE_NETWORK = "1"; // the receiver is on 127.0.0.1
process.env.PUBLISH_WORKER = "off";

/** Sends one API request; returns its status once the body is read. */
type Caller = (method: "GET" | "POST", path: string, body?: unknown) => Promise<number>;

function request(key: string, method: string, body: unknown): { method: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body === undefined) return { method, headers };
  return { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** Over HTTP to a started app. */
function overHttp(key: string, base: string): Caller {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, request(key, method, body));
    await res.arrayBuffer();
    return res.status;
  };
}

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n + WARMUP; i++) {
    const t = performance.now();
    await fn(i);
    if (i >= WARMUP) ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

/** A receiver that answers 204 and counts each webhook-id it is sent. */
async function startReceiver() {
  const seen = new Map<string, number>();
  let firstAt = 0;
  let lastAt = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"] ?? "");
      seen.set(id, (seen.get(id) ?? 0) + 1);
      lastAt = performance.now();
      firstAt ||= lastAt;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    seen,
    span: () => lastAt - firstAt,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

async function main() {
  let result: Record<string, unknown> = {};
  await withBenchOrganization("postmill_bench_api", async (db, ctx, owner) => {
    const organizationId = ctx.organizationId;
    await seedChannels(db, organizationId, CHANNELS);
    const month = new Date(Date.now() + 7 * DAY);
    // 5,000 posts over the next 90 days, one or two channels each, as a busy team's calendar.
    await db.$executeRaw`
      INSERT INTO posts (id, organization_id, publish_at, updated_at)
      SELECT 'p' || g, ${organizationId}, now() + interval '1 day' + ((g * 90 * 24 * 60 / ${POSTS}::int) || ' minutes')::interval, now()
      FROM generate_series(1, ${POSTS}::int) g`;
    await db.$executeRaw`
      INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, provider, publish_group, due_at, updated_at)
      SELECT 't' || g || '_' || k, ${organizationId}, 'p' || g, 'ch' || (1 + (g + k * 3) % ${CHANNELS}::int), 'scheduled',
        jsonb_build_array(jsonb_build_object('text', 'Post number ' || g || ' about our launch https://example.com/' || g, 'media', '[]'::jsonb)),
        'x', 'x', p.publish_at, now()
      FROM generate_series(1, ${POSTS}::int) g CROSS JOIN generate_series(0, 1) k JOIN posts p ON p.id = 'p' || g WHERE k <= g % 2`;
    await db.$executeRawUnsafe("ANALYZE posts");
    await db.$executeRawUnsafe("ANALYZE post_targets");

    const { createApiKey } = await import("@/lib/api-keys/keys");
    const { secret: key } = await createApiKey(ctx, { name: "bench", scopes: ["read", "write", "publish"] });
    const { stopBoss } = await import("@/lib/queue/boss");
    const receiver = await startReceiver();
    let worker: { stop: () => Promise<void> } | undefined;
    let app: { base: string; stop: () => Promise<void> } | undefined;
    try {
      process.env.WEBHOOK_WORKER = "off"; // the app's own delivery worker stays off: the bench runs one
      const { startApp } = await import("./http");
      app = await startApp(owner.databaseUrl, "BENCH_HTTP_PORT");
      const api = overHttp(key, app.base);
      // POST /api/v1/posts: a scheduled post on two channels, spread over the month.
      const channels = ["ch1", "ch2"];
      let failed = 0;
      const create = await timed(RUNS, async (i) => {
        const publishAt = new Date(month.getTime() + ((i * 7919) % (28 * 24)) * 3_600_000).toISOString();
        const status = await api("POST", "/api/v1/posts", {
          mode: "schedule",
          publishAt,
          targets: channels.map((channelId) => ({
            channelId,
            items: [{ text: `Bench post ${i}: our launch, with a link https://example.com/${i}` }],
          })),
        });
        if (status !== 201) failed++;
      });
      if (failed) throw new Error(`${failed} of ${RUNS + WARMUP} creates were refused`);
      // GET /api/v1/posts for a month (from/to), its first page of 100, then the calendar month after.
      const from = new Date(month.getTime()).toISOString();
      const to = new Date(month.getTime() + 30 * DAY).toISOString();
      const list = await timed(RUNS, async () => {
        const status = await api("GET", `/api/v1/posts?from=${from}&to=${to}&limit=100`);
        if (status !== 200) throw new Error(`GET /api/v1/posts answered ${status}`);
      });
      {
        // The MCP endpoint inside the real Next server: one tools/list through its transport.
        const res = await fetch(`${app.base}/api/mcp`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
        });
        const tools = ((await res.json()) as { result?: { tools?: { name: string }[] } }).result?.tools?.map((t) => t.name) ?? [];
        console.log(`MCP over next start: HTTP ${res.status}, tools ${tools.join(", ")}`);
      }
      const inMonth = await db.post.count({ where: { organizationId, publishAt: { gte: new Date(from), lt: new Date(to) } } });
      const r = (n: number) => Math.round(n * 10) / 10;
      const createP95 = r(percentile(create, 95));
      const listP95 = r(percentile(list, 95));
      console.log(`via HTTP to next start (${app.base})`);
      console.log(
        `organization: ${await db.post.count({ where: { organizationId } })} posts, ${CHANNELS} channels; ${inMonth} in the listed month`,
      );
      console.log(`POST /api/v1/posts: p50 ${r(percentile(create, 50))} ms, p95 ${createP95} ms over ${RUNS} (target p95 50 ms)`);
      console.log(
        `GET /api/v1/posts (month, 100 per page): p50 ${r(percentile(list, 50))} ms, p95 ${listP95} ms over ${RUNS} (target p95 100 ms)`,
      );

      // Webhooks: one endpoint; DELIVERIES events recorded in the outbox (as a change's
      // transaction records them), then the delivery worker sends them.
      const { createEndpoint } = await import("@/lib/webhooks/endpoints");
      const { recordWebhookEvent } = await import("@/lib/webhooks/record");
      const { startWebhookWorker } = await import("@/lib/webhooks/worker");
      await createEndpoint(ctx, { url: receiver.url, events: ["post.updated"] });
      for (let i = 0; i < DELIVERIES; i += 100) {
        await db.$transaction(async (tx) => {
          for (let j = i; j < Math.min(DELIVERIES, i + 100); j++)
            await recordWebhookEvent(tx as never, organizationId, "post.updated", { postId: `p${j + 1}`, status: "scheduled", n: j }, [
              "ch1",
            ]);
        });
      }
      const started = performance.now();
      worker = await startWebhookWorker({ url: process.env.DATABASE_URL });
      while (receiver.seen.size < DELIVERIES && performance.now() - started < DELIVERY_TIMEOUT_MS) await sleep(50);
      const allIn = performance.now() - started;
      await sleep(2_000); // anything sent twice would arrive now
      const received = [...receiver.seen.values()];
      const duplicates = received.reduce((n, c) => n + c - 1, 0);
      const rows = await db.$queryRaw<{ status: string; n: bigint }[]>`
        SELECT status::text, count(*) AS n FROM webhook_deliveries WHERE organization_id = ${organizationId} GROUP BY status`;
      const byStatus = Object.fromEntries(rows.map((x) => [x.status, Number(x.n)]));
      const perSecond = r((receiver.seen.size / allIn) * 1000);
      console.log(
        `webhooks: ${DELIVERIES} recorded, ${receiver.seen.size} distinct received in ${r(allIn / 1000)} s (${perSecond}/s from worker start; ${r(receiver.span() / 1000)} s first to last), duplicates ${duplicates}; outbox ${JSON.stringify(byStatus)}`,
      );
      result = {
        posts: POSTS,
        create_p50_ms: r(percentile(create, 50)),
        create_p95_ms: createP95,
        list_month_p50_ms: r(percentile(list, 50)),
        list_month_p95_ms: listP95,
        webhooks_sent: DELIVERIES,
        webhooks_delivered: receiver.seen.size,
        webhooks_duplicates: duplicates,
        webhooks_per_second: perSecond,
        webhooks_outbox: byStatus,
        create_target_met: createP95 <= 50,
        list_target_met: listP95 <= 100,
        via: "http (next start)",
      };
    } finally {
      await worker?.stop().catch(() => undefined);
      await app?.stop().catch(() => undefined);
      await receiver.close();
      await stopBoss().catch(() => undefined);
    }
  });
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
