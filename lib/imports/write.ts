import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/orgs/context";
import { dueAtFor, type PreparedTarget } from "@/lib/posts/prepare";
import { enqueueTargets } from "@/lib/queue/boss";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { checkCsv, type CheckedRow } from "./check";
import type { ImportResult } from "./types";
import { recordPostsCreated } from "@/lib/posts/webhook-events";

// The import itself: the file is checked again (the preview wrote nothing, and the file or the
// channels may have changed since), then the chosen rows are written in ONE transaction: every
// post, its targets and their publish jobs, or nothing. Rows are inserted in batches, and the jobs
// of targets due soon are enqueued in one statement per publishing group, so 10,000 rows take
// seconds rather than one transaction per post.

export type ImportChoice = "all" | "clean";

/** A large file is a few seconds of inserts; Prisma's default of 5 s for a transaction is too short. */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** The problems as one refusal, each keyed "row N, column": the 4xx the API and the page show. */
export function refusalOf(checked: CheckedRow[]): ValidationError {
  const fields: Record<string, string> = {};
  for (const e of checked.flatMap((c) => c.errors)) fields[`row ${e.row}, ${e.column}`] ??= e.message;
  return new ValidationError(fields);
}

export async function importCsv(
  ctx: OrgContext,
  text: string,
  opts: { timeZone: string; rows: ImportChoice; now?: Date },
): Promise<ImportResult> {
  const now = opts.now ?? new Date();
  const checked = await checkCsv(ctx, text, { timeZone: opts.timeZone, now });
  const bad = checked.filter((c) => c.errors.length);
  // Header problems spoil every row: nothing can be imported whatever was chosen.
  if (bad.length && (opts.rows === "all" || bad.some((c) => c.row === 1))) throw refusalOf(checked);
  const chosen = checked.filter((c) => c.prepared);
  if (!chosen.length) throw new AppError("No row of the file can be imported; fix the rows named in the preview", 422);

  const posts: { id: string; publishAt: Date | null }[] = [];
  const targets: { id: string; postId: string; t: PreparedTarget; dueAt: Date | null; jobId?: string | null }[] = [];
  for (const c of chosen) {
    const input = c.input!;
    const dueAt = dueAtFor(input.mode, input.publishAt, now);
    const postId = randomUUID();
    posts.push({ id: postId, publishAt: input.publishAt ?? dueAt });
    for (const t of c.prepared!) targets.push({ id: randomUUID(), postId, t, dueAt });
  }
  await ctx.db.$transaction(
    async (tx) => {
      const scheduled = targets.flatMap((x) => (x.dueAt ? [{ id: x.id, publishGroup: x.t.publishGroup, dueAt: x.dueAt }] : []));
      const jobIds = await enqueueTargets(tx as Tx, scheduled);
      for (const x of targets) x.jobId = jobIds.get(x.id) ?? null;
      await insertRows(tx as Tx, ctx, posts, targets);
      await recordPostsCreated(
        tx as Tx,
        ctx.organizationId,
        posts.map((p) => p.id),
      );
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
  const times = targets.flatMap((x) => (x.dueAt ? [x.dueAt.getTime()] : []));
  const first = times.length ? new Date(times.reduce((a, b) => Math.min(a, b))) : null;
  scheduleChanged(first);
  const dated = posts.flatMap((p) => (p.publishAt ? [new Date(p.publishAt).getTime()] : []));
  return {
    imported: posts.length,
    skipped: checked.filter((c) => c.row > 1).length - posts.length,
    postIds: posts.map((p) => p.id),
    firstAt: dated.length ? new Date(dated.reduce((a, b) => Math.min(a, b))).toISOString() : null,
  };
}

/**
 * Two statements for any number of rows, each sent as one JSON text that PostgreSQL unpacks
 * (jsonb_to_recordset). Prisma's createMany spent about 2 ms a row building and binding its parameters
 * (measured with bench:import, 3,000 rows: 7 s for the posts, 18 s for their targets); this takes
 * well under a second. The rows are the organization's: its id is written on each, and every
 * channel id was resolved among its own channels (check.ts, through ctx.db).
 */
async function insertRows(
  tx: Tx,
  ctx: OrgContext,
  posts: { id: string; publishAt: Date | null }[],
  targets: { id: string; postId: string; t: PreparedTarget; dueAt: Date | null; jobId?: string | null }[],
): Promise<void> {
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
  await tx.$executeRaw`
    INSERT INTO post_targets (id, organization_id, post_id, integration_id, status, items, settings, provider, publish_group, due_at, job_id, updated_at)
    SELECT r.id, ${ctx.organizationId}, r.post_id, r.integration_id, r.status::"TargetStatus", r.items, r.settings, r.provider, r.grp, r.due_at, r.job_id, now()
    FROM jsonb_to_recordset(${JSON.stringify(targetRows)}::jsonb)
      AS r(id text, post_id text, integration_id text, status text, items jsonb, settings jsonb, provider text, grp text, due_at timestamptz, job_id text)`;
}
