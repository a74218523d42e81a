import { v1Handler } from "@/lib/api/v1/handler";
import { createChannelGroupOp, listChannelGroupsOp } from "@/lib/api/v1/operations/groups";
import { createGroup, listGroups } from "@/lib/channel-groups/operations";

export const GET = v1Handler(listChannelGroupsOp, async ({ ctx }) => ({ data: await listGroups(ctx) }));

export const POST = v1Handler(createChannelGroupOp, async ({ ctx, body }) => createGroup(ctx, body));
