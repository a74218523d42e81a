import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { platformDay } from "@/lib/quota/day";
import { quotaLedger, quotaStatus } from "@/lib/quota/ledger";
import { youtubeManifest } from "@/providers/youtube/youtube.manifest";
import { ownDatabase } from "../helpers/publishing";

// A platform's per-app daily quota (manifest.quota) counted in the database: what every process
// of the deployment spends, what is left, the platform's own "used up", and the note shown before
// it runs out.
ownDatabase();
const rules = youtubeManifest.quota;

describe("the quota ledger", () => {
  it("counts spending per bucket on the platform's day, and warns before it runs out", async () => {
    const ledger = quotaLedger("youtube", rules);
    expect(await ledger.remaining()).toEqual({ uploads: 100, units: 10_000 });
    expect((await quotaStatus("youtube", "YouTube", rules)).note).toBeNull();
    await ledger.spend("units", 120);
    await ledger.spend("units", 30);
    await ledger.spend("uploads", 79);
    expect(await ledger.remaining()).toEqual({ uploads: 21, units: 9_850 });
    const row = await db.platformQuotaUsage.findFirstOrThrow({ where: { provider: "youtube", bucket: "units" } });
    expect(row.day.toISOString().slice(0, 10)).toBe(platformDay("America/Los_Angeles").toISOString().slice(0, 10));
    expect((await quotaStatus("youtube", "YouTube", rules)).note).toBeNull();
    await ledger.spend("uploads", 1); // 80 of 100: the warning threshold
    const low = await quotaStatus("youtube", "YouTube", rules);
    expect(low.postsLeft).toBe(20);
    expect(low.note).toMatch(/running low: about 20 more posts today \(video uploads: 20 of 100 left\)/);
  });

  it("takes the platform's word that a bucket is used up, until the reset", async () => {
    const ledger = quotaLedger("youtube", rules);
    await ledger.exhaust("uploads");
    expect((await ledger.remaining()).uploads).toBe(0);
    const s = await quotaStatus("youtube", "YouTube", rules);
    expect(s.postsLeft).toBe(0);
    expect(s.note).toMatch(/used up: posts wait until it resets at midnight Pacific Time/);
    expect(ledger.msUntilReset()).toBeGreaterThan(0);
  });
});
