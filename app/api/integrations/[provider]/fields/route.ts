import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { connectWithFields } from "@/lib/channels/connect";
import { getChannel } from "@/lib/channels/queries";

const body = z.object({ values: z.record(z.string(), z.string()), channelId: z.string().optional() });

// POST /api/integrations/:provider/fields - connect with typed credentials (e.g. Bluesky app password)
export const POST = apiRoute<{ provider: string }>(async (req, ctx, { provider }) => {
  const { values, channelId } = body.parse(await readJson(req));
  const saved = await connectWithFields(ctx, provider, values, channelId);
  return { channel: await getChannel(ctx, saved.id) };
});
