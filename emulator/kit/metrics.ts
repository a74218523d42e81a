import { createHash } from "node:crypto";

// Deterministic figures for the platforms' analytics endpoints: the same account, post, metric
// and day always give the same number, so tests can compare what was collected with what the
// emulator serves, and a dashboard of emulated channels shows plausible, stable series.

const DAY_MS = 86_400_000;

/** A number in [0, 1) fixed by its parts. */
export function seeded(...parts: (string | number)[]): number {
  const h = createHash("sha1").update(parts.join("|")).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** Whole days since 1970-01-01 of a "YYYY-MM-DD" date. */
export const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An account's follower count on a day: a base per account plus a steady, slightly noisy growth. */
export function followersOn(accountId: string, day: string): number {
  const base = 200 + Math.floor(seeded(accountId, "followers") * 5000);
  const growth = 1 + seeded(accountId, "growth") * 6;
  const n = dayNumber(day) - dayNumber("2025-01-01");
  return Math.max(0, Math.round(base + n * growth + (seeded(accountId, day, "noise") - 0.5) * 10));
}

/** A daily figure of an account (page views, impressions…): around a per-account mean, varying by day. */
export function dailyFigure(accountId: string, metric: string, day: string, mean: number): number {
  const scale = 0.5 + seeded(accountId, metric) * 1.5;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return Math.round(mean * scale * weekend * (0.5 + seeded(accountId, metric, day)));
}

const POST_MEANS: Record<string, number> = { impressions: 1500, likes: 40, reposts: 8, quotes: 2, bookmarks: 3, views: 900, clicks: 25 };

/**
 * A post's counter at `now`: a fixed final figure per post and metric, reached over the post's
 * first hour (a fresh post starts near zero and grows, as on a real platform).
 */
export function postCounter(postId: string, metric: string, createdAt: number, now = Date.now()): number {
  const mean = POST_MEANS[metric] ?? 10;
  const final = Math.floor(mean * 2 * seeded(postId, metric));
  const grown = Math.min(1, Math.max(0, now - createdAt + 60_000) / 3_600_000);
  return Math.floor(final * grown);
}

/** Past posts of an account, a deterministic 0 to 2 per day for the `days` days before `now`. */
export function historyPosts(accountId: string, days: number, now = Date.now()): { day: string; at: number; text: string }[] {
  const out: { day: string; at: number; text: string }[] = [];
  const today = Math.floor(now / DAY_MS);
  for (let d = days; d >= 1; d--) {
    const day = dayOf((today - d) * DAY_MS);
    const count = Math.floor(seeded(accountId, day, "posts") * 3);
    for (let i = 0; i < count; i++) {
      const at = (today - d) * DAY_MS + Math.floor((8 + i * 5 + seeded(accountId, day, i) * 4) * 3_600_000);
      out.push({ day, at, text: `Emulated history post ${i + 1} of ${day}` });
    }
  }
  return out;
}
