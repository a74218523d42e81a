// `npm run bench:publish`: how fast and how safely the publishing engine delivers, on this
// machine, against the platform emulator on loopback and a real Postgres. Prints figures (the
// last line is one JSON object); it is a measurement, not a test, and asserts nothing.
//   1. baseline: raw pg-boss send + work of 1,000 no-op jobs (the ceiling of our queue)
//   2. 1,000 posts over 10 emulated channels, all due in the same second
//   3. 500 posts due together while the worker is SIGKILLed 10 times and restarted
//   4. the due-work queries with 1,000 versus 100,000 future posts scheduled
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { PgBoss } from "pg-boss";
import { startEmulator, type Emulator } from "@/emulator/server";
import { kill, percentile, sampleRss, scratchDatabase, sleep, startWorker, type Worker } from "./support";

const POSTS = Number(process.env.BENCH_POSTS || 1000);
const CRASH_POSTS = Number(process.env.BENCH_CRASH_POSTS || 500);
const KILLS = Number(process.env.BENCH_KILLS || 10);
const MIX = (process.env.BENCH_MIX?.split(",") ?? [
  "x",
  "x",
  "x",
  "x",
  "mastodon",
  "mastodon",
  "mastodon",
  "bluesky",
  "bluesky",
  "bluesky",
]) as ("x" | "mastodon" | "bluesky")[];

async function main() {
  const database = await scratchDatabase("postmill_bench");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "10",
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    ALLOW_PRIVATE_NETWORK: "1",
  });
  const { migrate } = await import("@/lib/db/migrate");
  await migrate(database.url);
  const emu = await startEmulator({});
  emu.state.rateLimits = false; // synthetic load far above any account's real quota
  process.env.PROVIDER_SANDBOX_URL = emu.url;
  const workerEnv = {
    DATABASE_URL: database.url,
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY!,
    AUTH_SECRET: process.env.AUTH_SECRET!,
    PROVIDER_SANDBOX_URL: emu.url,
    ALLOW_PRIVATE_NETWORK: "1",
    PUBLISH_LEASE_MS: "3000",
    PUBLISH_SWEEP_MS: "1000",
    DATA_DIR: ".tmp/bench-data",
  };
  const results: Record<string, number> = {};
  let worker: Worker | undefined;
  try {
    const { ctx, channels } = await setUp(emu);
    console.log(
      `scratch database ${new URL(database.url).pathname.slice(1)}, emulator ${emu.url}, ${channels.length} channels (${MIX.join(", ")})`,
    );

    Object.assign(results, await baseline(database.url));
    console.log(
      `1. baseline pg-boss, 1,000 no-op jobs: send ${results.baseline_send_ms} ms + work ${results.baseline_work_ms} ms -> ${results.baseline_jobs_per_s} jobs/s (work alone ${results.baseline_work_only_jobs_per_s} jobs/s)`,
    );

    worker = startWorker(workerEnv);
    await worker.ready;
    Object.assign(results, await dueTogether(emu, ctx, channels, worker));
    results.throughput_ratio = round(results.posts_per_s! / results.baseline_jobs_per_s!, 2);
    console.log(
      `2. ${POSTS} posts due together: lag p50 ${results.p50_lag_ms} ms, p95 ${results.p95_lag_ms}, p99 ${results.p99_lag_ms}, max ${results.max_lag_ms}; ${results.posts_per_s} posts/s (${results.throughput_ratio} x baseline); duplicates ${results.duplicates}, lost ${results.lost}; worker peak RSS ${results.rss_mb} MB`,
    );
    await kill(worker, "SIGTERM");

    Object.assign(results, await crashRun(emu, ctx, channels, workerEnv));
    console.log(
      `3. crash run: ${CRASH_POSTS} posts, ${KILLS} SIGKILLs: duplicates ${results.crash_duplicates}, lost ${results.crash_lost}, unconfirmed ${results.crash_unconfirmed}, failed ${results.crash_failed}, all settled after ${results.crash_settle_ms} ms`,
    );

    Object.assign(results, await dueQueryScaling(ctx, channels));
    console.log(
      `4. fetching due work (p50 of 200), 1,000 vs 100,000 future posts: next-due ${results.due_query_ms_1k} vs ${results.due_query_ms_100k} ms; pg-boss fetch ${results.fetch_ms_1k} vs ${results.fetch_ms_100k} ms; sweep ${results.sweep_ms_1k} vs ${results.sweep_ms_100k} ms`,
    );
  } finally {
    if (worker) await kill(worker, "SIGKILL");
    const { stopBoss } = await import("@/lib/queue/boss");
    const { db } = await import("@/lib/db/client");
    await stopBoss();
    await (await import("@/lib/db/pool")).closeSqlPool();
    await db.$disconnect();
    await emu.stop();
    await database.drop();
  }
  console.log(JSON.stringify(results));
}

async function setUp(emu: Emulator) {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { contextFor } = await import("@/lib/orgs/context");
  const { connectEmulated } = await import("@/tests/helpers/channels");
  const { userId, organizationId } = await signUp({
    name: "Bench",
    email: `bench-${randomBytes(4).toString("hex")}@example.test`,
    password: "correct horse battery",
  });
  const ctx = contextFor(userId, organizationId, "owner");
  const channels: string[] = [];
  for (const [i, p] of MIX.entries()) channels.push(await connectEmulated(ctx, emu, p, `bench${p.replace(/\W/g, "")}${i}`));
  return { ctx, channels };
}

async function baseline(url: string) {
  const boss = new PgBoss({ connectionString: url, max: 10, schedule: false });
  boss.on("error", () => undefined);
  await boss.start();
  await boss.createQueue("bench.noop");
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) await boss.send("bench.noop", { i });
  const sent = performance.now();
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  // The same shape as our worker: as many concurrent handlers as the publishing groups allow.
  // pg-boss at its best: batches of 20 fetched back to back while batches come back full.
  await boss.work("bench.noop", { batchSize: 20, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    done += jobs.length;
    if (done === 1000) finished();
  });
  await all;
  const worked = performance.now();
  await boss.stop({ graceful: true, timeout: 2000 });
  // The ceiling of a publish is one send (when the post is saved) plus one fetch-and-complete.
  return {
    baseline_send_ms: Math.round(sent - t0),
    baseline_work_ms: Math.round(worked - sent),
    baseline_jobs_per_s: Math.round(1000 / ((worked - t0) / 1000)),
    baseline_work_only_jobs_per_s: Math.round(1000 / ((worked - sent) / 1000)),
  };
}

type Ctx = Awaited<ReturnType<typeof setUp>>["ctx"];

async function schedule(ctx: Ctx, channels: string[], n: number, tag: string, dueAt: Date): Promise<string[]> {
  const { createPost } = await import("@/lib/posts/operations");
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = `${tag} post ${i}`;
    texts.push(text);
    await createPost(ctx, {
      mode: "schedule",
      publishAt: dueAt,
      targets: [{ channelId: channels[i % channels.length]!, items: [{ text }] }],
    });
  }
  return texts;
}

function tally(emu: Emulator, texts: string[]) {
  const counts = new Map<string, number>();
  for (const p of emu.state.posts) counts.set(p.text, (counts.get(p.text) ?? 0) + 1);
  let duplicates = 0;
  let lost = 0;
  for (const t of texts) {
    const c = counts.get(t) ?? 0;
    if (c === 0) lost++;
    if (c > 1) duplicates += c - 1;
  }
  return { duplicates, lost };
}

async function dueTogether(emu: Emulator, ctx: Ctx, channels: string[], worker: Worker) {
  const dueAt = new Date(Math.ceil((Date.now() + 25_000) / 1000) * 1000);
  const t0 = performance.now();
  const texts = await schedule(ctx, channels, POSTS, "due", dueAt);
  const createMs = performance.now() - t0;
  if (Date.now() > dueAt.getTime() - 2000) throw new Error(`creating ${POSTS} posts took ${Math.round(createMs)} ms; raise the lead time`);
  const rss = sampleRss(worker.pid!);
  const cpu0 = cpuSeconds(worker.pid!);
  const self0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds();
  const want = new Set(texts);
  const deadline = dueAt.getTime() + 60_000;
  while (Date.now() < deadline && emu.state.posts.filter((p) => want.has(p.text)).length < POSTS) await sleep(100);
  await sleep(1000); // let any late duplicate arrive
  const rssMb = rss.stop();
  const got = emu.state.posts.filter((p) => want.has(p.text));
  const firstByText = new Map<string, number>();
  for (const p of got) if (!firstByText.has(p.text)) firstByText.set(p.text, p.receivedAt);
  const lags = [...firstByText.values()].map((t) => t - dueAt.getTime()).sort((a, b) => a - b);
  const byPlatform = new Map<string, number>();
  for (const p of got) byPlatform.set(p.platform, Math.max(byPlatform.get(p.platform) ?? 0, p.receivedAt - dueAt.getTime()));
  console.log(
    `   last post per platform (ms after due): ${[...byPlatform].map(([k, v]) => `${k} ${v}`).join(", ")}; CPU seconds: worker ${round(cpuSeconds(worker.pid!) - cpu0, 2)}, emulator+bench ${round((process.cpuUsage(self0).user + process.cpuUsage(self0).system) / 1e6, 2)}, postgres ${round(postgresCpuSeconds() - pg0, 2)}`,
  );
  const last = lags[lags.length - 1] ?? NaN;
  return {
    create_posts_per_s: Math.round(POSTS / (createMs / 1000)),
    p50_lag_ms: percentile(lags, 50),
    p95_lag_ms: percentile(lags, 95),
    p99_lag_ms: percentile(lags, 99),
    max_lag_ms: last,
    min_lag_ms: lags[0] ?? NaN,
    posts_per_s: Math.round(POSTS / (Math.max(last, 1) / 1000)),
    ...tally(emu, texts),
    rss_mb: rssMb,
  };
}

async function crashRun(emu: Emulator, ctx: Ctx, channels: string[], env: Record<string, string>) {
  const { db } = await import("@/lib/db/client");
  const dueAt = new Date(Date.now() + 12_000);
  const texts = await schedule(ctx, channels, CRASH_POSTS, "crash", dueAt);
  let w = startWorker(env);
  await w.ready;
  await sleep(Math.max(0, dueAt.getTime() - Date.now()));
  const t0 = Date.now();
  for (let k = 0; k < KILLS; k++) {
    await sleep(100 + Math.random() * 900);
    await kill(w, "SIGKILL");
    w = startWorker(env);
    await w.ready;
  }
  const ids = (
    await db.post.findMany({
      where: { targets: { some: { items: { path: ["0", "text"], string_starts_with: "crash post" } } } },
      select: { id: true },
    })
  ).map((p) => p.id);
  const deadline = Date.now() + 180_000;
  let open = Infinity;
  while (Date.now() < deadline) {
    open = await db.postTarget.count({ where: { postId: { in: ids }, status: { in: ["scheduled", "publishing"] } } });
    if (open === 0) break;
    await sleep(250);
  }
  const settleMs = Date.now() - t0;
  await sleep(1000);
  await kill(w, "SIGTERM");
  const unconfirmed = await db.postTarget.count({ where: { postId: { in: ids }, status: "unconfirmed" } });
  const failed = await db.postTarget.count({ where: { postId: { in: ids }, status: "failed" } });
  const t = tally(emu, texts);
  return {
    crash_duplicates: t.duplicates,
    crash_lost: t.lost,
    crash_unconfirmed: unconfirmed,
    crash_failed: failed,
    crash_open: open,
    crash_settle_ms: settleMs,
  };
}

/** Times the queries the worker runs to find due work, with few and with many future posts. */
async function dueQueryScaling(ctx: Ctx, channels: string[]) {
  const { db } = await import("@/lib/db/client");
  const { anythingDue, nextDueAt, sweepDueTargets } = await import("@/lib/publishing/sweep");
  const { getBoss, publishQueue } = await import("@/lib/queue/boss");
  const boss = await getBoss();
  const addFuture = async (n: number) => {
    // Bulk rows in the engine's shape, a day and more ahead: beyond the enqueue horizon, so (as
    // createPost would) they have no pg-boss job yet.
    const batch = 5000;
    for (let done = 0; done < n; done += batch) {
      const k = Math.min(batch, n - done);
      await db.$executeRaw`
        WITH p AS (
          INSERT INTO posts (id, organization_id, publish_at, updated_at)
          SELECT 'fp' || md5(random()::text || g), ${ctx.organizationId}, now() + (g || ' minutes')::interval + interval '1 day', now()
          FROM generate_series(1, ${k}::int) g RETURNING id, publish_at)
        INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, provider, publish_group, due_at, updated_at)
        SELECT 'ft' || md5(p.id), ${ctx.organizationId}, p.id, ${channels[0]}, 'scheduled', '[{"text":"future"}]', 'x', 'x', p.publish_at, now() FROM p`;
    }
    await db.$executeRawUnsafe("ANALYZE post_targets");
  };
  const time = async (fn: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    return round(
      percentile(
        ms.sort((a, b) => a - b),
        50,
      ),
      3,
    );
  };
  const due = () => Promise.all([nextDueAt(), anythingDue()]);
  const fetchDue = () => boss.fetch(publishQueue("x"), { batchSize: 10 });
  const sweep = () => sweepDueTargets({ overdueMs: 3000 });
  await addFuture(1000);
  const r1 = { due_query_ms_1k: await time(due), fetch_ms_1k: await time(fetchDue), sweep_ms_1k: await time(sweep) };
  await addFuture(99_000);
  const r2 = { due_query_ms_100k: await time(due), fetch_ms_100k: await time(fetchDue), sweep_ms_100k: await time(sweep) };
  return { ...r1, ...r2 };
}

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** CPU used by all postgres server processes (readable when they run as this user or root). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      total += cpuSeconds(Number(pid));
    } catch {
      /* gone */
    }
  }
  return total;
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
