import { z } from "zod";

// Per-post settings Moltbook's POST /posts takes (../shared/platforms/moltbook.md §2–3): the
// submolt (community) to post in, a title of 1–300 characters, and optionally a link, which makes
// the post a link post (Moltbook takes either text or a URL, never both).

export const TITLE_MAX = 300;
const TITLE_REQUIRED = "Title is required: Moltbook refuses a post without one";

export const moltbookSettings = z
  .object({
    submolt: z
      .string({ error: "Submolt is required: Moltbook posts always go to a submolt (community), such as general" })
      .trim()
      .min(1, { error: "Submolt is required: Moltbook posts always go to a submolt (community), such as general" })
      // Moltbook lower-cases the name itself; a name is one word (it is the /m/<name> path).
      .regex(/^[^\s/?#]+$/, { error: "Submolt must be the community's name without spaces or slashes, such as general" })
      .transform((s) => s.toLowerCase())
      .meta({ title: "Submolt", description: "The community to post in, such as general.", choices: "channel" }),
    title: z
      .string({ error: TITLE_REQUIRED })
      .trim()
      .min(1, { error: TITLE_REQUIRED })
      // The server measures title.length: UTF-16 code units.
      .refine((t) => t.length <= TITLE_MAX, { error: `Title must be at most ${TITLE_MAX} characters` })
      .meta({ title: "Title", description: `Required; at most ${TITLE_MAX} characters.` }),
    link: z
      .url({ protocol: /^https?$/, error: "Link must be an http(s) address" })
      .optional()
      .meta({
        title: "Link",
        description: "Makes this a link post: Moltbook then shows the link instead of text, so leave the text empty.",
      }),
  })
  .meta({ title: "Moltbook settings" });

export type MoltbookSettings = z.infer<typeof moltbookSettings>;
