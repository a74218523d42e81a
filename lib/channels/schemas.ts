import { z } from "zod";
import type { CustomField } from "@/providers/social.integrations.interface";
import { idText, safeText, unsafeUrlReason } from "@/lib/validation";

// Request bodies of the channel routes, here rather than in the route files so the fuzz test
// generates its inputs from the very schemas the routes use.

/** PATCH /api/channels/:id */
export const channelPatchSchema = z.object({ disabled: z.boolean({ error: "disabled must be true or false" }) });

/** POST /api/channels/:id/pages */
export const pagePickSchema = z.object({ pageId: idText("Pick a page") });

/** POST /api/integrations/:provider/fields: the typed credentials, keyed by the provider's field keys. */
export const connectFieldsSchema = z.object({
  values: z.record(
    safeText().max(100, "a field name is at most 100 characters"),
    safeText("must be text").max(2000, "is at most 2000 characters"),
  ),
  channelId: idText("channelId must be a channel id").optional(),
});

/**
 * A server address a user typed ("bsky.social" or "https://pds.example.com"): refused here, with
 * its field named, when no server could have that address (`ht!tp://%%%`), rather than after a
 * failed connection attempt that would look like the platform's fault.
 */
export function serverFieldErrors(fields: CustomField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.key]?.trim();
    if (f.type !== "url" || !raw) continue;
    const reason = unsafeUrlReason(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (reason) out[`values.${f.key}`] = `${f.label} ${reason}`;
  }
  return out;
}
