import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config } from "../core/oauth2-provider";
import type {
  AuthResult,
  ChannelAccess,
  AccountMetrics,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { xAccountAnalytics, xPostAnalytics } from "./x.analytics";
import { jsonInit, xApiBase, xSession, xWebBase } from "./x.client";
import { classifyXError } from "./x.errors";
import { xManifest } from "./x.manifest";
import { isMoving, uploadMedia } from "./x.media";
import { findTweet } from "./x.reconcile";
import type { XSettings } from "./x.settings";

type CreatedTweet = { data?: { id?: string; text?: string } };
type Me = { data?: { id?: string; name?: string; username?: string; profile_image_url?: string } };

export class XProvider extends OAuth2Provider<XSettings> implements SocialProvider<XSettings> {
  readonly manifest = xManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(xManifest, "auth")}/i/oauth2/authorize`,
    tokenUrl: () => `${xApiBase()}/2/oauth2/token`,
    credentialsPrefix: "x",
    pkce: true,
    clientAuth: "basic",
  };

  handleErrors(body: string, status: number): HandledError {
    return classifyXError(body, status);
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const me = await this.fetchJson<Me>(
      `${xApiBase()}/2/users/me?user.fields=profile_image_url`,
      {},
      { token: accessToken, action: "read the connected account" },
    );
    const user = me.data;
    if (!user?.id || !user.username) throw new ProviderError("retry", "X did not say which account was connected");
    return { id: user.id, name: user.name || user.username, username: user.username, picture: user.profile_image_url };
  }

  post(channel: ChannelAccess, item: PostItem, settings: XSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return this.publish(channel, item, settings, undefined, ctx);
  }

  comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    _root: PublishedItem,
    settings: XSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return this.publish(channel, item, settings, parent.id, ctx);
  }

  /** After a lost answer: the post X made from `item` since `since`, read back from the timeline (see x.reconcile.ts). */
  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
    ctx?: PublishContext,
  ): Promise<PublishedItem | null> {
    const id = await findTweet(xSession(this, channel.accessToken, ctx), channel.internalId, item, opts);
    return id ? publishedItem(channel, id) : null;
  }

  /** Followers today, and per day the summed metrics of the posts made that day (see x.analytics.ts). */
  analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return xAccountAnalytics(xSession(this, channel.accessToken, ctx), channel.internalId, range);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return xPostAnalytics(xSession(this, channel.accessToken, ctx), platformPostId);
  }

  private async publish(
    channel: ChannelAccess,
    item: PostItem,
    settings: XSettings | undefined,
    replyTo: string | undefined,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    checkItem(item);
    const call = xSession(this, channel.accessToken, ctx);
    const media = await uploadMedia(call, (ms) => this.sleep(ms), item.media ?? []);
    const created = await call<CreatedTweet>("/2/tweets", jsonInit(tweetBody(item, media.ids, settings ?? {}, replyTo)), {
      action: replyTo ? "publish the reply" : "publish the post",
      // X has no idempotency key: a repeated create after an unclear answer could post twice.
      idempotent: false,
    });
    const id = created.data?.id;
    if (!id) throw new ProviderError("retry", "X accepted the post but did not return its id", { mayHavePublished: true });
    return { ...publishedItem(channel, id), ...(media.warnings.length ? { warnings: media.warnings } : {}) };
  }
}

/** What post(), comment() and findPublished() return for a post: its id, public link and reply ref. */
function publishedItem(channel: ChannelAccess, id: string): PublishedItem {
  const author = channel.username ? encodeURIComponent(channel.username) : "i/web";
  return { id, url: `${xWebBase()}/${author}/status/${id}`, ref: { id } };
}

/** Refuses, before any upload, what X would refuse anyway. */
function checkItem(item: PostItem): void {
  const media = item.media ?? [];
  if (!item.text.trim() && !media.length) throw new ProviderError("bad-body", "An X post needs text or at least one attachment");
  if (item.poll && media.length) throw new ProviderError("bad-body", "X does not allow a poll and attachments in the same post");
  if (media.length > 4 || (media.length > 1 && media.some(isMoving))) {
    throw new ProviderError("bad-body", "X takes up to 4 images, or 1 video, or 1 GIF per post");
  }
}

function tweetBody(item: PostItem, mediaIds: string[], settings: XSettings, replyTo?: string): Record<string, unknown> {
  return {
    ...(item.text.trim() ? { text: item.text } : {}),
    ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
    ...(item.poll ? { poll: { options: item.poll.options, duration_minutes: item.poll.durationMinutes } } : {}),
    ...(replyTo ? { reply: { in_reply_to_tweet_id: replyTo } } : {}),
    ...(settings.replySettings ? { reply_settings: settings.replySettings } : {}),
    // A reply lives where its parent lives; X only takes the community on the first post.
    ...(settings.communityId && !replyTo ? { community_id: settings.communityId } : {}),
  };
}
