import { sql } from "@/lib/db/pool";
import type { OrgContext } from "@/lib/orgs/context";
import { publishSettings } from "@/lib/config/publishing";
import { retryInfo, type RetryInfo } from "./retry";
import { derivePostStatus, type PostStatus } from "./status";
import type { TargetStatus } from "@/lib/generated/prisma/enums";

// What a calendar view needs for a range, in one indexed query: each post's time, a short snippet
// of its text, its first image (for a thumbnail), whether it is a thread, has media or a poll, and
// per channel the status (and the reason when it failed). Only what a card draws: a month may hold
// thousands of posts, and the full post loads on demand (GET /api/posts/:id, the hover card).
// Scoped by hand to the organization: this is plain SQL, outside scopedDb.

export type CalendarPost = {
  id: string;
  publishAt: string;
  /** The first text, whitespace folded, cut to SNIPPET_LENGTH characters (an ellipsis marks a cut). */
  preview: string;
  status: PostStatus;
  /** The media id of the first item's first image, for a small thumbnail (/api/media/:id/file). */
  thumb?: string;
  /** Items in the longest thread (set when more than one). */
  thread?: number;
  /** Media on the first item (set when any). */
  media?: number;
  /** The first item carries a poll. */
  poll?: true;
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
  item_count: number;
  media_count: number;
  media_id: string | null;
  media_type: string | null;
  poll: boolean;
};

export const SNIPPET_LENGTH = 80;

/** Folds whitespace and cuts to the snippet length, on a character (not UTF-16 unit) boundary. */
export function snippet(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > SNIPPET_LENGTH
    ? `${chars
        .slice(0, SNIPPET_LENGTH - 1)
        .join("")
        .trimEnd()}…`
    : chars.join("");
}

export async function calendarPosts(
  ctx: Pick<OrgContext, "organizationId">,
  range: { from: Date; to: Date; channelIds?: string[] },
): Promise<CalendarPost[]> {
  const filter = range.channelIds?.length ? "AND t.integration_id = ANY($4::text[])" : "";
  const { rows } = await sql<Row>(
    `SELECT p.id, p.publish_at, left(t.items -> 0 ->> 'text', 200) AS preview, t.integration_id AS channel_id,
            t.status::text AS status, CASE WHEN t.status IN ('failed', 'unconfirmed') OR t.error_kind = 'retry' THEN t.error_message END AS error,
            t.error_kind, t.due_at, t.attempts, (p.series_id IS NOT NULL AND NOT p.series_detached) AS recurring,
            jsonb_array_length(t.items) AS item_count,
            COALESCE(jsonb_array_length(t.items -> 0 -> 'media'), 0) AS media_count,
            t.items -> 0 -> 'media' -> 0 ->> 'mediaId' AS media_id, t.items -> 0 -> 'media' -> 0 ->> 'mimeType' AS media_type,
            COALESCE(jsonb_typeof(t.items -> 0 -> 'poll') = 'object', false) AS poll
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
        preview: snippet(r.preview ?? ""),
        status: "draft",
        recurring: r.recurring,
        targets: [],
      };
      out.push(current);
    }
    if (r.item_count > 1 && r.item_count > (current.thread ?? 0)) current.thread = r.item_count;
    if (r.media_count > 0 && r.media_count > (current.media ?? 0)) current.media = r.media_count;
    if (r.poll) current.poll = true;
    if (!current.thumb && r.media_id && r.media_type?.startsWith("image/")) current.thumb = r.media_id;
    const retry = retryInfo(
      { status: r.status, errorKind: r.error_kind, errorMessage: r.error, dueAt: r.due_at, attempts: r.attempts },
      maxAttempts,
    );
    current.targets.push({ channelId: r.channel_id, status: r.status, error: retry ? null : r.error, retry });
  }
  for (const p of out) p.status = derivePostStatus(p.targets.map((t) => (t.retry ? "retrying" : t.status)));
  return out;
}
