import "server-only";
import type { Tx } from "@/lib/db/client";
import { recordWebhookEvent } from "@/lib/webhooks/record";
import { derivePostStatus, shownTargetStatus } from "./status";

// post.created / post.updated / post.deleted, recorded inside the transaction that made the change
// (post.published and post.failed come from the database when the last target finishes).

type Kind = "post.created" | "post.updated" | "post.deleted";

/** The post as it stands in `tx` (call before deleting it for post.deleted). */
async function snapshot(tx: Tx, postId: string) {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      organizationId: true,
      publishAt: true,
      targets: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          integrationId: true,
          provider: true,
          status: true,
          errorKind: true,
          errorMessage: true,
          publishedAt: true,
          results: true,
        },
      },
    },
  });
  if (!post) return undefined;
  const url = (results: unknown) => (Array.isArray(results) && typeof results[0]?.url === "string" ? (results[0].url as string) : null);
  return {
    organizationId: post.organizationId,
    channelIds: post.targets.map((t) => t.integrationId),
    data: {
      postId: post.id,
      status: derivePostStatus(post.targets.map(shownTargetStatus)),
      publishAt: post.publishAt?.toISOString() ?? null,
      targets: post.targets.map((t) => ({
        targetId: t.id,
        channelId: t.integrationId,
        platform: t.provider,
        status: shownTargetStatus(t),
        publishedAt: t.publishedAt?.toISOString() ?? null,
        url: url(t.results),
        error: t.status === "failed" ? t.errorMessage : null,
      })),
    },
  };
}

export async function recordPostEvent(tx: Tx, kind: Kind, postId: string): Promise<void> {
  const s = await snapshot(tx, postId);
  if (!s) return;
  await recordWebhookEvent(tx, s.organizationId, kind, kind === "post.deleted" ? { ...s.data, status: "deleted" } : s.data, s.channelIds);
}

/**
 * post.created for a post just written from these rows: its snapshot is what was written (every
 * target new, scheduled or draft, nothing published yet), so the event costs one statement
 * instead of reading the post back.
 */
export async function recordNewPost(
  tx: Tx,
  organizationId: string,
  post: { id: string; publishAt: Date | null },
  targets: { id: string; channelId: string; provider: string; scheduled: boolean }[],
): Promise<void> {
  const statuses = targets.map((t) => (t.scheduled ? ("scheduled" as const) : ("draft" as const)));
  await recordWebhookEvent(
    tx,
    organizationId,
    "post.created",
    {
      postId: post.id,
      status: derivePostStatus(statuses),
      publishAt: post.publishAt?.toISOString() ?? null,
      targets: targets.map((t, i) => ({
        targetId: t.id,
        channelId: t.channelId,
        platform: t.provider,
        status: statuses[i],
        publishedAt: null,
        url: null,
        error: null,
      })),
    },
    targets.map((t) => t.channelId),
  );
}

/**
 * post.created for posts made in bulk (a CSV import, a recurring series' occurrences): one query
 * when no enabled endpoint of the organization could want it, so a 10,000-row import pays nothing
 * for webhooks nobody listens to; otherwise each post's event as usual.
 */
export async function recordPostsCreated(tx: Tx, organizationId: string, postIds: string[]): Promise<void> {
  if (!postIds.length) return;
  const [listening] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM webhook_endpoints WHERE organization_id = ${organizationId} AND enabled`;
  if (!listening?.n) return;
  for (const id of postIds) await recordPostEvent(tx, "post.created", id);
}
