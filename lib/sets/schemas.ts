import { z } from "zod";
import { idText, safeText } from "@/lib/validation";

// One input schema per change to a channel set, shared by the composer, the sets page and the API.
// The settings of each channel are checked again against its platform's own schema (validate.ts).

export const SET_NAME_MAX = 80;
export const SET_CHANNELS_MAX = 100;
/** A channel's default settings as JSON: generous for titles and tags, bounded against abuse. */
export const SET_SETTINGS_MAX = 20_000;

export const setNameSchema = safeText()
  .trim()
  .min(1, "give the set a name")
  .max(SET_NAME_MAX, `a set name is at most ${SET_NAME_MAX} characters`);

export const setChannelSchema = z.object({
  channelId: idText("pick a channel"),
  settings: z
    .record(safeText().max(100, "a setting name is at most 100 characters"), z.unknown())
    .default({})
    .refine((s) => JSON.stringify(s).length <= SET_SETTINGS_MAX, `a channel's settings are at most ${SET_SETTINGS_MAX} characters`),
});

const channelsSchema = z
  .array(setChannelSchema)
  .min(1, "pick at least one channel")
  .max(SET_CHANNELS_MAX, `a set has at most ${SET_CHANNELS_MAX} channels`)
  .refine((list) => new Set(list.map((c) => c?.channelId)).size === list.length, "each channel can be in a set once");

/** POST /api/channel-sets */
export const setInputSchema = z.object({ name: setNameSchema, channels: channelsSchema });
/** PATCH /api/channel-sets/:id: rename, or change the channels, or both. */
export const setPatchSchema = z
  .object({ name: setNameSchema.optional(), channels: channelsSchema.optional() })
  .refine((p) => p.name !== undefined || p.channels !== undefined, { path: ["name"], message: "give a new name or channels" });

export type SetInput = z.infer<typeof setInputSchema>;
export type SetChannelInput = z.infer<typeof setChannelSchema>;
