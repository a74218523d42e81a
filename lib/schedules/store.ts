import type { OrgContext } from "@/lib/orgs/context";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseOrThrow } from "@/lib/validation";
import { scheduleInputSchema } from "./schemas";
import { normalizeSlots, type Slot } from "./slots";

// Reading and saving channels' posting schedules, always within the organization (ctx.db).

export type ChannelSchedule = { channelId: string; timeZone: string; slots: Slot[]; paused: boolean; closeGaps: boolean };

type Row = { integrationId: string; timeZone: string; slots: unknown; paused: boolean; closeGaps: boolean };
export const toSchedule = (r: Row): ChannelSchedule => ({
  channelId: r.integrationId,
  timeZone: r.timeZone,
  slots: normalizeSlots(Array.isArray(r.slots) ? (r.slots as Slot[]) : []),
  paused: r.paused,
  closeGaps: r.closeGaps,
});

/** The schedules of the organization's channels (all, or those named); a channel without one is absent. */
export async function listSchedules(ctx: OrgContext, channelIds?: string[]): Promise<ChannelSchedule[]> {
  const rows = await ctx.db.channelSchedule.findMany({ where: channelIds ? { integrationId: { in: channelIds } } : {} });
  return rows.map(toSchedule);
}

/** Sets the same slots, zone and switches on every channel named (create or replace). */
export async function saveSchedules(ctx: OrgContext, raw: unknown): Promise<ChannelSchedule[]> {
  const input = parseOrThrow(scheduleInputSchema, raw);
  const ids = [...new Set(input.channelIds)];
  const found = await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const missing = input.channelIds.flatMap((id, i) =>
    known.has(id) ? [] : [[`channelIds.${i}`, "this channel does not exist in your organization"]],
  );
  if (missing.length) throw new ValidationError(Object.fromEntries(missing));
  const slots = normalizeSlots(input.slots) as unknown as Prisma.InputJsonValue;
  const data = { timeZone: input.timeZone, slots, paused: input.paused, closeGaps: input.closeGaps, updatedAt: new Date() };
  await ctx.db.$transaction(
    ids.map((id) =>
      ctx.db.channelSchedule.upsert({
        where: { integrationId: id },
        create: { ...data, integrationId: id, organizationId: ctx.organizationId },
        update: data,
      }),
    ),
  );
  return listSchedules(ctx, ids);
}
