import { z } from "zod";
import type { OptionLabels } from "../core/settings-labels";

const VISIBILITIES = ["PUBLIC", "CONNECTIONS", "LOGGED_IN"] as const;
const VISIBILITY_LABELS: OptionLabels<(typeof VISIBILITIES)[number]> = {
  PUBLIC: "Anyone",
  CONNECTIONS: "Your connections only",
  LOGGED_IN: "LinkedIn members only",
};

export const linkedinSettings = z.object({
  visibility: z
    .enum(VISIBILITIES, {
      error: "visibility must be PUBLIC (anyone), CONNECTIONS (your connections only) or LOGGED_IN (LinkedIn members)",
    })
    .default("PUBLIC")
    .meta({ title: "Visibility", description: "Who can see the post.", optionLabels: VISIBILITY_LABELS }),
});

export type LinkedInSettings = z.infer<typeof linkedinSettings>;
