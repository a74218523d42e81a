import { notFound } from "@/lib/errors";
import { v1Handler } from "@/lib/api/v1/handler";
import { createChannelSetOp, listChannelSetsOp } from "@/lib/api/v1/operations/reuse";
import { createSet, listSets } from "@/lib/sets/operations";

export const GET = v1Handler(listChannelSetsOp, async ({ ctx }) => ({ data: await listSets(ctx) }));

export const POST = v1Handler(createChannelSetOp, async ({ ctx, body }) => {
  const { id } = await createSet(ctx, body);
  const set = (await listSets(ctx)).find((s) => s.id === id);
  if (!set) throw notFound("Channel set"); // deleted in between by another request
  return set;
});
