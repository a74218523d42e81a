import { z } from "zod";
import { idText, isValidTimeZone, safeText } from "@/lib/validation";

// One input schema per change to a channel group (a customer or brand), shared by the Channels
// page, the route handlers and the public API. A group's time zone is optional: without one the
// composer keeps the user's own zone.

export const GROUP_NAME_MAX = 80;
export const GROUP_CHANNELS_MAX = 500;

export const groupNameSchema = safeText()
  .trim()
  .min(1, "give the group a name")
  .max(GROUP_NAME_MAX, `a group name is at most ${GROUP_NAME_MAX} characters`);

const TZ_RULE = "must be an IANA time zone such as Europe/Paris, or empty for the user's own";
/** An IANA zone, stored in its canonical spelling ("europe/paris" -> "Europe/Paris"); null or "" for none. */
export const groupTimeZoneSchema = z
  .union([z.string({ message: TZ_RULE }).max(100, "a time zone is at most 100 characters"), z.null()], { message: TZ_RULE })
  .refine((v) => v === null || !v.trim() || isValidTimeZone(v.trim()), TZ_RULE)
  .transform((v) => (v === null || !v.trim() ? null : canonicalZone(v.trim())));

function canonicalZone(tz: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
}

const channelIdsSchema = z
  .array(idText("pick a channel"), { message: "channelIds must be a list of channel ids" })
  .max(GROUP_CHANNELS_MAX, `a group has at most ${GROUP_CHANNELS_MAX} channels`)
  .refine((list) => new Set(list).size === list.length, "each channel can be listed once");

/** POST /api/channel-groups */
export const groupInputSchema = z.object({
  name: groupNameSchema,
  timeZone: groupTimeZoneSchema.optional().default(null),
  channelIds: channelIdsSchema.optional().default([]),
});

/** PATCH /api/channel-groups/:id: rename, set the zone, replace the channels; any of them. */
export const groupPatchSchema = z
  .object({ name: groupNameSchema.optional(), timeZone: groupTimeZoneSchema.optional(), channelIds: channelIdsSchema.optional() })
  .refine((p) => p.name !== undefined || p.timeZone !== undefined || p.channelIds !== undefined, {
    path: ["name"],
    message: "give a new name, time zone or channels",
  });

export type GroupInput = z.infer<typeof groupInputSchema>;
export type GroupPatch = z.infer<typeof groupPatchSchema>;
