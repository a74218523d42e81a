import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/orgs/context";
import { dueAtFor } from "@/lib/posts/prepare";
import { enqueueTargets } from "@/lib/queue/boss";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { checkCsv, type CheckedRow } from "./check";
import type { ImportResult } from "./types";
import { recordPostsCreated } from "@/lib/posts/webhook-events";
import { insertPostRows, type NewPostRow, type NewTargetRow } from "@/lib/posts/insert-rows";

// The import itself: the file is checked again (the preview wrote nothing, and the file or the
// channels may have changed since), then the chosen rows are written in ONE transaction: every
// post, its targets and their publish jobs, or nothing. Rows are inserted in batches, and the jobs
// of targets due soon are enqueued in one statement per publishing group, so 10,000 rows take
// seconds rather than one transaction per post (lib/posts/insert-rows.ts).

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

  const posts: NewPostRow[] = [];
  const targets: NewTargetRow[] = [];
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
      await insertPostRows(tx as Tx, ctx, posts, targets);
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
