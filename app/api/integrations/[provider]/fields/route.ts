import { apiRoute, readJson } from "@/lib/api/route";
import { connectWithFields, providerOr404 } from "@/lib/channels/connect";
import { getChannel } from "@/lib/channels/queries";
import { connectFieldsSchema, serverFieldErrors } from "@/lib/channels/schemas";
import { ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";

// POST /api/integrations/:provider/fields - connect with typed credentials (e.g. Bluesky app password)
export const POST = apiRoute<{ provider: string }>(async (req, ctx, { provider }) => {
  const { values, channelId } = parseOrThrow(connectFieldsSchema, await readJson(req));
  const bad = serverFieldErrors(providerOr404(provider).customFields?.() ?? [], values);
  if (Object.keys(bad).length) throw new ValidationError(bad);
  const saved = await connectWithFields(ctx, provider, values, channelId);
  return { channel: await getChannel(ctx, saved.id) };
});
