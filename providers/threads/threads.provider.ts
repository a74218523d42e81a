import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { appCredentials, hostOf } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import { withPublicMedia } from "../core/public-media";
import type {
  AccountMetrics,
  AuthenticateParams,
  AuthResult,
  ChannelAccess,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { profilePage, threadsApi, threadsRoot } from "./threads.api";
import { threadsAccountAnalytics, threadsPostAnalytics } from "./threads.analytics";
import { createContainer, publishContainer, waitUntilFinished, type ContainerParams } from "./threads.containers";
import { classifyThreadsError } from "./threads.errors";
import { threadsManifest } from "./threads.manifest";
import { ensureQuota } from "./threads.quota";
import { findThreadsPost } from "./threads.reconcile";
import type { ThreadsSettings } from "./threads.settings";

// Threads (../shared/platforms/threads.md; developers.facebook.com/docs/threads). Sign-in: the
// authorization window at threads.net/oauth/authorize (comma-separated scopes, no PKCE), the code
// swapped at graph.threads.net/oauth/access_token for a one-hour token, which is at once exchanged
// for a 60-day one (GET /access_token, grant_type=th_exchange_token). That long-lived token is
// also what renews it (GET /refresh_access_token, grant_type=th_refresh_token, allowed once it is
// 24 hours old), so it is stored as the refresh token too. Publishing: containers (threads.containers.ts).

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  token_type: z.string().optional(),
});
const me = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  username: z.string().min(1),
  name: z.string().nullish(),
  threads_profile_picture_url: z.string().nullish(),
});
const permalinkAnswer = z.object({ permalink: z.string().min(1) });

/**
 * The expiry told to the token store, a few days short of the real one: the periodic refresh
 * renews tokens about to expire, and the margin leaves days for a worker that was down, while a
 * 60-day token is still far past the 24 hours before which Threads refuses a refresh.
 */
const EXPIRY_MARGIN_S = 3 * 86_400;
const shortened = (s: number | undefined) => (s && s > 2 * EXPIRY_MARGIN_S ? s - EXPIRY_MARGIN_S : s);

const isVideo = (mimeType: string) => mimeType.startsWith("video/");

/**
 * Text attachments doc: since 2025-12-22 a post with more than 5 unique links fails at container
 * creation (THREADS_API__LINK_LIMIT_EXCEEDED). Links written with a scheme or "www." are counted.
 */
export const MAX_LINKS = 5;
export const linksIn = (text: string) =>
  new Set((text.match(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi) ?? []).map((u) => u.replace(/[).,!?;:]+$/, "").toLowerCase())).size;

export class ThreadsProvider extends OAuth2Provider<ThreadsSettings> implements SocialProvider<ThreadsSettings> {
  readonly manifest = threadsManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(threadsManifest, "auth")}/oauth/authorize`,
    tokenUrl: () => threadsRoot("/oauth/access_token"),
    credentialsPrefix: "threads",
    pkce: false,
    clientAuth: "body",
    scopeSeparator: ",",
  };

  /** Waits between container status checks (a seam for tests). */
  pause(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  /**
   * The token endpoints answer in the Graph envelope: a throttle or a transient fault there is worth
   * another try later; any other refusal (an expired, revoked or too young token) means signing in again.
   */
  protected tokenErrors(body: string, status: number): HandledError {
    const h = classifyThreadsError(body, status);
    if (h?.kind === "retry") return h;
    return super.tokenErrors(body, status);
  }

  /** GET on a token endpoint (§1): an OAuth call, read as one, never repeated, never quoted. */
  private async tokenGet(path: string, params: Record<string, string>, action: string): Promise<TokenSet> {
    const res = await this.fetch(
      `${threadsRoot(path)}?${new URLSearchParams(params)}`,
      { headers: { accept: "application/json" } },
      { action, idempotent: false, maxRetries: 0, classify: (text, status) => this.tokenErrors(text, status) },
    );
    const answer = tokenAnswer.safeParse(
      parseJsonAnswer(await res.text(), "Threads token endpoint", action, { status: res.status, secret: true }),
    );
    if (!answer.success) throw new ProviderError("retry", "Threads sent a token answer without an access token", { status: res.status });
    const expiresIn = shortened(answer.data.expires_in);
    return { accessToken: answer.data.access_token, refreshToken: answer.data.access_token, expiresIn };
  }

  /** Code → short-lived token → long-lived token, then the account. */
  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    // Threads appends "#_" to the redirect; a browser drops the fragment, a pasted URL may not.
    const code = params.code.replace(/#_?$/, "");
    const short = await this.tokenRequest({ grant_type: "authorization_code", code, redirect_uri: params.redirectUri });
    const { clientSecret } = appCredentials(this.oauth.credentialsPrefix);
    const long = await this.tokenGet(
      "/access_token",
      { grant_type: "th_exchange_token", client_secret: clientSecret, access_token: short.access_token },
      "exchange the sign-in for a long-lived token",
    );
    const profile = await this.profile(long.accessToken, short);
    return { ...profile, accessToken: long.accessToken, refreshToken: long.refreshToken, expiresIn: long.expiresIn };
  }

  /** th_refresh_token on the long-lived token itself: a new 60-day token replaces both. */
  async refreshToken(refreshToken: string): Promise<TokenSet> {
    return this.tokenGet(
      "/refresh_access_token",
      { grant_type: "th_refresh_token", access_token: refreshToken },
      "refresh the access token",
    );
  }

  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const answer = me.safeParse(
      await this.fetchJson(
        `${threadsApi("/me")}?fields=id,username,name,threads_profile_picture_url`,
        { headers: { accept: "application/json" } },
        { action: "read the Threads profile", token: accessToken },
      ),
    );
    if (!answer.success) throw new ProviderError("retry", "Threads did not say which profile signed in");
    const { id, username, name, threads_profile_picture_url } = answer.data;
    return {
      id,
      username,
      name: name?.trim() || username,
      ...(threads_profile_picture_url ? { picture: threads_profile_picture_url } : {}),
    };
  }

  async post(channel: ChannelAccess, item: PostItem, settings: ThreadsSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return this.publishItem(channel, item, settings, undefined, ctx);
  }

  /** A thread's follow-up: a reply to the previous post (reply_to_id), so the chain reads in order. */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    _root: PublishedItem,
    settings: ThreadsSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return this.publishItem(channel, item, settings, parent.id, ctx);
  }

  private async publishItem(
    channel: ChannelAccess,
    raw: PostItem,
    settings: ThreadsSettings,
    replyTo: string | undefined,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const item = await withPublicMedia(
      raw,
      ctx,
      "Threads downloads media from a public link, and this server has no public address for uploads",
    );
    const media = item.media ?? [];
    const text = item.text.trim();
    if (item.poll && media.length) throw new ProviderError("bad-body", "Threads takes a poll only on a post without media");
    if (!text && !media.length) throw new ProviderError("bad-body", "A Threads post needs text or media");
    const what = replyTo ? "the reply" : "the post";
    const links = linksIn(text);
    if (links > MAX_LINKS) throw new ProviderError("bad-body", `Threads takes at most ${MAX_LINKS} links in a post; ${what} has ${links}`);

    await ensureQuota(this, channel, !!replyTo, ctx);

    const common: ContainerParams = {
      ...(text ? { text } : {}),
      ...(replyTo ? { reply_to_id: replyTo } : {}),
      // Who may reply and the topic belong to the post that opens the thread.
      ...(!replyTo && settings?.replyControl ? { reply_control: settings.replyControl } : {}),
      ...(!replyTo && settings?.topicTag ? { topic_tag: settings.topicTag } : {}),
    };
    let container: string;
    if (!media.length) {
      const poll = item.poll ? this.pollAttachment(item.poll.options) : undefined;
      container = await createContainer(
        this,
        channel,
        {
          media_type: "TEXT",
          ...common,
          // The card's link (a text post only; a poll keeps the post to itself).
          ...(poll ? { poll_attachment: poll } : item.linkCard ? { link_attachment: item.linkCard.url } : {}),
        },
        what,
        ctx,
      );
    } else if (media.length === 1) {
      container = await createContainer(this, channel, { ...this.mediaParams(media[0]!), ...common }, what, ctx);
    } else {
      // Carousel: one item container per file (is_carousel_item, text ignored), each ready before the carousel.
      // All are made first so Threads processes them side by side; then each is waited for.
      const children: string[] = [];
      const label = (n: number) => `item ${n + 1} of the carousel`;
      for (const [n, m] of media.entries())
        children.push(await createContainer(this, channel, { ...this.mediaParams(m), is_carousel_item: "true" }, label(n), ctx));
      for (const [n, child] of children.entries()) await waitUntilFinished(this, channel, child, label(n), ctx);
      container = await createContainer(this, channel, { media_type: "CAROUSEL", children: children.join(","), ...common }, what, ctx);
    }
    await waitUntilFinished(this, channel, container, what, ctx);
    const id = await publishContainer(this, channel, container, what, ctx);
    return { id, url: await this.permalink(channel, id, ctx) };
  }

  private mediaParams(m: { url?: string; mimeType: string; alt?: string }): ContainerParams {
    const alt = m.alt?.trim();
    return isVideo(m.mimeType)
      ? { media_type: "VIDEO", video_url: m.url!, ...(alt ? { alt_text: alt } : {}) }
      : { media_type: "IMAGE", image_url: m.url!, ...(alt ? { alt_text: alt } : {}) };
  }

  /** poll_attachment: option_a..option_d as a JSON object (polls doc). */
  private pollAttachment(options: string[]): string {
    const keys = ["option_a", "option_b", "option_c", "option_d"];
    return JSON.stringify(Object.fromEntries(options.slice(0, 4).map((o, n) => [keys[n]!, o.trim()])));
  }

  /** The post's permalink; the post is already published, so a failed read only costs the exact link. */
  private async permalink(channel: ChannelAccess, mediaId: string, ctx?: PublishContext): Promise<string> {
    try {
      const answer = permalinkAnswer.safeParse(
        await this.fetchJson(
          `${threadsApi(`/${encodeURIComponent(mediaId)}`)}?fields=permalink`,
          {},
          {
            action: "read the post's link",
            token: channel.accessToken,
            ctx,
            maxRetries: 1,
          },
        ),
      );
      if (answer.success) return answer.data.permalink;
    } catch {
      // Fall through to the profile page.
    }
    return profilePage(channel.username);
  }

  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    return findThreadsPost(this, channel, item, opts, ctx);
  }

  async analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return threadsAccountAnalytics(this, channel, range, ctx);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return threadsPostAnalytics(this, channel, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyThreadsError(body, status);
  }
}
