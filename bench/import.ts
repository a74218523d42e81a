// `npm run bench:import`: a CSV file of 10,000 posts (BENCH_IMPORT_ROWS) over 30 channels imported
// on a real Postgres of its own, through the same lib/imports calls the /api/posts/import route
// makes: the preview (every row checked as the composer checks a post) and then the import (checked
// again, written in one transaction, publish jobs enqueued for the rows due within the horizon).
// Each row names 1 to 3 channels, its date in one of the accepted forms, some a per-platform text.
// Prints figures; the last line is one JSON object (rows, imported, import_s…). Target: import < 30 s.
import { seedChannels, withBenchOrganization } from "./support";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 10_000);
const CHANNELS = 30;
const TARGET_S = 30;

function csvOf(rows: number, now: number): string {
  const lines = ["date,timezone,channels,mode,text,text:x,media"];
  const two = (n: number) => String(n).padStart(2, "0");
  for (let i = 1; i <= rows; i++) {
    // The first hundred rows are due within the enqueue horizon, so their jobs are created now.
    const at = new Date(now + (i <= 100 ? 5 * 60_000 + i * 1000 : 86_400_000 + i * 7 * 60_000));
    const wall = `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
    const date = i % 3 === 0 ? at.toISOString() : wall;
    const zone = i % 3 === 1 ? "UTC" : "";
    const channels = Array.from({ length: 1 + (i % 3) }, (_, k) => `Channel ${1 + ((i + k * 11) % CHANNELS)}`).join("|");
    const text = `"Post number ${i}: our launch, with a longer sentence about it, a ""quote""\nand a second line https://example.com/${i}"`;
    const xText = i % 4 === 0 ? `Short take on post ${i} for X` : "";
    lines.push([date, zone, channels, i % 50 === 0 ? "draft" : "schedule", text, xText, ""].join(","));
  }
  return lines.join("\n") + "\n";
}

async function main() {
  await withBenchOrganization("postmill_bench_import", async (db, ctx) => {
    await seedChannels(db, ctx.organizationId, CHANNELS);
    const { checkCsv } = await import("@/lib/imports/check");
    const { importCsv } = await import("@/lib/imports/write");
    const { getBoss, stopBoss } = await import("@/lib/queue/boss");
    try {
      await getBoss();
      const csv = csvOf(ROWS, Date.now());
      const t0 = performance.now();
      const checked = await checkCsv(ctx, csv, { timeZone: "UTC" });
      const previewS = (performance.now() - t0) / 1000;
      const problems = checked.flatMap((c) => c.errors);
      if (problems.length) throw new Error(`the benchmark file has problems: ${JSON.stringify(problems.slice(0, 5))}`);
      const t1 = performance.now();
      const result = await importCsv(ctx, csv, { timeZone: "UTC", rows: "all" });
      const importS = (performance.now() - t1) / 1000;
      const posts = await ctx.db.post.count();
      const targets = await ctx.db.postTarget.count();
      const jobs = Number(
        (await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name LIKE 'publish.%'`))[0]!.n,
      );
      const linked = await ctx.db.postTarget.count({ where: { jobId: { not: null } } });
      if (posts !== result.imported || linked !== jobs)
        throw new Error(`rows written do not add up: ${posts} posts, ${jobs} jobs, ${linked} linked`);
      const r = (n: number) => Math.round(n * 100) / 100;
      const out = {
        rows: ROWS,
        imported: posts,
        targets,
        jobs_enqueued: jobs,
        csv_mb: r(Buffer.byteLength(csv) / 1_048_576),
        preview_s: r(previewS),
        import_s: r(importS),
        rows_per_s: Math.round(ROWS / importS),
        target_s: TARGET_S,
      };
      console.log(
        `${ROWS} rows (${out.csv_mb} MB, ${targets} channel posts): preview ${out.preview_s} s, import ${out.import_s} s (check + one transaction; target ${TARGET_S} s), ${jobs} publish jobs enqueued for the rows due soon`,
      );
      console.log(JSON.stringify(out));
    } finally {
      await stopBoss();
    }
  });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
