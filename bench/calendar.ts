// `npm run bench:calendar`: the calendar's month data for 5,000 posts over 30 channels, on a real
// Postgres. Times the month query as the /api/calendar handler runs it (query, shaping and JSON),
// the full post list for comparison, then (unless BENCH_BROWSER=0) the API over HTTP from a
// signed-in browser and the month view drawn in Chromium (calendar-browser.ts).
// Prints figures; the last line is one JSON object. Targets: API p95 <= 150 ms, month view <= 1.5 s.
import { measureInBrowser } from "./calendar-browser";
import { percentile, seedChannels, withBenchOrganization } from "./support";

const POSTS = Number(process.env.BENCH_POSTS || 5000);
const CHANNELS = 30;

async function main() {
  await withBenchOrganization("postmill_bench_cal", async (db, ctx, owner) => {
    const organizationId = ctx.organizationId;
    const month = { from: new Date(Date.UTC(2027, 0, 1)), to: new Date(Date.UTC(2027, 1, 1)) };
    await seed(db, organizationId, month.from);
    const { calendarPosts } = await import("@/lib/posts/calendar");
    const { listPosts } = await import("@/lib/posts/queries");
    const time = async (n: number, fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < n + 10; i++) {
        const t = performance.now();
        await fn();
        if (i >= 10) ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b);
    };
    let size = 0;
    const cal = await time(200, async () => (size = JSON.stringify({ posts: await calendarPosts(ctx, month) }).length));
    const full = await time(10, async () => JSON.stringify({ posts: await listPosts(ctx, { from: month.from, to: month.to }, 10_000) }));
    const r = (n: number) => Math.round(n * 10) / 10;
    const out: Record<string, number> = {
      posts: POSTS,
      channels: CHANNELS,
      month_payload_kb: Math.round(size / 1024),
      month_p50_ms: r(percentile(cal, 50)),
      month_p95_ms: r(percentile(cal, 95)),
      month_max_ms: r(cal[cal.length - 1]!),
      full_list_p50_ms: r(percentile(full, 50)),
    };
    console.log(
      `month of ${POSTS} posts over ${CHANNELS} channels: p50 ${out.month_p50_ms} ms, p95 ${out.month_p95_ms} ms, max ${out.month_max_ms} ms (${out.month_payload_kb} KB; target p95 150 ms); full post list ${out.full_list_p50_ms} ms`,
    );
    if (process.env.BENCH_BROWSER !== "0") {
      const b = await measureInBrowser({
        databaseUrl: owner.databaseUrl,
        email: owner.email,
        password: owner.password,
        month,
        date: "2027-01-15",
      });
      Object.assign(out, b);
      console.log(`over HTTP, signed in: p50 ${b.http_p50_ms} ms, p95 ${b.http_p95_ms} ms (target 150 ms)`);
      console.log(
        `month view in Chromium, navigation to posts drawn: p50 ${b.render_p50_ms} ms, p95 ${b.render_p95_ms} ms, max ${b.render_max_ms} ms (target 1,500 ms; ${b.month_chips} posts shown, the rest behind "+N more")`,
      );
    }
    console.log(JSON.stringify(out));
  });
}

/** 30 channels and 5,000 posts spread over the month, each on 1 to 3 channels, statuses mixed. */
async function seed(db: typeof import("@/lib/db/client").db, organizationId: string, from: Date) {
  await seedChannels(db, organizationId, CHANNELS);
  await db.$executeRaw`
    INSERT INTO posts (id, organization_id, publish_at, updated_at)
    SELECT 'p' || g, ${organizationId}, ${from}::timestamptz + ((g * 8.9) || ' minutes')::interval, now()
    FROM generate_series(1, ${POSTS}::int) g`;
  await db.$executeRaw`
    INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, provider, publish_group, updated_at, error_message)
    SELECT 't' || g || '_' || k, ${organizationId}, 'p' || g, 'ch' || (1 + (g + k * 7) % ${CHANNELS}::int),
      (ARRAY['scheduled','published','published','failed','draft']::"TargetStatus"[])[1 + (g + k) % 5],
      jsonb_build_array(jsonb_build_object('text', 'Post number ' || g || ' with a longer text about our launch and a link https://example.com/' || g)),
      'x', 'x', now(), CASE WHEN (g + k) % 5 = 3 THEN 'X refused the post: duplicate content' END
    FROM generate_series(1, ${POSTS}::int) g, generate_series(0, 2) k WHERE k <= g % 3`;
  await db.$executeRawUnsafe("ANALYZE posts");
  await db.$executeRawUnsafe("ANALYZE post_targets");
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
