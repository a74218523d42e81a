import "server-only";
import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { quotaStatus } from "@/lib/quota/ledger";
import { recordWebhookEvent } from "@/lib/webhooks/record";
import { getProvider } from "@/providers/registry";
import { UNKNOWN_BADGE } from "./label";
import { onSandbox } from "./sandbox";

// What the browser may see of a channel: never its tokens or credentials.
export const publicChannelFields = {
  id: true,
  provider: true,
  internalId: true,
  name: true,
  username: true,
  picture: true,
  status: true,
  instanceUrl: true,
  server: true,
  tokenExpiresAt: true,
  createdAt: true,
  updatedAt: true,
  profile: true,
} as const;

type Row = { provider: string; profile: unknown } & Record<string, unknown>;

/** Adds what the browser needs per channel (its platform's name and badge, its own length limit) and drops the raw profile. */
function present<T extends Row>(row: T) {
  const { profile, ...rest } = row;
  const provider = getProvider(row.provider);
  return {
    ...rest,
    providerName: provider?.name ?? row.provider,
    badge: provider?.badge ?? UNKNOWN_BADGE,
    sandbox: onSandbox({ provider: row.provider, instanceUrl: row.instanceUrl as string | null | undefined }),
    maxLength: provider?.maxLength({ profile: profile as Record<string, unknown> | null }) ?? null,
  };
}

export async function listChannels(ctx: OrgContext) {
  const rows = await ctx.db.integration.findMany({ orderBy: [{ provider: "asc" }, { name: "asc" }], select: publicChannelFields });
  const notes = await quotaNotes(rows.map((r) => r.provider));
  return rows.map((r) => ({ ...present(r), quotaNote: notes.get(r.provider) ?? null }));
}

/**
 * Platforms with a per-app daily quota (manifest.quota, e.g. YouTube's): a note for their channels
 * once it runs low, so the user sees it before a post waits for the reset. One read per platform.
 */
async function quotaNotes(providers: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(providers)) {
    const p = getProvider(id);
    if (!p?.manifest.quota) continue;
    const note = (await quotaStatus(id, p.name, p.manifest.quota)).note;
    if (note) out.set(id, note);
  }
  return out;
}

export async function getChannel(ctx: OrgContext, id: string) {
  const channel = await ctx.db.integration.findFirst({ where: { id }, select: publicChannelFields });
  if (!channel) throw notFound("Channel");
  return present(channel);
}

export async function setChannelDisabled(ctx: OrgContext, id: string, disabled: boolean) {
  requireRole(ctx, "admin", "enable or disable channels");
  const channel = await ctx.db.integration.findFirst({ where: { id } });
  if (!channel) throw notFound("Channel");
  // Enabling puts back what the channel was; a channel that needs reconnecting stays so.
  const status = disabled ? "disabled" : channel.status === "disabled" ? "active" : channel.status;
  await ctx.db.integration.updateMany({ where: { id }, data: { status } });
  return getChannel(ctx, id);
}

/** How many not-yet-published posts a deletion would take off the schedule. */
export async function channelScheduledCount(ctx: OrgContext, id: string): Promise<number> {
  return ctx.db.postTarget.count({ where: { integrationId: id, status: { in: ["draft", "scheduled"] } } });
}

export async function deleteChannel(ctx: OrgContext, id: string): Promise<{ removedScheduled: number }> {
  requireRole(ctx, "admin", "delete channels");
  const removedScheduled = await channelScheduledCount(ctx, id);
  await ctx.db.$transaction(async (tx) => {
    const posts = await tx.postTarget.findMany({ where: { integrationId: id }, select: { postId: true } });
    const channel = await tx.integration.findFirst({ where: { id }, select: { provider: true, name: true, username: true } });
    const res = await tx.integration.deleteMany({ where: { id } });
    if (res.count === 0 || !channel) throw notFound("Channel");
    // Status changes reach webhooks through a database trigger; a deletion is recorded here.
    await recordWebhookEvent(
      tx as Tx,
      ctx.organizationId,
      "channel.disconnected",
      { channelId: id, platform: channel.provider, name: channel.name, username: channel.username, status: "deleted" },
      [id],
    );
    // The channel's targets went with it; a post that was only for this channel would be left
    // as an empty shell on the calendar, so it goes too. Posts with other channels stay.
    if (posts.length) await tx.post.deleteMany({ where: { id: { in: [...new Set(posts.map((p) => p.postId))] }, targets: { none: {} } } });
  });
  return { removedScheduled };
}
