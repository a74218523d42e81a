// `npm run bench:analytics`: the analytics dashboard API for 30 channels x 365 days x 8 metrics
// (87,600 metric rows) plus a year of published posts with post metrics, on a real Postgres.
// Times the data functions as the route handlers run them (queries, shaping and JSON; not the
// HTTP and session layers): the overview for 7, 30 and 90 days and a custom year, and one
// channel's page for 90 days; with BENCH_HTTP=1 also GET /api/analytics through the real app.
// Prints figures; the last line is one JSON object. Target: p95 <= 200 ms.
import { percentile, seedChannels, withBenchOrganization } from "./support";

const CHANNELS = 30;
const DAYS = 365;
const METRICS = ["followers", "following", "impressions", "engagements", "likes", "reposts", "replies", "clicks"];
const RUNS = Number(process.env.BENCH_RUNS || 50);

async function main() {
  await withBenchOrganization("postmill_bench_analytics", async (db, ctx, owner) => {
    const organizationId = ctx.organizationId;
    const today = new Date().toISOString().slice(0, 10);
    await seed(db, organizationId, today);
    const { analyticsOverview } = await import("@/lib/analytics/overview");
    const { channelAnalytics } = await import("@/lib/analytics/channel");
    const { lastDays } = await import("@/lib/analytics/periods");
    const tz = "America/New_York";

    const time = async (fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < RUNS + 5; i++) {
        const t = performance.now();
        await fn();
        if (i >= 5) ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b);
    };
    const cases: Record<string, () => Promise<unknown>> = {
      overview_7d: () => analyticsOverview(ctx, { period: lastDays(7, tz), timeZone: tz }),
      overview_30d: () => analyticsOverview(ctx, { period: lastDays(30, tz), timeZone: tz }),
      overview_90d: () => analyticsOverview(ctx, { period: lastDays(90, tz), timeZone: tz }),
      overview_365d: () => analyticsOverview(ctx, { period: lastDays(365, tz), timeZone: tz }),
      channel_90d: () => channelAnalytics(ctx, "ch1", { period: lastDays(90, tz), timeZone: tz }),
    };
    const all: number[] = [];
    const out: Record<string, number> = {};
    const r = (n: number) => Math.round(n * 10) / 10;
    for (const [name, fn] of Object.entries(cases)) {
      const ms = await time(async () => JSON.stringify(await fn()));
      all.push(...ms);
      out[`${name}_p50_ms`] = r(percentile(ms, 50));
      out[`${name}_p95_ms`] = r(percentile(ms, 95));
      console.log(`${name}: p50 ${out[`${name}_p50_ms`]} ms, p95 ${out[`${name}_p95_ms`]} ms`);
    }
    all.sort((a, b) => a - b);
    // BENCH_HTTP=1: the same overview through the real app (HTTP, session, route wrapper).
    if (process.env.BENCH_HTTP === "1") {
      const { timeOverHttp } = await import("./http");
      const http = await timeOverHttp(owner.databaseUrl, owner, ["/api/analytics?range=90", `/api/analytics/channels/ch1?range=90`], RUNS);
      for (const [path, ms] of Object.entries(http)) {
        const name = path.includes("channels") ? "http_channel_90d" : "http_overview_90d";
        out[`${name}_p50_ms`] = r(percentile(ms, 50));
        out[`${name}_p95_ms`] = r(percentile(ms, 95));
        console.log(`GET ${path}: p50 ${out[`${name}_p50_ms`]} ms, p95 ${out[`${name}_p95_ms`]} ms`);
      }
    }
    const summary = {
      channels: CHANNELS,
      days: DAYS,
      metrics: METRICS.length,
      metric_rows: CHANNELS * DAYS * METRICS.length,
      runs_per_case: RUNS,
      p50_ms: r(percentile(all, 50)),
      p95_ms: r(percentile(all, 95)),
      max_ms: r(all[all.length - 1]!),
      target_p95_ms: 200,
      ...out,
    };
    console.log(`all dashboard calls: p50 ${summary.p50_ms} ms, p95 ${summary.p95_ms} ms, max ${summary.max_ms} ms (target p95 200 ms)`);
    console.log(JSON.stringify(summary));
  });
}

/** 30 channels, a year of 8 daily metrics each, 2 published posts a day spread over the channels with 6 counters each. */
async function seed(db: typeof import("@/lib/db/client").db, organizationId: string, today: string) {
  await seedChannels(db, organizationId, CHANNELS);
  await db.$executeRaw`
    INSERT INTO metric_samples (id, organization_id, integration_id, metric, day, value)
    SELECT 'ms' || c || '_' || m || '_' || d, ${organizationId}, 'ch' || c, (${METRICS}::text[])[m], ${today}::date - d,
      CASE WHEN m <= 2 THEN 1000 + c * 10 + (${DAYS}::int - d) ELSE ((c * 31 + m * 17 + d * 7) % 500) END
    FROM generate_series(1, ${CHANNELS}::int) c, generate_series(1, ${METRICS.length}::int) m, generate_series(0, ${DAYS - 1}::int) d`;
  await db.$executeRaw`
    INSERT INTO posts (id, organization_id, publish_at, updated_at)
    SELECT 'p' || g, ${organizationId}, now() - (g * 12 || ' hours')::interval, now() FROM generate_series(1, ${DAYS * 2}::int) g`;
  await db.$executeRaw`
    INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, results, published_at, provider, publish_group, updated_at)
    SELECT 't' || g, ${organizationId}, 'p' || g, 'ch' || (1 + g % ${CHANNELS}::int), 'published',
      jsonb_build_array(jsonb_build_object('text', 'Post number ' || g)), jsonb_build_array(jsonb_build_object('id', 'pp' || g, 'url', 'https://example.com/' || g)),
      now() - (g * 12 || ' hours')::interval, 'x', 'x', now()
    FROM generate_series(1, ${DAYS * 2}::int) g`;
  await db.$executeRaw`
    INSERT INTO post_metric_samples (id, organization_id, integration_id, target_id, platform_post_id, metric, day, value)
    SELECT 'pm' || g || '_' || m || '_' || d, ${organizationId}, 'ch' || (1 + g % ${CHANNELS}::int), 't' || g, 'pp' || g,
      (ARRAY['impressions','likes','reposts','replies','quotes','engagements'])[m], ${today}::date - d, (g * m + d) % 300
    FROM generate_series(1, 60) g, generate_series(1, 6) m, generate_series(0, 29) d`;
  for (const t of ["integrations", "metric_samples", "posts", "post_targets", "post_metric_samples"])
    await db.$executeRawUnsafe(`ANALYZE ${t}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
