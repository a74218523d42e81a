import { z } from "zod";

// Company page posts are always public on LinkedIn.
export const linkedinPageSettings = z.object({
  visibility: z
    .literal("PUBLIC", { error: "visibility must be PUBLIC: LinkedIn company page posts are always public" })
    .default("PUBLIC")
    .meta({ title: "Visibility", description: "Company page posts are always public.", optionLabels: { PUBLIC: "Anyone (public)" } }),
});

export type LinkedInPageSettings = z.infer<typeof linkedinPageSettings>;
