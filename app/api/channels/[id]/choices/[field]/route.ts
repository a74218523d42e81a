import { apiRoute } from "@/lib/api/route";
import { listChoices } from "@/lib/channels/choices";

// GET /api/channels/:id/choices/:field - the choices of a settings field read from the channel
// (categories, boards…): { choices: [{ value, label }] }; 404 for another organization's channel
// or a field without such choices, 409/502 with the platform's reason when it refuses or fails.
export const GET = apiRoute<{ id: string; field: string }>(async (_req, ctx, { id, field }) => ({
  choices: await listChoices(ctx, id, field),
}));
