import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseOrThrow } from "@/lib/validation";
import { setInputSchema, setPatchSchema, type SetChannelInput } from "./schemas";
import { assertNameFree, onNameClash } from "@/lib/db/unique-name";
import { checkSetChannels } from "./validate";

// Channel sets of an organization: a name and, per channel, the settings it starts with when the
// set is picked in the composer. Members go with their channel (a foreign key cascade), so a
// deleted channel simply is no longer listed; a disconnected one is listed with its status.

export type ChannelSetView = {
  id: string;
  name: string;
  channels: { channelId: string; name: string; provider: string; status: string; settings: Record<string, unknown> }[];
};

export async function listSets(ctx: OrgContext): Promise<ChannelSetView[]> {
  const sets = await ctx.db.channelSet.findMany({
    orderBy: { name: "asc" },
    include: { members: { orderBy: { position: "asc" } } },
  });
  const ids = [...new Set(sets.flatMap((s) => s.members.map((m) => m.integrationId)))];
  const channels = ids.length
    ? await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, provider: true, status: true } })
    : [];
  const byId = new Map(channels.map((c) => [c.id, c]));
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    channels: s.members.flatMap((m) => {
      const c = byId.get(m.integrationId);
      return c
        ? [{ channelId: c.id, name: c.name, provider: c.provider, status: c.status, settings: m.settings as Record<string, unknown> }]
        : [];
    }),
  }));
}

async function writeMembers(tx: Tx, ctx: OrgContext, setId: string, channels: SetChannelInput[]) {
  await tx.channelSetMember.deleteMany({ where: { setId, organizationId: ctx.organizationId } });
  await tx.channelSetMember.createMany({
    data: channels.map((c, position) => ({
      organizationId: ctx.organizationId,
      setId,
      integrationId: c.channelId,
      position,
      settings: c.settings as Prisma.InputJsonValue,
    })),
  });
}

export async function createSet(ctx: OrgContext, raw: unknown): Promise<{ id: string }> {
  const input = parseOrThrow(setInputSchema, raw);
  await assertNameFree((a) => ctx.db.channelSet.findFirst(a), input.name, "A set");
  const channels = await checkSetChannels(ctx, input.channels);
  return onNameClash("A set", input.name, () =>
    ctx.db.$transaction(async (tx) => {
      const set = await tx.channelSet.create({ data: { organizationId: ctx.organizationId, name: input.name } });
      await writeMembers(tx as Tx, ctx, set.id, channels);
      return { id: set.id };
    }),
  );
}

export async function updateSet(ctx: OrgContext, id: string, raw: unknown): Promise<{ id: string }> {
  const input = parseOrThrow(setPatchSchema, raw);
  const set = await ctx.db.channelSet.findFirst({ where: { id } });
  if (!set) throw notFound("Channel set");
  if (input.name !== undefined) await assertNameFree((a) => ctx.db.channelSet.findFirst(a), input.name, "A set", id);
  const channels = input.channels ? await checkSetChannels(ctx, input.channels) : undefined;
  await onNameClash("A set", input.name ?? set.name, () =>
    ctx.db.$transaction(async (tx) => {
      await tx.channelSet.update({ where: { id }, data: { name: input.name ?? set.name } });
      if (channels) await writeMembers(tx as Tx, ctx, id, channels);
    }),
  );
  return { id };
}

export async function deleteSet(ctx: OrgContext, id: string): Promise<void> {
  const { count } = await ctx.db.channelSet.deleteMany({ where: { id } });
  if (!count) throw notFound("Channel set");
}
