import { v1Handler } from "@/lib/api/v1/handler";
import { getChannelOp } from "@/lib/api/v1/operations/channels";
import { channelView } from "@/lib/api/v1/views/channels";
import { getChannel } from "@/lib/channels/queries";

export const GET = v1Handler(getChannelOp, async ({ ctx, params }) => channelView(await getChannel(ctx, params.id)));
