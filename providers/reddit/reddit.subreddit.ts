import { z } from "zod";
import { ProviderError } from "../core/errors";
import type { SettingsChoice } from "../social.integrations.interface";
import type { RedditApi } from "./reddit.api";
import { flairValue, parseFlair } from "./reddit.settings";

// A subreddit's rules for a submission, read before anything is uploaded or submitted
// (../shared/platforms/reddit.md §2): GET /r/{sr}/about (submission_type any|link|self,
// allow_images, allow_videos, user_is_banned) and GET /api/v1/{sr}/post_requirements (is_flair_required, title
// and body lengths, body_restriction_policy). And the choices offered in the composer: the
// subreddits the account is subscribed to or moderates, and each one's link flairs.

const about = z.object({
  data: z.object({
    display_name: z.string(),
    submission_type: z.enum(["any", "link", "self"]).catch("any"),
    allow_images: z.boolean().nullish(),
    allow_videos: z.boolean().nullish(),
    user_is_banned: z.boolean().nullish(),
  }),
});

const requirements = z.object({
  is_flair_required: z.boolean().nullish(),
  title_text_min_length: z.number().nullish(),
  title_text_max_length: z.number().nullish(),
  body_restriction_policy: z.string().nullish(),
  body_text_min_length: z.number().nullish(),
  body_text_max_length: z.number().nullish(),
});

export type SubmitKind = "self" | "link" | "image" | "video";
export type Submission = { subreddit: string; kind: SubmitKind; title: string; text: string; flair?: string };

/** A subreddit's rule the submission breaks, with the setting it concerns. */
export class SubredditRuleError extends ProviderError {
  constructor(
    readonly rule: string,
    readonly field: "subreddit" | "flair" | "title" | "url",
    subreddit: string,
  ) {
    super("bad-body", `r/${subreddit}: ${rule}`, { mayHavePublished: false });
  }
}

const refuse = (sr: string, rule: string, field: SubredditRuleError["field"] = "subreddit") => new SubredditRuleError(rule, field, sr);

/** Refuses, naming the subreddit and its rule, what the subreddit would refuse; returns its exact name. */
export async function checkSubmission(api: RedditApi, s: Submission): Promise<string> {
  const sr = encodeURIComponent(s.subreddit);
  const a = about.safeParse(await api.get(`/r/${sr}/about`, `read r/${s.subreddit}'s rules`));
  if (!a.success) throw new ProviderError("retry", `Reddit sent r/${s.subreddit}'s details in a shape this server cannot read`);
  const name = a.data.data.display_name;
  if (a.data.data.user_is_banned) throw refuse(name, "the account is banned from this subreddit");
  const type = a.data.data.submission_type;
  if (s.kind === "self" && type === "link") throw refuse(name, "only link and image posts are allowed: add a link or an image");
  if (s.kind !== "self" && type === "self") throw refuse(name, "only text posts are allowed: remove the link or image");
  if (s.kind === "image" && a.data.data.allow_images === false) throw refuse(name, "image posts are not allowed");
  if (s.kind === "video" && a.data.data.allow_videos === false) throw refuse(name, "video posts are not allowed");

  const r = requirements.safeParse(await api.get(`/api/v1/${sr}/post_requirements`, `read r/${s.subreddit}'s post requirements`));
  if (!r.success) throw new ProviderError("retry", `Reddit sent r/${s.subreddit}'s post requirements in a shape this server cannot read`);
  const req = r.data;
  const flair = parseFlair(s.flair);
  if (flair && flair.subreddit !== name.toLowerCase())
    throw refuse(name, `the chosen flair belongs to r/${flair.subreddit}: choose one of r/${name}'s`, "flair");
  if (req.is_flair_required && !flair) throw refuse(name, "post flair is required: choose a flair", "flair");
  const titleLength = [...s.title].length;
  if (req.title_text_min_length && titleLength < req.title_text_min_length)
    throw refuse(name, `titles must be at least ${req.title_text_min_length} characters`, "title");
  if (req.title_text_max_length && titleLength > req.title_text_max_length)
    throw refuse(name, `titles must be at most ${req.title_text_max_length} characters`, "title");
  const bodyLength = [...s.text].length;
  if (req.body_restriction_policy === "required" && !bodyLength) throw refuse(name, "a body text is required");
  if (req.body_restriction_policy === "notAllowed" && bodyLength) throw refuse(name, "posts may not have a body text: remove the text");
  if (req.body_text_min_length && bodyLength && bodyLength < req.body_text_min_length)
    throw refuse(name, `the body must be at least ${req.body_text_min_length} characters`);
  if (req.body_text_max_length && bodyLength > req.body_text_max_length)
    throw refuse(name, `the body must be at most ${req.body_text_max_length} characters`);
  return name;
}

const listing = z.object({
  data: z.object({
    children: z.array(z.object({ data: z.object({ display_name: z.string(), title: z.string().nullish() }) })).default([]),
    after: z.string().nullish(),
  }),
});

/** Enough for real subscription lists; flairs are read for the first FLAIR_SUBREDDITS only. */
const MAX_PAGES = 10;
const FLAIR_SUBREDDITS = 25;

/** The subreddits the account is subscribed to and moderates, by name. */
export async function mySubreddits(api: RedditApi): Promise<string[]> {
  const names = new Map<string, string>();
  for (const where of ["subscriber", "moderator"]) {
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ limit: "100", ...(after ? { after } : {}) });
      const l = listing.safeParse(await api.get(`/subreddits/mine/${where}?${q}`, "list your subreddits"));
      if (!l.success) throw new ProviderError("retry", "Reddit sent a list of subreddits this server cannot read");
      for (const c of l.data.data.children) names.set(c.data.display_name.toLowerCase(), c.data.display_name);
      after = l.data.data.after ?? undefined;
      if (!after) break;
    }
  }
  // In Reddit's order (subscriptions first), as the user knows them.
  return [...names.values()];
}

export async function subredditChoices(api: RedditApi): Promise<SettingsChoice[]> {
  return (await mySubreddits(api)).map((n) => ({ value: n, label: `r/${n}` }));
}

const flairs = z.array(z.object({ id: z.string(), text: z.string().nullish(), text_editable: z.boolean().nullish() }));

/** Every link flair of the account's subreddits, valued "<subreddit>:<flair id>". */
export async function flairChoices(api: RedditApi): Promise<SettingsChoice[]> {
  const choices: SettingsChoice[] = [];
  for (const sr of (await mySubreddits(api)).slice(0, FLAIR_SUBREDDITS)) {
    const answer = await api.get(`/r/${encodeURIComponent(sr)}/api/link_flair_v2`, `read r/${sr}'s flairs`).catch((e: unknown) => {
      // 403: the account may not set flair there; that subreddit simply offers none.
      if (e instanceof ProviderError && e.kind === "bad-body") return [];
      throw e;
    });
    const list = flairs.safeParse(answer);
    if (!list.success) continue;
    for (const f of list.data) choices.push({ value: flairValue(sr, f.id), label: `r/${sr} — ${f.text?.trim() || f.id}` });
  }
  return choices;
}
