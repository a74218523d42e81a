import "server-only";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/orgs/context";
import type { PreparedTarget } from "./prepare";

// New posts and their targets written in two statements whatever their number, each sent as one
// JSON text that PostgreSQL unpacks (jsonb_to_recordset). Used by a single new post (the composer
// and POST /api/v1/posts, where every round trip counts against the create latency) and by the
// CSV import (where Prisma's createMany spent about 2 ms a row building and binding parameters:
// bench:import, 3,000 rows took 7 s for the posts and 18 s for their targets; this takes well
// under a second). The rows are the organization's: its id is written on each, and every channel
// id was resolved among its own channels (prepare.ts, through ctx.db).

export type NewPostRow = { id: string; publishAt: Date | null };
export type NewTargetRow = { id: string; postId: string; t: PreparedTarget; dueAt: Date | null; jobId?: string | null };

export async function insertPostRows(tx: Tx, ctx: OrgContext, posts: NewPostRow[], targets: NewTargetRow[]): Promise<void> {
  const postRows = posts.map((p) => ({ id: p.id, at: p.publishAt }));
  const targetRows = targets.map((x) => ({
    id: x.id,
    post_id: x.postId,
    integration_id: x.t.channelId,
    status: x.dueAt ? "scheduled" : "draft",
    items: x.t.items,
    settings: x.t.settings,
    provider: x.t.provider,
    grp: x.t.publishGroup,
    due_at: x.dueAt,
    job_id: x.jobId ?? null,
  }));
  await tx.$executeRaw`
    INSERT INTO posts (id, organization_id, created_by_id, publish_at, updated_at)
    SELECT r.id, ${ctx.organizationId}, ${ctx.userId}, r.at, now()
    FROM jsonb_to_recordset(${JSON.stringify(postRows)}::jsonb) AS r(id text, at timestamptz)`;
  if (!targetRows.length) return;
  await tx.$executeRaw`
    INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, settings, provider, publish_group, due_at, job_id, updated_at)
    SELECT r.id, ${ctx.organizationId}, r.post_id, r.integration_id, r.status::"TargetStatus", r.items, r.settings, r.provider, r.grp, r.due_at, r.job_id, now()
    FROM jsonb_to_recordset(${JSON.stringify(targetRows)}::jsonb)
      AS r(id text, post_id text, integration_id text, status text, items jsonb, settings jsonb, provider text, grp text, due_at timestamptz, job_id text)`;
}
