import { z } from "zod";

// A shot's settings (../shared/platforms/dribbble.md §2): the title (Dribbble refuses a shot
// without one), up to 12 tags, optionally a team of the user's to post for (its numeric id, from
// GET /v2/user's teams) and whether to keep the shot off the profile's main stream. The
// description is the post's text; the image is the post's one attachment.

export const dribbbleSettings = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "A shot needs a title")
      .max(255, "A shot title here is at most 255 characters")
      .meta({ title: "Shot title" }),
    tags: z
      .array(z.string().trim().min(1, "A tag cannot be empty").max(50, "A tag here is at most 50 characters"))
      .max(12, "A shot takes at most 12 tags")
      .optional()
      .meta({ title: "Tags", description: "Up to 12, separated by commas" }),
    team: z
      .string()
      .trim()
      .regex(/^\d+$/, "Pick one of your teams")
      .optional()
      .meta({ title: "Post for team", description: "Optional: one of the teams you belong to", choices: "channel" }),
    lowProfile: z.boolean().optional().meta({ title: "Keep off my profile's main stream" }),
  })
  .meta({ title: "Dribbble settings" });

export type DribbbleSettings = z.infer<typeof dribbbleSettings>;
