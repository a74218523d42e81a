import { z } from "zod";

// Per-post settings. `langs` tells feeds and readers which language the text is in; the record
// lexicon allows at most three BCP-47 tags.
const BCP47 = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

export const blueskySettings = z.object({
  langs: z
    .array(z.string().trim().regex(BCP47, { error: "langs: each entry must be a language tag such as en or pt-BR" }))
    .max(3, { error: "langs: Bluesky accepts at most 3 languages per post" })
    .optional()
    .meta({ title: "Languages", description: "Up to 3 language tags, such as en or pt-BR, separated by commas." }),
});

export type BlueskySettings = z.infer<typeof blueskySettings>;
