import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";

// What the browser may see of a channel: never its tokens or credentials.
export const publicChannelFields = {
  id: true, provider: true, internalId: true, name: true, username: true, picture: true, status: true,
  instanceUrl: true, tokenExpiresAt: true, createdAt: true, updatedAt: true,
} as const;

export async function getChannel(ctx: OrgContext, id: string) {
  const channel = await ctx.db.integration.findFirst({ where: { id }, select: publicChannelFields });
  if (!channel) throw notFound("Channel");
  return channel;
}
