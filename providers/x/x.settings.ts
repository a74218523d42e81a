import { z } from "zod";

// Per-post options X documents on POST /2/tweets (reply_settings, community_id).

export const X_REPLY_SETTINGS = ["following", "mentionedUsers", "subscribers", "verified"] as const;

export const xSettings = z.object({
  replySettings: z
    .enum(X_REPLY_SETTINGS, { error: `Who can reply must be one of: ${X_REPLY_SETTINGS.join(", ")}` })
    .optional()
    .meta({ title: "Who can reply", description: "Leave empty to let everyone reply." }),
  communityId: z
    .string({ error: "Community id must be text" })
    .regex(/^\d{1,19}$/, { error: "Community id must be the community's numeric id (digits only)" })
    .optional()
    .meta({ title: "Community id", description: "Post into an X Community you belong to." }),
});

export type XSettings = z.infer<typeof xSettings>;
