import { z } from "zod";
import { repeatSchema } from "@/lib/recurrence/rule";
import { boundedDate } from "@/lib/validation";
import { targetSchema } from "./schemas";

// Inputs of recurring posts, shared by the composer and the API. A series is a scheduled post
// (its first occurrence at publishAt) plus the repeat settings; edits of one occurrence say
// whether they are for "this" occurrence only or "this and following".

const uniqueChannels = (p: { targets: unknown }) =>
  !Array.isArray(p.targets) || new Set(p.targets.map((t: { channelId?: unknown } | undefined) => t?.channelId)).size === p.targets.length;

/** POST /api/series */
export const seriesInputSchema = z
  .object({
    publishAt: boundedDate("publishAt"),
    targets: z.array(targetSchema).min(1, "pick at least one channel").max(100),
    repeat: repeatSchema,
  })
  .refine(uniqueChannels, { path: ["targets"], message: "each channel can be picked once" });
export type SeriesInput = z.infer<typeof seriesInputSchema>;

export const editScopes = ["this", "following"] as const;
export type EditScope = (typeof editScopes)[number];
const scopeSchema = z.enum(editScopes, { message: "scope must be this or following" });

/** PUT /api/posts/:id/occurrence: the edited content, for this occurrence or this and the following ones. */
export const occurrenceEditSchema = z
  .object({
    scope: scopeSchema,
    publishAt: boundedDate("publishAt"),
    targets: z.array(targetSchema).min(1, "pick at least one channel").max(100),
    /** A new rule for the following occurrences; the series' own rule when left out. Ignored for "this". */
    repeat: repeatSchema.optional(),
  })
  .refine(uniqueChannels, { path: ["targets"], message: "each channel can be picked once" });
export type OccurrenceEdit = z.infer<typeof occurrenceEditSchema>;

/** DELETE /api/posts/:id/occurrence?scope=this|following */
export const occurrenceDeleteQuerySchema = z.object({ scope: scopeSchema });
