import type { OAuth2Config } from "../core/oauth2-provider";
import { OAuth2Provider } from "../core/oauth2-provider";
import type { ChannelAccess, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { socialActionCounts } from "./linkedin.analytics";
import { LinkedInApi } from "./linkedin.api";
import { LINKEDIN_CONCURRENCY, LINKEDIN_MAX_LENGTH, LINKEDIN_MEDIA, LINKEDIN_POLLS, LINKEDIN_RULES, LINKEDIN_THREADS } from "./linkedin.capabilities";
import type { LinkedInVisibility } from "./linkedin.content";
import { linkedInOAuth } from "./linkedin.oauth";
import { DEFAULT_TIMING, publishComment, publishPost, type PublishTiming } from "./linkedin.publish";

// What a member profile and a company page share: one platform, one API, one quota, the same
// posting rules and the same way of posting and commenting. The two providers differ only in
// whom they post as (person or organization), their scopes, settings and analytics.
export abstract class LinkedInBase<Settings> extends OAuth2Provider {
  authKind = "oauth2" as const;
  editor = "normal" as const;
  counting = "chars" as const;
  maxConcurrentJob = LINKEDIN_CONCURRENCY.maxConcurrentJob;
  concurrencyGroup = LINKEDIN_CONCURRENCY.concurrencyGroup;
  // No idempotency key, and our scopes cannot read posts back: a lost answer is unconfirmed.
  publishSafety = "unconfirmed" as const;
  oneTimeToken = false;
  rules = LINKEDIN_RULES;
  media = LINKEDIN_MEDIA;
  polls = LINKEDIN_POLLS;
  threads = LINKEDIN_THREADS;
  protected oauth: OAuth2Config;
  protected api: LinkedInApi;
  /** How long to wait on LinkedIn's media processing; tests shorten it. */
  timing: PublishTiming = DEFAULT_TIMING;

  /** `id` is the provider's identifier, which names its configurable hosts and credentials. */
  constructor(id: string) {
    super();
    this.oauth = linkedInOAuth(id);
    this.api = new LinkedInApi(this, id);
  }

  maxLength(): number {
    return LINKEDIN_MAX_LENGTH;
  }

  /** The URN the channel posts as. */
  protected abstract author(channel: ChannelAccess): string;
  protected abstract visibility(settings: Settings): LinkedInVisibility;

  post(channel: ChannelAccess, item: PostItem, settings: Settings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishPost(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, this.visibility(settings), this.timing);
  }

  comment(channel: ChannelAccess, item: PostItem, _parent: PublishedItem, root: PublishedItem, _settings: Settings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishComment(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, root);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return socialActionCounts(this.api, { token: channel.accessToken, ctx }, platformPostId);
  }
}
