import { v1Handler } from "@/lib/api/v1/handler";
import { disableChannelOp } from "@/lib/api/v1/operations/channels";
import { channelView } from "@/lib/api/v1/views/channels";
import { setChannelDisabled } from "@/lib/channels/queries";

export const POST = v1Handler(disableChannelOp, async ({ ctx, params }) => channelView(await setChannelDisabled(ctx, params.id, true)));
