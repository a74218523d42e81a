import { z } from "zod";
import { idText, safeText, unsafeUrlReason } from "@/lib/validation";
import { WEBHOOK_EVENTS } from "./events";

// The endpoint form's input, shared by the settings form, the server actions and the routes.
// The address policy (https, no private address) is checked on top of this by lib/webhooks/url.ts.

export const endpointInputSchema = z.object({
  url: safeText("url must be text")
    .trim()
    .min(1, "Enter the address that receives the webhooks")
    .superRefine((s, ctx) => {
      const reason = unsafeUrlReason(s);
      if (reason) ctx.addIssue({ code: "custom", message: `The address ${reason}` });
    }),
  description: safeText("description must be text").trim().max(200, "The description is at most 200 characters").default(""),
  /** [] = every event. */
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `each event must be one of ${WEBHOOK_EVENTS.join(", ")}` }), { error: "events must be a list" })
    .max(WEBHOOK_EVENTS.length)
    .default([])
    .transform((a) => [...new Set(a)]),
  /** [] = every channel. */
  channelIds: z
    .array(idText("each channel must be a channel id"), { error: "channelIds must be a list" })
    .max(500, "at most 500 channels")
    .default([])
    .transform((a) => [...new Set(a)]),
});
export type EndpointInput = z.infer<typeof endpointInputSchema>;

export const endpointPatchSchema = endpointInputSchema.partial().extend({
  enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
});
