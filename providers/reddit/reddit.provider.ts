import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type { FetchOptions } from "../social.abstract";
import type {
  AuthenticateParams,
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SettingsChoice,
  SocialProvider,
} from "../social.integrations.interface";
import { RedditApi, userAgent, webUrl } from "./reddit.api";
import { classifyRedditError, classifyRedditTokenError } from "./reddit.errors";
import { redditManifest, REDDIT_COMMENT_MAX } from "./reddit.manifest";
import { toRedditMarkdown } from "./reddit.markdown";
import { uploadMedia } from "./reddit.media";
import { parseFlair, type RedditSettings } from "./reddit.settings";
import { checkSubmission, flairChoices, subredditChoices, SubredditRuleError, type SubmitKind } from "./reddit.subreddit";

// Reddit (../shared/platforms/reddit.md). OAuth2 "web app" with duration=permanent (a refresh
// token), every call with Reddit's required User-Agent; one subreddit per target. A submission is
// checked against the subreddit's rules first, then its media go up through the media lease (an
// image; or a video and the image that becomes its poster), then POST /api/submit; follow-ups are
// comments under the post (POST /api/comment). Image and video submissions answer without the
// post's id, so it is read back from the account's submissions, the same read-back that settles a
// lost answer (publishSafety "reconcile").

const me = z.object({ id: z.string(), name: z.string(), icon_img: z.string().nullish(), snoovatar_img: z.string().nullish() });

const submitted = z.object({
  json: z.object({
    data: z
      .object({
        id: z.string().optional(),
        name: z.string().optional(),
        url: z.string().optional(),
        user_submitted_page: z.string().optional(),
      })
      .default({}),
  }),
});

const commented = z.object({
  json: z.object({
    data: z.object({
      things: z
        .array(z.object({ data: z.object({ id: z.string(), name: z.string().optional(), permalink: z.string().optional() }) }))
        .min(1),
    }),
  }),
});

const thing = z.object({
  id: z.string(),
  name: z.string().optional(),
  subreddit: z.string().optional(),
  title: z.string().optional(),
  selftext: z.string().nullish(),
  body: z.string().nullish(),
  link_id: z.string().optional(),
  permalink: z.string().optional(),
  created_utc: z.number().optional(),
  score: z.number().nullish(),
  ups: z.number().nullish(),
  num_comments: z.number().nullish(),
  num_crossposts: z.number().nullish(),
  upvote_ratio: z.number().nullish(),
});
const listing = z.object({ data: z.object({ children: z.array(z.object({ data: thing })).default([]) }) });

/** How often, and how long apart, an image post is looked for in the account's submissions. */
const READ_BACK_TRIES = 5;
const READ_BACK_DELAY_MS = 1500;

/** icon_img is HTML-escaped and signed: the address without its query. */
const pictureOf = (url: string | null | undefined) => (url ? url.replace(/&amp;/g, "&").split("?")[0] : undefined);

/** The kind of submission the item's media and settings make: a video (with its poster) wins over an image. */
function kindFrom(mediaTypes: string[], settings: RedditSettings): SubmitKind {
  if (mediaTypes.some((t) => t.startsWith("video/"))) return "video";
  if (mediaTypes.length) return "image";
  return settings.url ? "link" : "self";
}

/** The rule the composer shows (manifest media.videoPoster), said again when publishing. */
const POSTER_RULE = "a Reddit video needs one image beside it as its poster";

export class RedditProvider extends OAuth2Provider<RedditSettings> implements SocialProvider<RedditSettings> {
  readonly manifest = redditManifest;

  // §1: Reddit does not document PKCE; the app authenticates with HTTP Basic.
  protected oauth: OAuth2Config = {
    authorizeUrl: () => webUrl("/api/v1/authorize"),
    tokenUrl: () => webUrl("/api/v1/access_token"),
    credentialsPrefix: "reddit",
    pkce: false,
    clientAuth: "basic",
    scopeSeparator: " ",
    extraAuthorizeParams: { duration: "permanent" },
  };

  /** Every call, the token endpoint's included, carries Reddit's required User-Agent. */
  override fetch(url: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("user-agent", userAgent());
    return super.fetch(url, { ...init, headers }, opts);
  }

  protected override tokenErrors(body: string, status: number): HandledError {
    return classifyRedditTokenError(body, status);
  }

  override async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return super.authenticate(params).catch((e: unknown) => {
      // A refused code comes back as HTTP 200 {"error": "invalid_grant"}: an answer without a token.
      if (e instanceof ProviderError && e.details.status === 200)
        throw new ProviderError("bad-body", "Reddit refused the sign-in code (it may have expired or been used): connect again");
      throw e;
    });
  }

  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const answer = me.safeParse(await new RedditApi(this, accessToken).get("/api/v1/me", "read the Reddit account"));
    if (!answer.success) throw new ProviderError("retry", "Reddit did not say which account signed in");
    const { id, name } = answer.data;
    const picture = pictureOf(answer.data.icon_img || answer.data.snoovatar_img);
    return { id, name, username: name, ...(picture ? { picture } : {}) };
  }

  async settingsChoices(channel: ChannelAccess, field: string, ctx?: PublishContext): Promise<SettingsChoice[]> {
    const api = new RedditApi(this, channel.accessToken, ctx);
    if (field === "subreddit") return subredditChoices(api);
    if (field === "flair") return flairChoices(api);
    return [];
  }

  /** Before scheduling: the subreddit's rules (§2 post_requirements, about), as when publishing. */
  async checkSettings(
    channel: ChannelAccess,
    settings: RedditSettings,
    items: { text: string; mediaTypes: string[] }[],
    ctx?: PublishContext,
  ): Promise<Record<string, string>> {
    const first = items[0] ?? { text: "", mediaTypes: [] };
    const kind = kindFrom(first.mediaTypes, settings);
    if (settings.videogif && kind !== "video") return { videogif: "Post the video as a GIF: this post has no video" };
    const api = new RedditApi(this, channel.accessToken, ctx);
    try {
      await checkSubmission(api, {
        subreddit: settings.subreddit,
        kind,
        title: settings.title,
        text: toRedditMarkdown(first.text),
        flair: settings.flair,
      });
      return {};
    } catch (e) {
      if (e instanceof SubredditRuleError) return { [e.field]: e.message };
      // 403/404 on the subreddit itself: Reddit's words name it.
      if (e instanceof ProviderError && e.kind === "bad-body") return { subreddit: e.message };
      throw e;
    }
  }

  async post(channel: ChannelAccess, item: PostItem, settings: RedditSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const api = new RedditApi(this, channel.accessToken, ctx);
    const media = item.media ?? [];
    const kind = kindFrom(
      media.map((m) => m.mimeType),
      settings,
    );
    const text = toRedditMarkdown(item.text);
    const video = media.find((m) => m.mimeType.startsWith("video/"));
    const stills = media.filter((m) => m.mimeType.startsWith("image/"));
    if (video) {
      if (media.length !== 2 || stills.length !== 1)
        throw new ProviderError("bad-body", `${POSTER_RULE}: attach exactly one video and one image`, { mayHavePublished: false });
    } else if (media.length > 1) throw new ProviderError("bad-body", "A Reddit image post takes one image", { mayHavePublished: false });
    if (settings.videogif && !video)
      throw new ProviderError("bad-body", "Post the video as a GIF: this post has no video", { mayHavePublished: false });
    const sr = await checkSubmission(api, { subreddit: settings.subreddit, kind, title: settings.title, text, flair: settings.flair });
    let url: string | undefined;
    let poster: string | undefined;
    if (video) {
      url = await uploadMedia(this, api, video);
      poster = await uploadMedia(this, api, stills[0]!);
    } else if (kind === "image") url = await uploadMedia(this, api, media[0]!);
    else if (kind === "link") url = settings.url;
    const since = new Date(Date.now() - 60_000);
    const bool = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
    const answer = submitted.safeParse(
      await api.form(
        "/api/submit",
        {
          sr,
          // videogif: Reddit's silent, looping video (PRAW's submit_video(videogif=True)).
          kind: kind === "video" && settings.videogif ? "videogif" : kind,
          title: settings.title,
          text: text || undefined,
          url,
          video_poster_url: poster,
          flair_id: parseFlair(settings.flair)?.id,
          nsfw: bool(settings.nsfw),
          spoiler: bool(settings.spoiler),
          sendreplies: bool(settings.sendReplies),
          // A link already posted there is refused with ALREADY_SUB instead of being posted again.
          resubmit: "false",
        },
        "submit the post",
        { idempotent: false },
      ),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Reddit answered the submission in a shape this server cannot read", { mayHavePublished: true });
    const data = answer.data.json.data;
    const warnings = media.some((m) => m.alt) ? ["Reddit's media posts take no alt text: the description was not sent."] : [];
    if (data.id) {
      const name = data.name ?? `t3_${data.id}`;
      return {
        id: data.id,
        url: data.url ?? webUrl(`/comments/${data.id}/`),
        ref: { name, root: name },
        ...(warnings.length ? { warnings } : {}),
      };
    }
    // Image and video posts are made asynchronously and answered without an id: read it back.
    for (let i = 0; i < READ_BACK_TRIES; i++) {
      const found = await this.findSubmission(api, channel, text, since, { subreddit: sr, title: settings.title });
      if (found) return { ...found, ...(warnings.length ? { warnings } : {}) };
      await this.sleep(READ_BACK_DELAY_MS * (i + 1));
    }
    throw new ProviderError("retry", `Reddit accepted the ${kind} post but it has not appeared in your submissions yet`, {
      mayHavePublished: true,
    });
  }

  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: RedditSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const text = toRedditMarkdown(item.text);
    if (!text) throw new ProviderError("bad-body", "A Reddit comment needs text", { mayHavePublished: false });
    if ([...text].length > REDDIT_COMMENT_MAX)
      throw new ProviderError("bad-body", `Reddit comments are at most ${REDDIT_COMMENT_MAX} characters`, { mayHavePublished: false });
    if (item.media?.length) throw new ProviderError("bad-body", "Reddit comments here are text only", { mayHavePublished: false });
    const api = new RedditApi(this, channel.accessToken, ctx);
    const thingId = root.ref?.name ?? `t3_${root.id}`;
    const answer = commented.safeParse(
      await api.form("/api/comment", { thing_id: thingId, text }, "post the comment", { idempotent: false }),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Reddit answered the comment in a shape this server cannot read", { mayHavePublished: true });
    const c = answer.data.json.data.things[0]!.data;
    return {
      id: c.id,
      url: webUrl(c.permalink ?? `/comments/${root.id}/_/${c.id}/`),
      ref: { name: c.name ?? `t1_${c.id}`, root: thingId },
    };
  }

  /** After a lost answer: the submission or comment this account made since `since` with this text. */
  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    const api = new RedditApi(this, channel.accessToken, ctx);
    const text = toRedditMarkdown(item.text);
    if (!opts.parent) return this.findSubmission(api, channel, text, opts.since);
    const user = encodeURIComponent(channel.username ?? "");
    const l = listing.safeParse(await api.get(`/user/${user}/comments?sort=new&limit=25`, "read back your comments"));
    if (!l.success) throw new ProviderError("retry", "Reddit sent your comments in a shape this server cannot read");
    const link = opts.parent.ref?.root ?? `t3_${opts.parent.id}`;
    const c = l.data.data.children
      .map((x) => x.data)
      .find((d) => d.link_id === link && (d.body ?? "").trim() === text.trim() && (d.created_utc ?? 0) * 1000 >= opts.since.getTime());
    return c
      ? {
          id: c.id,
          url: webUrl(c.permalink ?? `/comments/${opts.parent.id}/_/${c.id}/`),
          ref: { name: c.name ?? `t1_${c.id}`, root: link },
        }
      : null;
  }

  private async findSubmission(
    api: RedditApi,
    channel: ChannelAccess,
    text: string,
    since: Date,
    also?: { subreddit: string; title: string },
  ): Promise<PublishedItem | null> {
    const user = encodeURIComponent(channel.username ?? "");
    const l = listing.safeParse(await api.get(`/user/${user}/submitted?sort=new&limit=25`, "read back your submissions"));
    if (!l.success) throw new ProviderError("retry", "Reddit sent your submissions in a shape this server cannot read");
    const d = l.data.data.children
      .map((x) => x.data)
      .find(
        (p) =>
          (p.created_utc ?? 0) * 1000 >= since.getTime() &&
          (p.selftext ?? "").trim() === text.trim() &&
          (!also || (p.subreddit?.toLowerCase() === also.subreddit.toLowerCase() && p.title === also.title)),
      );
    if (!d) return null;
    const name = d.name ?? `t3_${d.id}`;
    return { id: d.id, url: webUrl(d.permalink ?? `/comments/${d.id}/`), ref: { name, root: name } };
  }

  /** §5: a post's score, upvotes, comments and crossposts (GET /api/info); Reddit has no view counts for users. */
  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    const api = new RedditApi(this, channel.accessToken, ctx);
    const l = listing.safeParse(await api.get(`/api/info?id=t3_${encodeURIComponent(platformPostId)}`, "read the post's score"));
    if (!l.success) throw new ProviderError("retry", "Reddit sent the post's figures in a shape this server cannot read");
    const d = l.data.data.children[0]?.data;
    if (!d) return {};
    const figures: Record<string, number | null | undefined> = {
      score: d.score,
      upvotes: d.ups,
      comments: d.num_comments,
      crossposts: d.num_crossposts,
    };
    return Object.fromEntries(Object.entries(figures).filter((e): e is [string, number] => typeof e[1] === "number"));
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyRedditError(body, status);
  }
}
