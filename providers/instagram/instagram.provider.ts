import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AccountMetrics,
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  OAuthStart,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { facebookDialogUrl, facebookSignIn, linkedInstagramAccounts } from "./instagram.auth";
import {
  commentOnMedia,
  findPublishedComment,
  findPublishedMedia,
  instagramProfileUrl,
  publishInstagramItem,
} from "./instagram.containers";
import { classifyInstagramError } from "./instagram.errors";
import { graphGet, type Graph } from "./instagram.graph";
import { instagramAccountInsights, instagramMediaInsights } from "./instagram.insights";
import { instagramManifest } from "./instagram.manifest";
import { postTypeProblems, type InstagramSettings } from "./instagram.settings";

// Instagram through Facebook Login (../shared/platforms/instagram.md). The user signs in with
// Facebook; the long-lived user token is kept and the channel is the picked Instagram professional
// account (its IG user id is the internal id). The Content Publishing reference takes the user's
// token on every IG endpoint, so no Page token is stored. Publishing is the shared container flow
// (instagram.containers.ts), also used by instagram-standalone.

export class InstagramProvider extends ManifestProvider<InstagramSettings> implements SocialProvider<InstagramSettings> {
  readonly manifest = instagramManifest;

  private base = () => hostOf(instagramManifest, "api");
  private readonly graph: Graph = { api: this, base: this.base };

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return facebookDialogUrl(hostOf(instagramManifest, "auth"), ctx, this.scopes);
  }

  /**
   * Code → short-lived token → long-lived token (about 60 days). Facebook Login has no refresh
   * grant (manifest oneTimeToken), so there is no refreshToken(): an expired token means reconnecting.
   */
  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const long = await facebookSignIn(this, this.base(), params.code, params.redirectUri);
    const me = await graphGet<{ id?: string; name?: string }>(
      this.graph,
      "/me",
      { fields: "id,name" },
      { token: long.accessToken },
      "read the Facebook account",
    );
    if (!me.id) throw new ProviderError("retry", "Facebook did not say which account signed in");
    // The Facebook user; the Instagram account is picked next.
    return { id: me.id, name: me.name || me.id, accessToken: long.accessToken, expiresIn: long.expiresIn, needsPagePick: true };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    return linkedInstagramAccounts(this.graph, { token: channel.accessToken });
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const page = (await this.pages(channel)).find((p) => p.id === pageId);
    if (!page)
      throw new ProviderError(
        "bad-body",
        `Instagram account ${pageId} is not linked to a Facebook Page you manage, or is not a professional account`,
      );
    return page;
  }

  /** A Story or Reel with the wrong media is refused on save, naming the setting. */
  async checkSettings(_channel: ChannelAccess, settings: InstagramSettings, items: { text: string; mediaTypes: string[] }[]) {
    return postTypeProblems(settings, items);
  }

  post(channel: ChannelAccess, item: PostItem, settings: InstagramSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishInstagramItem(
      this.graph,
      channel.internalId,
      item,
      settings,
      { token: channel.accessToken, ctx },
      { sleep: (ms) => this.sleep(ms), profileUrl: instagramProfileUrl(channel.username) },
      ctx,
    );
  }

  comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _s: InstagramSettings,
    ctx?: PublishContext,
  ) {
    return commentOnMedia(this.graph, root.id, item, { token: channel.accessToken, ctx }, root.url);
  }

  findPublished(channel: ChannelAccess, item: PostItem, opts: { since: Date; parent?: PublishedItem }, ctx?: PublishContext) {
    if (opts.parent) return findPublishedComment(this.graph, opts.parent, item, opts.since, { token: channel.accessToken, ctx });
    return findPublishedMedia(
      this.graph,
      channel.internalId,
      item,
      opts.since,
      { token: channel.accessToken, ctx },
      instagramProfileUrl(channel.username),
    );
  }

  analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return instagramAccountInsights(this.graph, channel.internalId, range, { token: channel.accessToken, ctx });
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return instagramMediaInsights(this.graph, platformPostId, { token: channel.accessToken, ctx });
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyInstagramError(body, status);
  }
}
