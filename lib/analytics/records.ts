import "server-only";
import { sql } from "@/lib/db/pool";
import type { OrgContext } from "@/lib/orgs/context";
import { dayInZone, periodInstants, weekOf, type Period } from "./periods";

// GET /api/analytics/records: what our own records say about publishing over the period, in the
// user's time zone: posts published per channel per week (weeks start on Monday), the success
// rate of the posts that reached an outcome, and the failures grouped by reason.

export type RecordsChannel = { id: string; name: string; perWeek: number[]; published: number; failed: number };
export type Records = {
  weeks: string[];
  channels: RecordsChannel[];
  totals: { published: number; failed: number; unconfirmed: number; successRate: number | null };
  failures: { reason: string; label: string; count: number; example: string | null }[];
};

const REASONS: Record<string, string> = {
  "bad-body": "Refused by the platform",
  disconnect: "Channel disconnected",
  retry: "Platform unavailable, retries used up",
  late: "Too late after downtime",
  unconfirmed: "Unconfirmed (the platform's answer was lost)",
  other: "Other",
};

type Row = {
  integration_id: string;
  name: string;
  status: "published" | "failed" | "unconfirmed";
  error_kind: string | null;
  error_message: string | null;
  at: Date;
};

export async function publishingRecords(
  ctx: Pick<OrgContext, "organizationId">,
  q: { period: Period; timeZone: string },
): Promise<Records> {
  const span = periodInstants(q.period, q.timeZone);
  const { rows } = await sql<Row>(
    `SELECT t.integration_id, i.name, t.status::text AS status, t.error_kind, t.error_message, coalesce(t.published_at, p.publish_at, t.updated_at) AS at
     FROM post_targets t JOIN posts p ON p.id = t.post_id JOIN integrations i ON i.id = t.integration_id
     WHERE t.organization_id = $1 AND t.status IN ('published', 'failed', 'unconfirmed')
       AND coalesce(t.published_at, p.publish_at, t.updated_at) >= $2 AND coalesce(t.published_at, p.publish_at, t.updated_at) < $3`,
    [ctx.organizationId, span.from, span.to],
  );
  const weeks: string[] = [];
  for (let w = weekOf(q.period.from); w <= q.period.to; w = weekAfter(w)) weeks.push(w);
  const channels = new Map<string, RecordsChannel>();
  const failures = new Map<string, { count: number; example: string | null }>();
  const totals = { published: 0, failed: 0, unconfirmed: 0 };
  for (const r of rows) {
    let c = channels.get(r.integration_id);
    if (!c)
      channels.set(r.integration_id, (c = { id: r.integration_id, name: r.name, perWeek: weeks.map(() => 0), published: 0, failed: 0 }));
    totals[r.status]++;
    if (r.status === "published") {
      c.published++;
      c.perWeek[weeks.indexOf(weekOf(dayInZone(r.at, q.timeZone)))]! += 1;
      continue;
    }
    c.failed++;
    const reason = r.status === "unconfirmed" ? "unconfirmed" : r.error_kind && REASONS[r.error_kind] ? r.error_kind : "other";
    const f = failures.get(reason) ?? { count: 0, example: null };
    f.count++;
    f.example ??= r.error_message;
    failures.set(reason, f);
  }
  const outcomes = totals.published + totals.failed + totals.unconfirmed;
  return {
    weeks,
    channels: [...channels.values()].sort((a, b) => a.name.localeCompare(b.name)),
    totals: { ...totals, successRate: outcomes ? (totals.published / outcomes) * 100 : null },
    failures: [...failures.entries()].map(([reason, f]) => ({ reason, label: REASONS[reason]!, ...f })).sort((a, b) => b.count - a.count),
  };
}

function weekAfter(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}
