import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config, type TokenResponse } from "../core/oauth2-provider";
import type {
  AuthenticateParams,
  AuthResult,
  ChannelAccess,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
  TokenSet,
} from "../social.integrations.interface";
import { callVk } from "./vk.api";
import { vkPostCounters } from "./vk.analytics";
import { exchangeCode, packRefresh, refreshVk, vkIdUrl, vkUserInfo } from "./vk.auth";
import { classifyVkError } from "./vk.errors";
import { vkManifest } from "./vk.manifest";
import { uploadMedia } from "./vk.media";
import type { VkSettings } from "./vk.settings";
import { OWNER_ID, vkWalls } from "./vk.walls";

// VK (../shared/platforms/vk.md). The user signs in with VK ID (vk.auth.ts), then picks the wall
// the channel posts on: their own, or a community they manage (vk.walls.ts); the channel's internal
// id is that wall's owner_id. A post is wall.post with its photos uploaded through the wall upload
// server (vk.media.ts); follow-ups are comments (wall.createComment). Each create carries the
// engine's key as VK's `guid`, so a repeat after a lost answer does not post twice.

type Ref = { owner: string; postId: string };

export class VkProvider extends OAuth2Provider<VkSettings> implements SocialProvider<VkSettings> {
  readonly manifest = vkManifest;

  // generateAuthUrl (the base's) builds VK ID's authorize link: response_type=code, client_id,
  // redirect_uri, space-separated scope, state and the S256 code_challenge. The token calls are VK
  // ID's own (vk.auth.ts): they need the device_id and send no client secret.
  protected oauth: OAuth2Config = {
    authorizeUrl: () => vkIdUrl("/authorize"),
    tokenUrl: () => vkIdUrl("/oauth2/auth"),
    credentialsPrefix: "vk",
    pkce: true,
    clientAuth: "body",
    scopeSeparator: " ",
  };

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    const deviceId = params.query?.device_id;
    if (!deviceId) throw new ProviderError("bad-body", "VK ID sent no device_id with the sign-in code; start connecting again");
    const token = await exchangeCode(this, {
      code: params.code,
      codeVerifier: params.codeVerifier,
      redirectUri: params.redirectUri,
      deviceId,
      state: params.query?.state ?? "",
    });
    const scopes = token.scope?.split(/[\s,]+/).filter(Boolean);
    if (scopes) this.checkScopes(this.scopes, scopes);
    const profile = await this.profile(token.access_token);
    return {
      ...profile,
      accessToken: token.access_token,
      refreshToken: token.refresh_token ? packRefresh(deviceId, token.refresh_token) : undefined,
      expiresIn: token.expires_in,
      scopes,
    };
  }

  async refreshToken(refreshToken: string): Promise<TokenSet> {
    return refreshVk(this, refreshToken);
  }

  protected async profile(accessToken: string, _token?: TokenResponse): Promise<Omit<AuthResult, "accessToken">> {
    const me = await vkUserInfo(this, accessToken);
    return { id: me.id, name: me.name, ...(me.picture ? { picture: me.picture } : {}), needsPagePick: true };
  }

  /** The user's own wall, then every community they administer or edit. */
  async pages(channel: ChannelAccess): Promise<Page[]> {
    return vkWalls(this, channel.accessToken);
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    if (!OWNER_ID.test(pageId)) throw new ProviderError("bad-body", `"${pageId}" is not a VK wall id`);
    const wall = (await vkWalls(this, channel.accessToken)).find((w) => w.id === pageId);
    if (!wall)
      throw new ProviderError(
        "bad-body",
        `You do not manage VK community ${pageId.replace(/^-/, "")}, so Postmill cannot post on its wall`,
      );
    return wall;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: VkSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const owner = this.ownerOf(channel);
    const community = owner.startsWith("-");
    const text = item.text.trim();
    const media = item.media ?? [];
    if (!text && !media.length) throw new ProviderError("bad-body", "A VK post needs text, a photo or a video");
    const call = { token: channel.accessToken, session: { token: channel.accessToken }, ctx };
    const attachments = await uploadMedia(this, owner, media, call);
    const answer = await callVk<{ post_id?: number }>(
      this,
      "wall.post",
      {
        owner_id: owner,
        ...(community ? { from_group: 1, ...(settings?.signed ? { signed: 1 } : {}) } : {}),
        message: text || undefined,
        attachments: attachments.join(",") || undefined,
        ...(settings?.closeComments ? { close_comments: 1 } : {}),
        guid: ctx?.idempotencyKey,
      },
      { ...call, action: "create the post", create: true },
    );
    if (typeof answer?.post_id !== "number")
      throw new ProviderError("retry", "VK did not return the new post's id", { mayHavePublished: true });
    const postId = String(answer.post_id);
    return {
      id: `${owner}_${postId}`,
      url: `${hostOf(vkManifest, "web")}/wall${owner}_${postId}`,
      ref: { owner, postId } satisfies Ref,
      ...this.altWarning(item),
    };
  }

  /** A follow-up: a comment under the first post (wall.createComment), as the community on a community wall. */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: VkSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const { owner, postId } = this.refOf(root);
    const text = item.text.trim();
    const media = item.media ?? [];
    if (!text && !media.length) throw new ProviderError("bad-body", "A VK comment needs text, a photo or a video");
    const call = { token: channel.accessToken, session: { token: channel.accessToken }, ctx };
    const attachments = await uploadMedia(this, owner, media, call);
    const answer = await callVk<{ comment_id?: number }>(
      this,
      "wall.createComment",
      {
        owner_id: owner,
        post_id: postId,
        // from_group takes the community's id (positive), per the method's schema.
        ...(owner.startsWith("-") ? { from_group: owner.slice(1) } : {}),
        message: text || undefined,
        attachments: attachments.join(",") || undefined,
        guid: ctx?.idempotencyKey,
      },
      { ...call, action: "add the comment", create: true },
    );
    if (typeof answer?.comment_id !== "number")
      throw new ProviderError("retry", "VK did not return the new comment's id", { mayHavePublished: true });
    const commentId = String(answer.comment_id);
    return {
      id: `${owner}_${postId}_${commentId}`,
      url: `${hostOf(vkManifest, "web")}/wall${owner}_${postId}?reply=${commentId}`,
      ref: { owner, postId, commentId },
      ...this.altWarning(item),
    };
  }

  async postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    if (!/^-?\d+_\d+$/.test(platformPostId)) throw new ProviderError("bad-body", `"${platformPostId}" is not a VK post id`);
    return vkPostCounters(this, channel.accessToken, platformPostId, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyVkError(body, status);
  }

  /** The picked wall's owner_id (the channel's internal id). */
  private ownerOf(channel: ChannelAccess): string {
    if (!OWNER_ID.test(channel.internalId))
      throw new ProviderError("bad-body", "This VK channel has no wall picked yet: finish connecting it on the Channels page");
    return channel.internalId;
  }

  private refOf(root: PublishedItem): Ref {
    const owner = root.ref?.owner ?? root.id.split("_")[0] ?? "";
    const postId = root.ref?.postId ?? root.id.split("_")[1] ?? "";
    if (!OWNER_ID.test(owner) || !/^\d+$/.test(postId))
      throw new ProviderError("bad-body", `VK post ${root.id} cannot be commented on: its id is not a wall post's`);
    return { owner, postId };
  }

  private altWarning(item: PostItem): { warnings?: string[] } {
    return item.media?.some((m) => m.alt) ? { warnings: ["VK's wall photos take no alt text: the descriptions were not sent."] } : {};
  }
}
