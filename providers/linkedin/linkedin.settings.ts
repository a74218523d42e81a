import { z } from "zod";

export const linkedinSettings = z.object({
  visibility: z
    .enum(["PUBLIC", "CONNECTIONS", "LOGGED_IN"], { error: "visibility must be PUBLIC (anyone), CONNECTIONS (your connections only) or LOGGED_IN (LinkedIn members)" })
    .default("PUBLIC")
    .meta({ title: "Visibility", description: "Who can see the post." }),
});

export type LinkedInSettings = z.infer<typeof linkedinSettings>;
