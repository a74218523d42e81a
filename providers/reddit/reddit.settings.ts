import { z } from "zod";

// Reddit's per-post settings (../shared/platforms/reddit.md §2): every post goes to one subreddit
// (each subreddit is its own target, so posting to several means one target per subreddit) with a
// title Reddit requires (VTitle: at most 300 characters). The kind of post follows from what it
// carries: a video (with its poster image) makes a video post, an image an image post, a link URL
// a link post, otherwise a text ("self") post.
// Flairs are listed for every subreddit the account belongs to, as "<subreddit>:<flair id>", since
// the choices of one field cannot depend on another; the provider refuses a flair of another
// subreddit, and a post without one where the subreddit requires it.

export const REDDIT_TITLE_MAX = 300;

// The composer sends an emptied text field as "": every optional text here takes "" as "not set".
const isHttpUrl = (v: string) => {
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

export const redditSettings = z
  .object({
    subreddit: z
      .string({ error: "subreddit: choose a subreddit" })
      .trim()
      .transform((v) => v.replace(/^\/?r\//i, ""))
      // Subreddit names: 3–21 letters, digits and underscores (Reddit's rule for names).
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_]{2,20}$/, { error: "subreddit: a subreddit name is 3–21 letters, digits or underscores" }),
      )
      .meta({ title: "Subreddit", description: "Where the post goes; one subreddit per channel target.", choices: "channel" }),
    title: z
      .string({ error: "title: a title is required" })
      .trim()
      .min(1, { error: "title: a title is required" })
      .refine((v) => [...v].length <= REDDIT_TITLE_MAX, { error: `title: Reddit titles are at most ${REDDIT_TITLE_MAX} characters` })
      .meta({ title: "Title", description: `Required by Reddit, at most ${REDDIT_TITLE_MAX} characters.` }),
    url: z
      .string({ error: "url: must be text" })
      .trim()
      .refine((v) => v === "" || isHttpUrl(v), { error: "url: the link must be an http(s) URL" })
      .optional()
      .meta({ title: "Link", description: "Makes a link post to this address (the text is then not sent: link posts have no body)." }),
    flair: z
      .string({ error: "flair: must be text" })
      .trim()
      .optional()
      .meta({ title: "Flair", description: "The subreddit's post flair; some subreddits require one.", choices: "channel" }),
    videogif: z.boolean({ error: "videogif: must be true or false" }).optional().meta({
      title: "Post the video as a GIF",
      description: "Reddit's videogif: a silent, looping video. Only for posts with a video.",
    }),
    nsfw: z.boolean({ error: "nsfw: must be true or false" }).optional().meta({ title: "NSFW (over 18)" }),
    spoiler: z.boolean({ error: "spoiler: must be true or false" }).optional().meta({ title: "Spoiler" }),
    sendReplies: z
      .boolean({ error: "sendReplies: must be true or false" })
      .optional()
      .meta({ title: "Send replies to my inbox", description: "Reddit's default is on." }),
  })
  .meta({ title: "Reddit settings" });

export type RedditSettings = z.infer<typeof redditSettings>;

/** A flair choice's value: the subreddit it belongs to and Reddit's flair template id. */
export const flairValue = (subreddit: string, id: string) => `${subreddit.toLowerCase()}:${id}`;
export function parseFlair(v: string | undefined): { subreddit: string; id: string } | undefined {
  const at = v ? v.indexOf(":") : -1;
  return v && at > 0 ? { subreddit: v.slice(0, at), id: v.slice(at + 1) } : undefined;
}
