import { sql } from "@/lib/db/pool";
import type { OrgContext } from "@/lib/orgs/context";
import { publishSettings } from "@/lib/config/publishing";
import { retryInfo, type RetryInfo } from "./retry";
import { derivePostStatus, type PostStatus } from "./status";
import type { TargetStatus } from "@/lib/generated/prisma/enums";

// What a calendar view needs for a range, in one indexed query: each post's time, a preview of its
// text, and per channel the status (and the reason when it failed). Full posts load on click.
// Scoped by hand to the organization: this is plain SQL, outside scopedDb.

export type CalendarPost = {
  id: string;
  publishAt: string;
  preview: string;
  status: PostStatus;
  /** An occurrence of a recurring series (the calendar marks it). */
  recurring: boolean;
  /** Per channel; no target ids, which the calendar never uses (a month is thousands of rows). */
  targets: { channelId: string; status: TargetStatus; error: string | null; retry: RetryInfo | null }[];
};

type Row = {
  id: string;
  publish_at: Date;
  preview: string | null;
  channel_id: string;
  status: TargetStatus;
  error: string | null;
  error_kind: string | null;
  due_at: Date | null;
  attempts: number;
  recurring: boolean;
};

export async function calendarPosts(
  ctx: Pick<OrgContext, "organizationId">,
  range: { from: Date; to: Date; channelIds?: string[] },
): Promise<CalendarPost[]> {
  const filter = range.channelIds?.length ? "AND t.integration_id = ANY($4::text[])" : "";
  const { rows } = await sql<Row>(
    `SELECT p.id, p.publish_at, left(t.items -> 0 ->> 'text', 140) AS preview, t.integration_id AS channel_id,
            t.status::text AS status, CASE WHEN t.status IN ('failed', 'unconfirmed') OR t.error_kind = 'retry' THEN t.error_message END AS error,
            t.error_kind, t.due_at, t.attempts, (p.series_id IS NOT NULL AND NOT p.series_detached) AS recurring
     FROM posts p JOIN post_targets t ON t.post_id = p.id
     WHERE p.organization_id = $1 AND p.publish_at >= $2 AND p.publish_at < $3 ${filter}
     ORDER BY p.publish_at, p.id, t.created_at`,
    range.channelIds?.length ? [ctx.organizationId, range.from, range.to, range.channelIds] : [ctx.organizationId, range.from, range.to],
  );
  const out: CalendarPost[] = [];
  const { maxAttempts } = publishSettings();
  let current: CalendarPost | undefined;
  for (const r of rows) {
    if (current?.id !== r.id) {
      current = {
        id: r.id,
        publishAt: r.publish_at.toISOString(),
        preview: r.preview ?? "",
        status: "draft",
        recurring: r.recurring,
        targets: [],
      };
      out.push(current);
    }
    const retry = retryInfo(
      { status: r.status, errorKind: r.error_kind, errorMessage: r.error, dueAt: r.due_at, attempts: r.attempts },
      maxAttempts,
    );
    current.targets.push({ channelId: r.channel_id, status: r.status, error: retry ? null : r.error, retry });
  }
  for (const p of out) p.status = derivePostStatus(p.targets.map((t) => (t.retry ? "retrying" : t.status)));
  return out;
}
