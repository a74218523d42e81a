import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/orgs/context";
import { dueAtFor } from "@/lib/posts/prepare";
import { enqueueTargets } from "@/lib/queue/boss";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { checkCsv, type CheckedRow } from "./check";

// The import itself: the file is checked again (the preview wrote nothing, and the file or the
// channels may have changed since), then the chosen rows are written in ONE transaction: every
// post, its targets and their publish jobs, or nothing. Rows are inserted in batches, and the jobs
// of targets due soon are enqueued in one statement per publishing group, so 10,000 rows take
// seconds rather than one transaction per post.

export type ImportChoice = "all" | "clean";

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest row. */
const BATCH = 1000;
/** A large file is a few seconds of inserts; Prisma's default of 5 s for a transaction is too short. */
const TRANSACTION_TIMEOUT_MS = 120_000;

export type ImportResult = { imported: number; skipped: number; postIds: string[]; firstAt: string | null };

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

  const posts: Prisma.PostCreateManyInput[] = [];
  const targets: (Prisma.PostTargetCreateManyInput & { dueAt: Date | null })[] = [];
  for (const c of chosen) {
    const input = c.input!;
    const dueAt = dueAtFor(input.mode, input.publishAt, now);
    const postId = randomUUID();
    posts.push({ id: postId, organizationId: ctx.organizationId, createdById: ctx.userId, publishAt: input.publishAt ?? dueAt });
    for (const t of c.prepared!)
      targets.push({
        id: randomUUID(),
        organizationId: ctx.organizationId,
        postId,
        integrationId: t.channelId,
        items: t.items as unknown as Prisma.InputJsonValue,
        settings: t.settings as Prisma.InputJsonValue,
        provider: t.provider,
        publishGroup: t.publishGroup,
        status: dueAt ? "scheduled" : "draft",
        dueAt,
      });
  }
  await ctx.db.$transaction(
    async (tx) => {
      for (let i = 0; i < posts.length; i += BATCH) await tx.post.createMany({ data: posts.slice(i, i + BATCH) });
      const scheduled = targets.filter((t) => t.dueAt).map((t) => ({ id: t.id!, publishGroup: t.publishGroup!, dueAt: t.dueAt! }));
      const jobIds = await enqueueTargets(tx as Tx, scheduled);
      for (const t of targets) t.jobId = jobIds.get(t.id!) ?? null;
      for (let i = 0; i < targets.length; i += BATCH) await tx.postTarget.createMany({ data: targets.slice(i, i + BATCH) });
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
  const times = targets.flatMap((t) => (t.dueAt ? [t.dueAt.getTime()] : []));
  const first = times.length ? new Date(times.reduce((a, b) => Math.min(a, b))) : null;
  scheduleChanged(first);
  const dated = posts.flatMap((p) => (p.publishAt ? [new Date(p.publishAt).getTime()] : []));
  return {
    imported: posts.length,
    skipped: checked.filter((c) => c.row > 1).length - posts.length,
    postIds: posts.map((p) => p.id!),
    firstAt: dated.length ? new Date(dated.reduce((a, b) => Math.min(a, b))).toISOString() : null,
  };
}
