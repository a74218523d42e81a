import { apiRoute, readJson } from "@/lib/api/route";
import { listPages, pickPage } from "@/lib/channels/pages";
import { getChannel } from "@/lib/channels/queries";
import { pagePickSchema } from "@/lib/channels/schemas";
import { parseOrThrow } from "@/lib/validation";

// GET /api/channels/:id/pages - the pages/companies a pending channel can become
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ pages: await listPages(ctx, id) }));

// POST /api/channels/:id/pages - pick one; the channel becomes active
export const POST = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { pageId } = parseOrThrow(pagePickSchema, await readJson(req));
  const picked = await pickPage(ctx, id, pageId);
  return { channel: await getChannel(ctx, picked.id) };
});
