import { z } from "zod";

// Hashnode's per-post settings, shown as a form in the composer: each field needs a title (and
// each choice a label) in its .meta(), and {} must stay valid, so every field is optional or has a default.
// TODO(hashnode): §2 Publishing — the options a post may carry (visibility, language…), or none.
export const hashnodeSettings = z.object({}).meta({ title: "Hashnode settings" });

export type HashnodeSettings = z.infer<typeof hashnodeSettings>;
