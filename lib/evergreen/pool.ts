import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { parseOrThrow } from "@/lib/validation";
import { evergreenInputSchema } from "./schemas";

// The organization's evergreen pool: posts whose content is re-shared into free queue slots of
// their channels (lib/evergreen/fill.ts). A draft or a published post may join; each re-share is
// a new post of its own, so a re-share itself cannot join (its original is already there).

export type EvergreenEntry = {
  id: string;
  postId: string;
  preview: string;
  channelIds: string[];
  minGapDays: number;
  lastQueuedFor: string | null;
  /** The earliest a next re-share may be placed. */
  nextEligibleAt: string | null;
  shareCount: number;
  lastSkip: string | null;
};

const JOINS = ["draft", "published"];

export async function addToEvergreen(ctx: OrgContext, postId: string, raw: unknown): Promise<{ id: string }> {
  const { minGapDays } = parseOrThrow(evergreenInputSchema, raw ?? {});
  const post = await ctx.db.post.findUnique({ where: { id: postId }, include: { targets: { select: { status: true } } } });
  if (!post) throw notFound("Post");
  if (post.evergreenOf) throw new AppError("This post is an evergreen re-share; its original is already in the pool", 409);
  if (!post.targets.some((t) => JOINS.includes(t.status)))
    throw new AppError("Only a draft or a published post can be evergreen (this one has neither a draft nor a published channel)", 409);
  const item = await ctx.db.evergreenItem.upsert({
    where: { postId },
    create: { postId, minGapDays, organizationId: ctx.organizationId, createdById: ctx.userId },
    update: { minGapDays },
  });
  return { id: item.id };
}

export async function removeFromEvergreen(ctx: OrgContext, postId: string): Promise<void> {
  const { count } = await ctx.db.evergreenItem.deleteMany({ where: { postId } });
  if (!count) throw notFound("Evergreen post");
}

export async function listEvergreen(ctx: OrgContext): Promise<EvergreenEntry[]> {
  const items = await ctx.db.evergreenItem.findMany({ orderBy: { createdAt: "asc" } });
  const targets = items.length
    ? await ctx.db.postTarget.findMany({
        where: { postId: { in: items.map((i) => i.postId) } },
        select: { postId: true, integrationId: true, items: true, status: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  return items.map((i) => {
    const mine = targets.filter((t) => t.postId === i.postId && JOINS.includes(t.status));
    const first = (mine[0]?.items as { text?: string }[] | undefined)?.[0]?.text ?? "";
    return {
      id: i.id,
      postId: i.postId,
      preview: first.replace(/<[^>]*>/g, "").slice(0, 140),
      channelIds: mine.map((t) => t.integrationId),
      minGapDays: i.minGapDays,
      lastQueuedFor: i.lastQueuedFor?.toISOString() ?? null,
      nextEligibleAt: i.lastQueuedFor ? new Date(i.lastQueuedFor.getTime() + i.minGapDays * 86_400_000).toISOString() : null,
      shareCount: i.shareCount,
      lastSkip: i.lastSkip,
    };
  });
}
