import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

// Per-post options X documents on POST /2/tweets (reply_settings, community_id).

export const X_REPLY_SETTINGS = ["following", "mentionedUsers", "subscribers", "verified"] as const;
const REPLY_LABELS: OptionLabels<(typeof X_REPLY_SETTINGS)[number]> = {
  following: "Accounts you follow",
  mentionedUsers: "Only accounts you mention",
  subscribers: "Your subscribers",
  verified: "Verified accounts",
};

export const xSettings = z.object({
  replySettings: z
    .enum(X_REPLY_SETTINGS, { error: `Who can reply must be one of: ${Object.values(REPLY_LABELS).join(", ")}` })
    .optional()
    .meta({
      title: "Who can reply",
      description: "Leave it on Everyone to let anyone reply.",
      optionLabels: REPLY_LABELS,
      emptyLabel: "Everyone",
    }),
  communityId: z
    .string({ error: "Community id must be text" })
    .regex(/^\d{1,19}$/, { error: "Community id must be the community's numeric id (digits only)" })
    .optional()
    .meta({ title: "Community id", description: "Post into an X Community you belong to." }),
});

export type XSettings = z.infer<typeof xSettings>;
