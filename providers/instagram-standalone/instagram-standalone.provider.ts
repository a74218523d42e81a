import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import {
  commentOnMedia,
  findPublishedComment,
  findPublishedMedia,
  instagramProfileUrl,
  publishInstagramItem,
} from "../instagram/instagram.containers";
import { classifyInstagramLoginError } from "../instagram/instagram.errors";
import { graphGet, type Graph } from "../instagram/instagram.graph";
import { instagramAccountInsights, instagramMediaInsights } from "../instagram/instagram.insights";
import { postTypeProblems, type InstagramSettings } from "../instagram/instagram.settings";
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
import { instagramSignIn, renewInstagramToken } from "./instagram-standalone.auth";
import { instagramStandaloneManifest } from "./instagram-standalone.manifest";

// Instagram with Instagram Login (../shared/platforms/instagram-standalone.md): the professional
// account signs in on Instagram, no Facebook Page needed; the channel is the account's IG user id
// (user_id from /me, not the app-scoped id). Publishing, comments, read-back and insights are the
// container flow of providers/instagram, on graph.instagram.com with this account's token.

export class InstagramStandaloneProvider extends OAuth2Provider<InstagramSettings> implements SocialProvider<InstagramSettings> {
  readonly manifest = instagramStandaloneManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(instagramStandaloneManifest, "auth")}/oauth/authorize`,
    tokenUrl: () => `${hostOf(instagramStandaloneManifest, "token")}/oauth/access_token`,
    credentialsPrefix: "instagram-standalone",
    pkce: false,
    clientAuth: "body",
    scopeSeparator: ",",
  };

  private readonly graph: Graph = { api: this, base: () => hostOf(instagramStandaloneManifest, "api") };

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const tokens = await instagramSignIn(this, params.code, params.redirectUri);
    const profile = await this.profile(tokens.accessToken, { access_token: tokens.accessToken });
    return { ...profile, ...tokens };
  }

  /** The professional account behind the token: user_id is the IG user id the Graph API publishes for. */
  protected async profile(accessToken: string, _token: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const me = await graphGet<{
      user_id?: string | number;
      username?: string;
      name?: string;
      profile_picture_url?: string;
      account_type?: string;
    }>(
      this.graph,
      "/me",
      { fields: "user_id,username,name,profile_picture_url,account_type" },
      { token: accessToken },
      "read the Instagram account",
    );
    if (me.user_id === undefined) throw new ProviderError("retry", "Instagram did not say which account signed in");
    return {
      id: String(me.user_id),
      name: me.name || me.username || String(me.user_id),
      ...(me.username ? { username: me.username } : {}),
      ...(me.profile_picture_url ? { picture: me.profile_picture_url } : {}),
    };
  }

  async refreshToken(refreshToken: string): Promise<TokenSet> {
    return renewInstagramToken(this, refreshToken);
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
    return classifyInstagramLoginError(body, status);
  }
}
