import { assertNameFree, onNameClash } from "@/lib/db/unique-name";
import { notFound, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { parseOrThrow } from "@/lib/validation";
import { groupInputSchema, groupPatchSchema } from "./schemas";

// Channel groups of an organization: a customer or brand, with the channels it owns and the time
// zone its posts are planned in. A channel is in at most one group (the member row is keyed by the
// channel), so assigning a channel to a group takes it out of the one it was in. Channel sets
// (lib/sets) are a different thing: saved selections with default settings, any channel in many.

export type ChannelGroupView = { id: string; name: string; timeZone: string | null; channelIds: string[] };

export async function listGroups(ctx: OrgContext): Promise<ChannelGroupView[]> {
  const groups = await ctx.db.channelGroup.findMany({
    orderBy: { name: "asc" },
    include: { members: { select: { integrationId: true }, orderBy: { integrationId: "asc" } } },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, timeZone: g.timeZone, channelIds: g.members.map((m) => m.integrationId) }));
}

export async function getGroup(ctx: OrgContext, id: string): Promise<ChannelGroupView> {
  const group = (await listGroups(ctx)).find((g) => g.id === id);
  if (!group) throw notFound("Channel group");
  return group;
}

/** The listed channels must all be the organization's own; each one that is not is named by its position. */
async function checkChannels(ctx: OrgContext, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(rows.map((r) => r.id));
  const errors: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!known.has(id)) errors[`channelIds.${i}`] = "this channel does not exist in your organization";
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

type Db = Pick<OrgContext["db"], "channelGroupMember">;

/** Makes `ids` exactly the group's channels, moving each from any group it was in. */
async function writeMembers(db: Db, ctx: OrgContext, groupId: string, ids: string[]) {
  await db.channelGroupMember.deleteMany({ where: { OR: [{ groupId }, { integrationId: { in: ids } }] } });
  if (ids.length)
    await db.channelGroupMember.createMany({
      data: ids.map((integrationId) => ({ organizationId: ctx.organizationId, groupId, integrationId })),
    });
}

export async function createGroup(ctx: OrgContext, raw: unknown): Promise<ChannelGroupView> {
  const input = parseOrThrow(groupInputSchema, raw);
  await assertNameFree((a) => ctx.db.channelGroup.findFirst(a), input.name, "A group");
  await checkChannels(ctx, input.channelIds);
  const id = await onNameClash("A group", input.name, () =>
    ctx.db.$transaction(async (tx) => {
      const group = await tx.channelGroup.create({
        data: { organizationId: ctx.organizationId, name: input.name, timeZone: input.timeZone },
      });
      await writeMembers(tx, ctx, group.id, input.channelIds);
      return group.id;
    }),
  );
  return getGroup(ctx, id);
}

export async function updateGroup(ctx: OrgContext, id: string, raw: unknown): Promise<ChannelGroupView> {
  const input = parseOrThrow(groupPatchSchema, raw);
  const group = await ctx.db.channelGroup.findFirst({ where: { id } });
  if (!group) throw notFound("Channel group");
  if (input.name !== undefined) await assertNameFree((a) => ctx.db.channelGroup.findFirst(a), input.name, "A group", id);
  if (input.channelIds) await checkChannels(ctx, input.channelIds);
  await onNameClash("A group", input.name ?? group.name, () =>
    ctx.db.$transaction(async (tx) => {
      await tx.channelGroup.updateMany({
        where: { id },
        data: { name: input.name ?? group.name, timeZone: input.timeZone === undefined ? group.timeZone : input.timeZone },
      });
      if (input.channelIds) await writeMembers(tx, ctx, id, input.channelIds);
    }),
  );
  return getGroup(ctx, id);
}

export async function deleteGroup(ctx: OrgContext, id: string): Promise<void> {
  const { count } = await ctx.db.channelGroup.deleteMany({ where: { id } });
  if (!count) throw notFound("Channel group");
}
