import { z } from "zod";

// Lemmy's per-post settings (../shared/platforms/lemmy.md §2, §3): the community (required; chosen
// from the account's instance, or typed as name@instance), the title (required, 3–200 characters,
// one line: validation.rs is_valid_post_title), an optional link URL and the NSFW flag.

export const LEMMY_TITLE_MIN = 3;
export const LEMMY_TITLE_MAX = 200;
const URL_MAX = 2000;

const isHttpUrl = (v: string) => {
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

export const lemmySettings = z
  .object({
    community: z
      .string({ error: "community: choose a community" })
      .trim()
      .transform((v) => v.replace(/^!/, ""))
      .pipe(
        z
          .string()
          .regex(/^(\d+|[A-Za-z0-9_]{1,50}(@[A-Za-z0-9.-]+(:\d+)?)?)$/, { error: "community: a community is name or name@instance" }),
      )
      .meta({ title: "Community", description: "Where the post goes, such as technology@lemmy.world.", choices: "channel" }),
    title: z
      .string({ error: "title: a title is required" })
      .trim()
      .refine((v) => !/[\r\n]/.test(v), { error: "title: a Lemmy title is one line" })
      .refine((v) => [...v].length >= LEMMY_TITLE_MIN, { error: `title: Lemmy titles are at least ${LEMMY_TITLE_MIN} characters` })
      .refine((v) => [...v].length <= LEMMY_TITLE_MAX, { error: `title: Lemmy titles are at most ${LEMMY_TITLE_MAX} characters` })
      .meta({ title: "Title", description: `Required, ${LEMMY_TITLE_MIN}–${LEMMY_TITLE_MAX} characters.` }),
    url: z
      .string({ error: "url: must be text" })
      .trim()
      .refine((v) => v === "" || (isHttpUrl(v) && v.length <= URL_MAX), {
        error: `url: the link must be an http(s) URL of at most ${URL_MAX} characters`,
      })
      .optional()
      .meta({ title: "Link", description: "The post's link (an attached image takes its place)." }),
    nsfw: z.boolean({ error: "nsfw: must be true or false" }).optional().meta({ title: "NSFW" }),
  })
  .meta({ title: "Lemmy settings" });

export type LemmySettings = z.infer<typeof lemmySettings>;
