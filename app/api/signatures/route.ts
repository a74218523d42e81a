import { apiRoute, readJson } from "@/lib/api/route";
import { createSignature, listSignatures } from "@/lib/signatures/operations";

// GET /api/signatures - the organization's signatures
export const GET = apiRoute(async (_req, ctx) => ({ signatures: await listSignatures(ctx) }));

// POST /api/signatures - add one: { name, body, auto?, channelIds?, providers? }
export const POST = apiRoute(async (req, ctx) => {
  const { id } = await createSignature(ctx, await readJson(req));
  return { signature: (await listSignatures(ctx)).find((s) => s.id === id) };
});
