import type { OAuth2Config } from "../core/oauth2-provider";
import { OAuth2Provider } from "../core/oauth2-provider";
import type { PlatformManifest } from "../core/manifest";
import type { ChannelAccess, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { socialActionCounts } from "./linkedin.analytics";
import { LinkedInApi } from "./linkedin.api";
import type { LinkedInVisibility } from "./linkedin.content";
import { linkedInOAuth } from "./linkedin.oauth";
import { DEFAULT_TIMING, publishComment, publishPost, type PublishTiming } from "./linkedin.publish";

// What a member profile and a company page share: one platform, one API, one quota, the same
// posting rules (linkedin.capabilities.ts) and the same way of posting and commenting. The two
// providers differ only in whom they post as (person or organization), their scopes, settings
// and analytics: their manifests.
export abstract class LinkedInBase<Settings> extends OAuth2Provider<Settings> {
  readonly manifest: PlatformManifest<Settings>;
  protected oauth: OAuth2Config;
  protected api: LinkedInApi;
  /** How long to wait on LinkedIn's media processing; tests shorten it. */
  timing: PublishTiming = DEFAULT_TIMING;

  /** The manifest's identifier names the provider's configurable hosts. */
  constructor(manifest: PlatformManifest<Settings>) {
    super();
    this.manifest = manifest;
    this.oauth = linkedInOAuth(manifest.identifier);
    this.api = new LinkedInApi(this, manifest.identifier);
  }

  /** The URN the channel posts as. */
  protected abstract author(channel: ChannelAccess): string;
  protected abstract visibility(settings: Settings): LinkedInVisibility;

  post(channel: ChannelAccess, item: PostItem, settings: Settings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishPost(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, this.visibility(settings), this.timing);
  }

  comment(
    channel: ChannelAccess,
    item: PostItem,
    _parent: PublishedItem,
    root: PublishedItem,
    _settings: Settings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return publishComment(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, root);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return socialActionCounts(this.api, { token: channel.accessToken, ctx }, platformPostId);
  }
}
