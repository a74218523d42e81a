import "server-only";
import { db } from "@/lib/db/client";
import type { QuotaRules } from "@/providers/core/manifest";
import type { QuotaLedger } from "@/providers/social.integrations.interface";
import { msUntilMidnightIn, platformDay } from "./day";

// A platform's per-app daily quota (manifest.quota), counted in the database so that every worker
// and web process of this deployment sees the same figures: what was spent in each bucket on the
// platform's day, and whether the platform said the bucket is empty (its own count wins over ours).

export function quotaLedger(provider: string, rules: QuotaRules): QuotaLedger {
  const key = (bucket: string) => ({ provider, bucket, day: platformDay(rules.resetTimeZone) });
  return {
    async remaining() {
      const day = platformDay(rules.resetTimeZone);
      const rows = await db.platformQuotaUsage.findMany({ where: { provider, day } });
      const out: Record<string, number> = {};
      for (const [bucket, b] of Object.entries(rules.buckets)) {
        const row = rows.find((r) => r.bucket === bucket);
        out[bucket] = row?.exhausted ? 0 : Math.max(0, b.perDay - (row?.used ?? 0));
      }
      return out;
    },
    async spend(bucket, units) {
      const k = key(bucket);
      await db.platformQuotaUsage.upsert({
        where: { provider_bucket_day: k },
        create: { ...k, used: units },
        update: { used: { increment: units }, updatedAt: new Date() },
      });
    },
    async exhaust(bucket) {
      const k = key(bucket);
      await db.platformQuotaUsage.upsert({
        where: { provider_bucket_day: k },
        create: { ...k, used: rules.buckets[bucket]?.perDay ?? 0, exhausted: true },
        update: { exhausted: true, updatedAt: new Date() },
      });
    },
    msUntilReset: () => msUntilMidnightIn(rules.resetTimeZone),
  };
}

export type QuotaStatus = {
  buckets: { bucket: string; label: string; used: number; perDay: number; remaining: number }[];
  /** Publishes left today at manifest.quota.perPost, the smallest over the buckets. */
  postsLeft: number;
  /** A sentence for the composer and the channel list when a bucket is past warnAt; null otherwise. */
  note: string | null;
  resetsAt: string;
};

/** Today's figures for the browser: what is left, and a warning before it runs out. */
export async function quotaStatus(provider: string, name: string, rules: QuotaRules): Promise<QuotaStatus> {
  const left = await quotaLedger(provider, rules).remaining();
  const buckets = Object.entries(rules.buckets).map(([bucket, b]) => ({
    bucket,
    label: b.label,
    perDay: b.perDay,
    remaining: left[bucket] ?? b.perDay,
    used: b.perDay - (left[bucket] ?? b.perDay),
  }));
  const postsLeft = Math.min(
    ...Object.entries(rules.perPost).map(([bucket, cost]) => (cost > 0 ? Math.floor((left[bucket] ?? 0) / cost) : Infinity)),
  );
  const resetsAt = new Date(Date.now() + msUntilMidnightIn(rules.resetTimeZone)).toISOString();
  const low = buckets.filter((b) => b.used >= b.perDay * rules.warnAt || (rules.perPost[b.bucket] ?? 0) > b.remaining);
  const note =
    postsLeft === 0
      ? `${name}'s daily API quota for this server is used up: posts wait until it resets at midnight Pacific Time.`
      : low.length
        ? `${name}'s daily API quota for this server is running low: about ${postsLeft} more post${postsLeft === 1 ? "" : "s"} today (${low
            .map((b) => `${b.label}: ${b.remaining} of ${b.perDay} left`)
            .join("; ")}).`
        : null;
  return { buckets, postsLeft: Number.isFinite(postsLeft) ? postsLeft : 0, note, resetsAt };
}
