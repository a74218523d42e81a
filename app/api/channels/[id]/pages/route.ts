import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { listPages, pickPage } from "@/lib/channels/pages";
import { getChannel } from "@/lib/channels/queries";

// GET /api/channels/:id/pages - the pages/companies a pending channel can become
export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => ({ pages: await listPages(ctx, id) }));

const body = z.object({ pageId: z.string().min(1, "Pick a page") });

// POST /api/channels/:id/pages - pick one; the channel becomes active
export const POST = apiRoute<{ id: string }>(async (req, ctx, { id }) => {
  const { pageId } = body.parse(await readJson(req));
  const picked = await pickPage(ctx, id, pageId);
  return { channel: await getChannel(ctx, picked.id) };
});
