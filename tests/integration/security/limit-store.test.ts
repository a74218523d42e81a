import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeSqlPool } from "@/lib/db/pool";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { consume, RateLimitedError, resetLimitersForTests, type LimitRule } from "@/lib/security/rate-limit";

// The counters live in the database, so they hold across processes (here: a fresh pool and fresh
// limiters, as another process would have) and on the embedded PGlite database as on Postgres.
const rule: LimitRule = { name: "store-test", points: 3, durationSeconds: 60, message: "Too many tries" };
const original = process.env.DATABASE_URL;

async function freshProcess(url: string | undefined) {
  await closeSqlPool();
  resetLimitersForTests();
  process.env.DATABASE_URL = url;
}

afterAll(() => freshProcess(original));

async function exercise() {
  const key = randomBytes(6).toString("hex");
  for (let i = 0; i < 3; i++) await consume([rule, key]);
  await freshProcess(process.env.DATABASE_URL);
  const refused = await consume([rule, key]).then(
    () => null,
    (e) => e,
  );
  expect(refused).toBeInstanceOf(RateLimitedError);
  expect(refused.status).toBe(429);
  expect(refused.retryAfterSeconds).toBeGreaterThan(50);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(refused.message).toBe("Too many tries; try again in 60 seconds");
  await consume([rule, `${key}-other`]); // other keys are unaffected
}

describe("rate-limit store", () => {
  it("holds across processes on PostgreSQL", async () => {
    await freshProcess(original);
    await exercise();
  });

  it("works on the embedded PGlite database through the same pg pool", async () => {
    const embedded = await startEmbeddedPostgres();
    try {
      await migrate(embedded.url);
      await freshProcess(embedded.url);
      await exercise();
    } finally {
      await freshProcess(original);
      await embedded.stop();
    }
  });
});
