import { z } from "zod";

// Medium's per-post settings, shown as a form in the composer: each field needs a title (and
// each choice a label) in its .meta(), and {} must stay valid, so every field is optional or has a default.
// TODO(medium): §2 Publishing — the options a post may carry (visibility, language…), or none.
export const mediumSettings = z.object({}).meta({ title: "Medium settings" });

export type MediumSettings = z.infer<typeof mediumSettings>;
