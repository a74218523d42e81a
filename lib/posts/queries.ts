import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TargetStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/orgs/context";
import { UNKNOWN_BADGE } from "@/lib/channels/label";
import { onSandbox } from "@/lib/channels/sandbox";
import { getProvider } from "@/providers/registry";
import type { PlatformBadge, PublishedItem } from "@/providers/social.integrations.interface";
import type { StoredItem } from "./schemas";
import { publishSettings } from "@/lib/config/publishing";
import { retryInfo, type RetryInfo } from "./retry";
import { derivePostStatus, shownTargetStatus, type PostStatus } from "./status";
import { describeRule } from "@/lib/recurrence/describe";
import type { StoredRule } from "@/lib/recurrence/rule";

// Posts as the browser sees them: each target with its channel, status, links to the live posts
// and, when something went wrong, the reason in words and what the user can do about it.

export type TargetView = {
  id: string;
  channel: {
    id: string;
    name: string;
    provider: string;
    providerName: string;
    badge: PlatformBadge;
    /** On the platform emulator (sandbox mode): named so (lib/channels/label.ts). */
    sandbox: boolean;
    picture: string | null;
    username: string | null;
    instanceUrl: string | null;
    status: string;
  };
  status: string;
  items: StoredItem[];
  settings: unknown;
  links: { id: string; url: string }[];
  /** What the platform did not take along although it published (e.g. an image's alt text). */
  warnings: string[];
  errorKind: string | null;
  errorMessage: string | null;
  attempts: number;
  publishedAt: string | null;
  dueAt: string | null;
  /** "retry" for failed or unconfirmed targets the user can send again. */
  canRetry: boolean;
  /** Set while the target waits for another attempt after a transient failure. */
  retry: RetryInfo | null;
  /** A long upload's progress while it publishes or waits to resume ("Uploading 42%"). */
  progress: string | null;
};

export type PostView = {
  id: string;
  publishAt: string | null;
  createdAt: string;
  status: PostStatus;
  targets: TargetView[];
  /** For an occurrence of a recurring series: its rule in words ("Repeats weekly on Mon at 09:00 …"). */
  repeats: string | null;
};

const include = {
  targets: {
    include: {
      integration: { select: { id: true, name: true, provider: true, picture: true, username: true, instanceUrl: true, status: true } },
    },
    orderBy: { createdAt: "asc" as const },
  },
  series: { select: { rule: true, startLocal: true, timeZone: true, endsBefore: true } },
};
type Row = Awaited<ReturnType<typeof load>>[number];
const load = (ctx: OrgContext, where: object, take: number) =>
  ctx.db.post.findMany({ where, include, orderBy: [{ publishAt: "asc" }, { createdAt: "asc" }], take });

function view(p: Row, maxAttempts = publishSettings().maxAttempts): PostView {
  return {
    id: p.id,
    publishAt: p.publishAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    status: derivePostStatus(p.targets.map(shownTargetStatus)),
    repeats:
      p.series && !p.seriesDetached
        ? describeRule(p.series.rule as StoredRule, p.series.startLocal, p.series.timeZone, p.series.endsBefore)
        : null,
    targets: p.targets.map((t) => ({
      ...published(t.results),
      id: t.id,
      channel: {
        ...t.integration,
        providerName: getProvider(t.integration.provider)?.name ?? t.integration.provider,
        badge: getProvider(t.integration.provider)?.badge ?? UNKNOWN_BADGE,
        sandbox: onSandbox(t.integration),
      },
      status: t.status,
      items: t.items as StoredItem[],
      settings: t.settings,
      errorKind: t.errorKind,
      errorMessage: t.errorMessage,
      attempts: t.attempts,
      publishedAt: t.publishedAt?.toISOString() ?? null,
      dueAt: t.dueAt?.toISOString() ?? null,
      canRetry: t.status === "failed" || t.status === "unconfirmed",
      retry: retryInfo(t, maxAttempts),
      progress: t.status === "publishing" || t.status === "scheduled" ? t.uploadProgress : null,
    })),
  };
}

/** The links of the published items, and their warnings (prefixed with the item in a thread). */
function published(results: unknown): Pick<TargetView, "links" | "warnings"> {
  const items = (Array.isArray(results) ? results : []) as PublishedItem[];
  return {
    links: items.map((r) => ({ id: r.id, url: r.url })),
    warnings: items.flatMap((r, i) => (r.warnings ?? []).map((w) => (items.length > 1 ? `Item ${i + 1}: ${w}` : w))),
  };
}

/** Posts scheduled in [from, to), plus drafts without a time when asked. */
export async function listPosts(ctx: OrgContext, range: { from: Date; to: Date; drafts?: boolean }, limit = 2000): Promise<PostView[]> {
  const inRange = { publishAt: { gte: range.from, lt: range.to } };
  const rows = await load(ctx, range.drafts ? { OR: [inRange, { publishAt: null }] } : inRange, limit);
  return rows.map((r) => view(r));
}

export async function getPost(ctx: OrgContext, id: string): Promise<PostView> {
  const [row] = await load(ctx, { id }, 1);
  if (!row) throw notFound("Post");
  return view(row);
}

const DAY = 86_400_000;
/** The list view's window: the last two weeks and the next three months. */
export function defaultListRange(now = Date.now()): { from: string; to: string } {
  return { from: new Date(now - 14 * DAY).toISOString(), to: new Date(now + 90 * DAY).toISOString() };
}

/** Where a page of posts ends: the last post's time and id (the list's order, which ties never break). */
export type PostCursor = { publishAt: Date | null; id: string };
export type PostPageFilter = {
  /** Posts with a time in [from, to); without a range, the posts that have no time (undated drafts). */
  range?: { from: Date; to: Date };
  /** Posts with at least one channel in this status. */
  targetStatus?: TargetStatus;
  /** Posts with a target on this channel. */
  channelId?: string;
  after?: PostCursor;
  limit: number;
};

/**
 * One page of posts in a stable order (time, then id), for clients that walk a long list: the
 * next page starts after the last post of this one, so posts added or moved meanwhile neither
 * repeat nor shift the pages.
 */
export async function listPostsPage(ctx: OrgContext, f: PostPageFilter): Promise<{ posts: PostView[]; last: PostCursor | null }> {
  const where: Prisma.PostWhereInput[] = [f.range ? { publishAt: { gte: f.range.from, lt: f.range.to } } : { publishAt: null }];
  if (f.targetStatus || f.channelId) {
    where.push({
      targets: { some: { ...(f.targetStatus ? { status: f.targetStatus } : {}), ...(f.channelId ? { integrationId: f.channelId } : {}) } },
    });
  }
  if (f.after) {
    const { publishAt, id } = f.after;
    where.push(publishAt ? { OR: [{ publishAt: { gt: publishAt } }, { publishAt, id: { gt: id } }] } : { id: { gt: id } });
  }
  const rows = await ctx.db.post.findMany({
    where: { AND: where },
    include,
    orderBy: [{ publishAt: "asc" }, { id: "asc" }],
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const tail = page[page.length - 1];
  return { posts: page.map((r) => view(r)), last: rows.length > f.limit && tail ? { publishAt: tail.publishAt, id: tail.id } : null };
}

/** The post a target (one channel of it) belongs to. */
export async function getPostOfTarget(ctx: OrgContext, targetId: string): Promise<PostView> {
  const t = await ctx.db.postTarget.findUnique({ where: { id: targetId }, select: { postId: true } });
  if (!t) throw notFound("Post target");
  return getPost(ctx, t.postId);
}
