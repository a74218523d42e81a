import { z } from "zod";
import { safeUrl } from "@/lib/validation";

/** GET /api/link-preview?url= */
export const linkPreviewQuerySchema = z.object({ url: z.string({ message: "give the page address as ?url=" }).pipe(safeUrl()) });
