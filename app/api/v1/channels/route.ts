import { v1Handler } from "@/lib/api/v1/handler";
import { listChannelsOp } from "@/lib/api/v1/operations/channels";
import { channelView } from "@/lib/api/v1/views/channels";
import { listChannels } from "@/lib/channels/queries";

export const GET = v1Handler(listChannelsOp, async ({ ctx }) => ({ data: (await listChannels(ctx)).map(channelView) }));
