import type { OrgContext } from "@/lib/orgs/context";
import { getProvider } from "@/providers/registry";
import type { StoredItem } from "./schemas";

// The posts that did not go out: each failed or unconfirmed target with the reason in words (as
// the post page shows it), newest first. "unconfirmed" is a publish whose outcome is unknown: the
// platform may have it, so it is listed for a person to check rather than sent again.

export type FailedTarget = {
  targetId: string;
  postId: string;
  channel: { id: string; name: string; provider: string; providerName: string };
  status: "failed" | "unconfirmed";
  errorKind: string | null;
  reason: string;
  attempts: number;
  dueAt: string | null;
  failedAt: string;
  text: string;
};

const PREVIEW = 140;

export async function listFailedTargets(ctx: OrgContext, opts: { since?: Date; limit?: number } = {}): Promise<FailedTarget[]> {
  const rows = await ctx.db.postTarget.findMany({
    where: { status: { in: ["failed", "unconfirmed"] }, ...(opts.since && { updatedAt: { gte: opts.since } }) },
    include: { integration: { select: { id: true, name: true, provider: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 50,
  });
  return rows.map((t) => ({
    targetId: t.id,
    postId: t.postId,
    channel: { ...t.integration, providerName: getProvider(t.integration.provider)?.name ?? t.integration.provider },
    status: t.status as FailedTarget["status"],
    errorKind: t.errorKind,
    reason:
      t.errorMessage ??
      (t.status === "unconfirmed"
        ? "the platform did not confirm the publish; check the channel before retrying"
        : "no reason was recorded"),
    attempts: t.attempts,
    dueAt: t.dueAt?.toISOString() ?? null,
    failedAt: t.updatedAt.toISOString(),
    text: ((t.items as StoredItem[])[0]?.text ?? "").slice(0, PREVIEW),
  }));
}
