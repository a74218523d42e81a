import { apiRoute } from "@/lib/api/route";
import { channelScheduledCount, getChannel } from "@/lib/channels/queries";

// GET /api/channels/:id/scheduled - how many unpublished posts a deletion would unschedule
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => {
  await getChannel(ctx, id);
  return { scheduled: await channelScheduledCount(ctx, id) };
});
