import { AppError, notFound, ValidationError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import type { OrgContext } from "@/lib/orgs/context";
import { randomUUID } from "node:crypto";
import { cancelJob, enqueueTarget, enqueueTargets } from "@/lib/queue/boss";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { parseOrThrow } from "@/lib/validation";
import { addAutoSignatures } from "@/lib/signatures/auto";
import { getProvider } from "@/providers/registry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dueAtFor, prepareTargets, type PreparedTarget } from "./prepare";
import { postInputSchema, rescheduleSchema, type PostInput } from "./schemas";
import { closeQueueGaps, type LeftSlot } from "./queue-gaps";
import { EDITABLE } from "./status";
import { recordNewPost, recordPostEvent } from "./webhook-events";
import { insertPostRows, type NewPostRow, type NewTargetRow } from "./insert-rows";

// Every change to a post, used by the UI and the API alike. Each runs in one transaction that
// writes the rows and moves the publish jobs with them, so a post is never saved without its
// job, nor a job left behind for a post that changed.

type TargetRow = { id: string; publishGroup: string; jobId: string | null; status: string; integrationId: string };

export async function writeTarget(
  tx: Tx,
  organizationId: string,
  postId: string,
  t: PreparedTarget,
  dueAt: Date | null,
  existing?: TargetRow,
): Promise<void> {
  if (existing) await cancelJob(tx, existing);
  const data = {
    items: t.items as unknown as Prisma.InputJsonValue,
    settings: t.settings as Prisma.InputJsonValue,
    provider: t.provider,
    publishGroup: t.publishGroup,
    status: dueAt ? ("scheduled" as const) : ("draft" as const),
    dueAt,
    errorKind: null,
    errorMessage: null,
    jobId: null,
  };
  const row = existing
    ? await tx.postTarget.update({ where: { id: existing.id }, data })
    : await tx.postTarget.create({ data: { ...data, organizationId, postId, integrationId: t.channelId } });
  if (dueAt) {
    const jobId = await enqueueTarget(tx, { id: row.id, publishGroup: t.publishGroup, dueAt });
    await tx.postTarget.update({ where: { id: row.id }, data: { jobId } });
  }
}

// The post's time is when it goes out: for "now" that is now, whatever publishAt was sent along
// (a stale composer value, or 0 from a client that meant "unset"), so the calendar shows it there.
const storedPublishAt = (input: PostInput, dueAt: Date | null): Date | null => (input.mode === "now" ? dueAt : (input.publishAt ?? dueAt));

export async function createPost(ctx: OrgContext, raw: unknown): Promise<{ id: string }> {
  const input = await addAutoSignatures(ctx, parseOrThrow(postInputSchema, raw));
  const now = new Date();
  const prepared = await prepareTargets(ctx, input, now);
  const dueAt = dueAtFor(input.mode, input.publishAt, now);
  // Ids chosen here, so the post, its targets (each with its job id) and their jobs go in as one
  // statement each rather than a create, an enqueue and an update per target.
  const post: NewPostRow = { id: randomUUID(), publishAt: storedPublishAt(input, dueAt) };
  const targets: NewTargetRow[] = prepared.map((t) => ({ id: randomUUID(), postId: post.id, t, dueAt }));
  await ctx.db.$transaction(async (tx) => {
    if (dueAt) {
      const jobIds = await enqueueTargets(
        tx as Tx,
        targets.map((x) => ({ id: x.id, publishGroup: x.t.publishGroup, dueAt })),
      );
      for (const x of targets) x.jobId = jobIds.get(x.id) ?? null;
    }
    await insertPostRows(tx as Tx, ctx, [post], targets);
    await recordNewPost(
      tx as Tx,
      ctx.organizationId,
      post,
      targets.map((x) => ({ id: x.id, channelId: x.t.channelId, provider: x.t.provider, scheduled: !!dueAt })),
    );
  });
  scheduleChanged(dueAt);
  return { id: post.id };
}

async function loadPost(ctx: OrgContext, postId: string) {
  const post = await ctx.db.post.findUnique({
    where: { id: postId },
    include: { targets: { include: { integration: { select: { name: true } } } } },
  });
  if (!post) throw notFound("Post");
  return post;
}

/** Replaces the editable part of a post. Targets already published (or in flight) stay as they are. */
export async function updatePost(ctx: OrgContext, postId: string, raw: unknown): Promise<{ id: string }> {
  const input = await addAutoSignatures(ctx, parseOrThrow(postInputSchema, raw));
  const post = await loadPost(ctx, postId);
  const byChannel = new Map(post.targets.map((t) => [t.integrationId, t]));
  const locked: Record<string, string> = {};
  input.targets.forEach((t, i) => {
    const existing = byChannel.get(t.channelId);
    if (existing && !EDITABLE.includes(existing.status))
      locked[`targets.${i}`] = `${existing.integration.name}: already ${existing.status}; it can no longer be changed`;
  });
  if (Object.keys(locked).length) throw new ValidationError(locked);
  const now = new Date();
  const prepared = await prepareTargets(ctx, input, now);
  const dueAt = dueAtFor(input.mode, input.publishAt, now);
  const keep = new Set(input.targets.map((t) => t.channelId));
  // A queued target edited to another time (or removed) leaves the queue, and its slot's gap may close.
  const leftQueue = post.targets.filter(
    (t) => t.queued && t.status === "scheduled" && (!keep.has(t.integrationId) || dueAt?.getTime() !== t.dueAt?.getTime()),
  );
  await ctx.db.$transaction(async (tx) => {
    if (leftQueue.length) await tx.postTarget.updateMany({ where: { id: { in: leftQueue.map((t) => t.id) } }, data: { queued: false } });
    for (const old of post.targets) {
      if (keep.has(old.integrationId) || !EDITABLE.includes(old.status)) continue;
      await cancelJob(tx as Tx, old);
      await tx.postTarget.delete({ where: { id: old.id } });
    }
    for (const t of prepared) await writeTarget(tx as Tx, ctx.organizationId, post.id, t, dueAt, byChannel.get(t.channelId));
    // An occurrence of a recurring series edited on its own becomes an ordinary post ("this one").
    const detach = post.seriesId ? { seriesDetached: true } : {};
    await tx.post.update({ where: { id: post.id }, data: { publishAt: storedPublishAt(input, dueAt) ?? post.publishAt, ...detach } });
    await closeQueueGaps(tx as Tx, ctx.organizationId, leftQueue);
    await recordPostEvent(tx as Tx, "post.updated", post.id);
  });
  scheduleChanged(dueAt);
  return { id: post.id };
}

/** Moves the scheduled targets of a post (and their jobs) to a new time. */
export async function reschedulePost(ctx: OrgContext, postId: string, raw: unknown): Promise<{ id: string; moved: number }> {
  const { publishAt } = parseOrThrow(rescheduleSchema, raw);
  if (publishAt.getTime() < Date.now() - 30_000)
    throw new ValidationError({ publishAt: `pick a time in the future (${publishAt.toISOString()} has passed)` });
  const post = await loadPost(ctx, postId);
  const movable = movableTargets(post);
  await ctx.db.$transaction((tx) => movePostTx(tx as Tx, ctx, post, movable, publishAt));
  scheduleChanged(publishAt);
  return { id: post.id, moved: movable.filter((t) => t.status === "scheduled").length };
}

/** The targets a reschedule moves (scheduled and draft); refused when none is left. */
export function movableTargets<T extends { status: string }>(post: { targets: T[] }): T[] {
  const movable = post.targets.filter((t) => t.status === "scheduled" || t.status === "draft");
  if (movable.length === 0) throw new AppError("This post has already been published or cancelled; nothing is left to reschedule", 409);
  return movable;
}

/** Inside the caller's transaction: the post and its movable targets (and their jobs) to a new time. */
export async function movePostTx(
  tx: Tx,
  ctx: Pick<OrgContext, "organizationId">,
  post: { id: string; seriesId: string | null },
  movable: (TargetRow & LeftSlot)[],
  publishAt: Date,
) {
  await tx.post.update({ where: { id: post.id }, data: { publishAt, ...(post.seriesId ? { seriesDetached: true } : {}) } });
  for (const t of movable) {
    if (t.status === "draft") continue;
    await cancelJob(tx, t);
    const jobId = await enqueueTarget(tx, { id: t.id, publishGroup: t.publishGroup, dueAt: publishAt });
    // Moved by hand, a queued post leaves the queue (and no longer moves when gaps close).
    await tx.postTarget.update({ where: { id: t.id }, data: { dueAt: publishAt, jobId, queued: false } });
  }
  await closeQueueGaps(tx, ctx.organizationId, movable);
  await recordPostEvent(tx, "post.updated", post.id);
}

/** Stops whatever has not gone out yet. A target being published right now cannot be called back. */
export async function cancelPost(ctx: OrgContext, postId: string): Promise<{ cancelled: number; inFlight: number }> {
  const post = await loadPost(ctx, postId);
  const pending = post.targets.filter((t) => t.status === "scheduled");
  await ctx.db.$transaction(async (tx) => {
    let changed = 0;
    for (const t of pending) {
      // Conditional: a worker that claimed the target a moment ago wins, and the count says so.
      const res = await tx.postTarget.updateMany({
        where: { id: t.id, status: "scheduled" },
        data: { status: "cancelled", dueAt: null, jobId: null },
      });
      if (res.count) await cancelJob(tx as Tx, t);
      if (res.count) await closeQueueGaps(tx as Tx, ctx.organizationId, [t]);
      changed += res.count;
    }
    if (changed) await recordPostEvent(tx as Tx, "post.updated", post.id);
  });
  return { cancelled: pending.length, inFlight: post.targets.filter((t) => t.status === "publishing").length };
}

export async function deletePost(ctx: OrgContext, postId: string): Promise<void> {
  const post = await loadPost(ctx, postId);
  assertDeletable(post);
  await ctx.db.$transaction((tx) => deletePostTx(tx as Tx, ctx, post));
}

export function assertDeletable(post: { targets: { status: string }[] }) {
  if (post.targets.some((t) => t.status === "publishing")) {
    throw new AppError("This post is being published right now; delete it once publishing has finished", 409);
  }
}

/** Inside the caller's transaction: the post gone, its jobs cancelled and the queue closed up. */
export async function deletePostTx(
  tx: Tx,
  ctx: Pick<OrgContext, "organizationId">,
  post: { id: string; targets: (TargetRow & LeftSlot)[] },
) {
  for (const t of post.targets) if (t.status === "scheduled") await cancelJob(tx, t);
  await recordPostEvent(tx, "post.deleted", post.id);
  await tx.post.delete({ where: { id: post.id } });
  await closeQueueGaps(tx, ctx.organizationId, post.targets);
}

/** A new draft with the same channels, text, media and settings. */
export async function duplicatePost(ctx: OrgContext, postId: string): Promise<{ id: string }> {
  const post = await loadPost(ctx, postId);
  const copy = await ctx.db.$transaction(async (tx) => {
    const copy = await tx.post.create({ data: { organizationId: ctx.organizationId, createdById: ctx.userId, publishAt: null } });
    for (const t of post.targets) {
      await tx.postTarget.create({
        data: {
          organizationId: ctx.organizationId,
          postId: copy.id,
          integrationId: t.integrationId,
          status: "draft",
          items: t.items as Prisma.InputJsonValue,
          settings: (t.settings ?? {}) as Prisma.InputJsonValue,
          provider: t.provider,
          publishGroup: t.publishGroup,
        },
      });
    }
    await recordPostEvent(tx as Tx, "post.created", copy.id);
    return copy;
  });
  return { id: copy.id };
}

/**
 * "Check and retry" for a failed or unconfirmed target: it is queued again at once. Items that
 * were already published stay published; publishing resumes after them. For an unconfirmed
 * target on a platform that cannot be checked, the user's click is the confirmation that the
 * post is not there, so the uncertain call is forgotten; elsewhere the worker checks first.
 */
export async function retryTarget(ctx: OrgContext, targetId: string): Promise<{ id: string }> {
  const t = await ctx.db.postTarget.findUnique({
    where: { id: targetId },
    include: { integration: { select: { name: true, status: true } } },
  });
  if (!t) throw notFound("Post target");
  if (!["failed", "unconfirmed", "cancelled"].includes(t.status))
    throw new AppError(
      `This post is ${t.status} on ${t.integration.name}; only failed, unconfirmed or cancelled posts can be retried`,
      409,
    );
  if (t.integration.status !== "active")
    throw new AppError(`${t.integration.name} needs attention on the Channels page before it can publish again`, 409);
  const provider = getProvider(t.provider);
  const forgetCall = t.status !== "unconfirmed" || provider?.publishSafety === "unconfirmed";
  const now = new Date();
  await ctx.db.$transaction(async (tx) => {
    const res = await tx.postTarget.updateMany({
      where: { id: t.id, status: t.status },
      data: {
        status: "scheduled",
        dueAt: now,
        // Sent again now, away from its slot: no longer a queued post that a closing gap may move.
        queued: false,
        errorKind: null,
        errorMessage: null,
        attempts: 0,
        ...(forgetCall ? { callingItem: null, callingSince: null } : {}),
      },
    });
    if (!res.count) throw new AppError("This post changed meanwhile; reload and try again", 409);
    const jobId = await enqueueTarget(tx as Tx, { id: t.id, publishGroup: t.publishGroup, dueAt: now });
    await tx.postTarget.update({ where: { id: t.id }, data: { jobId } });
    await recordPostEvent(tx as Tx, "post.updated", t.postId);
  });
  scheduleChanged(now);
  return { id: t.id };
}
