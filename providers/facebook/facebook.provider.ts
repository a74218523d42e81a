import { ProviderError, type HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AccountMetrics,
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  ChannelAccess,
  OAuthStart,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { pageInsights, postInsights } from "./facebook.analytics";
import { facebookLoginLink, facebookSignIn, managedPages, pageToken } from "./facebook.auth";
import { classifyFacebookError } from "./facebook.errors";
import { facebookManifest } from "./facebook.manifest";
import { commentOn, findOnPage, publishToPage } from "./facebook.publish";
import { publishReel, publishStory } from "./facebook.reels";
import type { FacebookSettings } from "./facebook.settings";

// Facebook Pages (../shared/platforms/facebook.md). Facebook Login is OAuth with its own dialect
// (GET token exchange, a long-lived exchange, no refresh grant, no PKCE), so this sits on
// ManifestProvider with its own link and exchange (facebook.auth.ts). The channel is one Page and
// keeps that Page's own token: the pick (and a reconnect) returns it as Page.access from
// /me/accounts, read with the long-lived user token, and Meta documents that such a Page token has
// no expiry ("Access Tokens" → Page tokens; "Get Long-Lived Tokens"), so the channel stores it with
// no expiry and needs no reconnect every 60 days. The pick step takes one Page per connect:
// connecting again offers the Pages again to add another.
//
// Channels picked before the Page token was stored hold the long-lived USER token, stored with its
// ~60-day expiry. The rule: a stored token with an expiry is a user token, and each call first reads
// the Page token with it (GET /{page-id}?fields=access_token) as before; a token with no expiry is
// the Page token and is used as it is. (The user token always had an expiry: Facebook's exchange
// answers expires_in, and sign-in assumes 60 days when it does not.)

/** A Reel is one video; a Story one photo or video; neither takes the link setting. */
function kindProblems(settings: FacebookSettings, mediaTypes: string[]): Record<string, string> {
  const videos = mediaTypes.filter((t) => t.startsWith("video/")).length;
  if (settings.postAs === "reel" && (mediaTypes.length !== 1 || videos !== 1)) return { postAs: "A Facebook Reel needs exactly one video" };
  if (settings.postAs === "story" && mediaTypes.length !== 1) return { postAs: "A Facebook Story needs exactly one photo or video" };
  if (settings.link && (settings.postAs === "reel" || settings.postAs === "story"))
    return { link: "A link goes only with a feed post, not a Reel or Story" };
  if (settings.link && mediaTypes.length) return { link: "Facebook takes a link only on a text post: remove the link or the media" };
  return {};
}

export class FacebookProvider extends ManifestProvider<FacebookSettings> implements SocialProvider<FacebookSettings> {
  readonly manifest = facebookManifest;

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return facebookLoginLink(ctx);
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const auth = await facebookSignIn(this, params.code, params.redirectUri);
    if (auth.scopes) this.checkScopes(this.scopes, auth.scopes);
    return auth;
  }

  /** The Pages the user may post as: Facebook lists them with the tasks the user has; CREATE_CONTENT is needed to post. */
  async pages(channel: ChannelAccess): Promise<Page[]> {
    const pages = await managedPages(this, channel.accessToken);
    return pages
      .filter((p) => !p.tasks || p.tasks.includes("CREATE_CONTENT"))
      .map(({ id, name, username, picture }) => ({ id, name, ...(username ? { username } : {}), ...(picture ? { picture } : {}) }));
  }

  /** The picked Page with its own token (Page.access, no expiry), which the channel then keeps. */
  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const page = (await managedPages(this, channel.accessToken)).find((p) => p.id === pageId);
    if (!page || (page.tasks && !page.tasks.includes("CREATE_CONTENT")))
      throw new ProviderError("bad-body", `This Facebook account cannot post as Page ${pageId}: it needs the Create content task on it`);
    // /me/accounts may leave a token out (a Page the app may not use): ask the Page itself.
    const accessToken = page.accessToken ?? (await pageToken(this, channel.accessToken, pageId));
    const { id, name, username, picture } = page;
    return {
      id,
      name,
      ...(username ? { username } : {}),
      ...(picture ? { picture } : {}),
      access: { accessToken, refreshToken: null, expiresAt: null },
    };
  }

  /** The tokens of a Page call; see the header for which stored token is which. */
  private async call(channel: ChannelAccess, ctx?: PublishContext) {
    const pageId = channel.internalId;
    if (!channel.tokenExpiresAt) return { api: this, pageId, token: channel.accessToken, ctx };
    const token = await pageToken(this, channel.accessToken, pageId, ctx).catch((e: unknown) => {
      // Reading a token publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
    return { api: this, pageId, token, userToken: channel.accessToken, ctx };
  }

  /** What a Reel or Story cannot carry, refused when the post is saved (no call to Facebook needed). */
  async checkSettings(
    _channel: ChannelAccess,
    settings: FacebookSettings,
    items: { text: string; mediaTypes: string[] }[],
  ): Promise<Record<string, string>> {
    return kindProblems(settings, items[0]?.mediaTypes ?? []);
  }

  async post(channel: ChannelAccess, item: PostItem, settings: FacebookSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const problems = kindProblems(
      settings ?? {},
      (item.media ?? []).map((m) => m.mimeType),
    );
    const first = Object.values(problems)[0];
    if (first) throw new ProviderError("bad-body", first, { mayHavePublished: false });
    const call = await this.call(channel, ctx);
    if (settings?.postAs === "reel") return publishReel(call, item);
    if (settings?.postAs === "story") return publishStory(call, item);
    // The link setting, when set, names the card's page; else the post's chosen link card does.
    return publishToPage(call, item, settings?.link ?? item.linkCard?.url);
  }

  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: FacebookSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return commentOn(await this.call(channel, ctx), item, root);
  }

  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    return findOnPage(await this.call(channel, ctx), item, opts.since, opts.parent);
  }

  async analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return pageInsights(await this.call(channel, ctx), channel.internalId, range);
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return postInsights(await this.call(channel, ctx), platformPostId);
  }

  handleErrors(body: string, status: number, headers?: Headers): HandledError | undefined {
    return classifyFacebookError(body, status, headers);
  }
}
