import type { HandledError } from "../core/errors";
import { OAuth2Provider } from "../core/oauth2-provider";
import type { AuthResult, ChannelAccess, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { socialActionCounts } from "./linkedin.analytics";
import { LinkedInApi } from "./linkedin.api";
import { LINKEDIN_CONCURRENCY, LINKEDIN_MAX_LENGTH, LINKEDIN_MEDIA, LINKEDIN_POLLS, LINKEDIN_RULES, LINKEDIN_THREADS } from "./linkedin.capabilities";
import { classifyLinkedInError } from "./linkedin.errors";
import { fetchMember } from "./linkedin.member";
import { linkedInOAuth } from "./linkedin.oauth";
import { DEFAULT_TIMING, publishComment, publishPost, type PublishTiming } from "./linkedin.publish";
import { linkedinSettings, type LinkedInSettings } from "./linkedin.settings";

// A member's own LinkedIn profile: posts as urn:li:person:{sub}.
export class LinkedInProvider extends OAuth2Provider implements SocialProvider<LinkedInSettings> {
  identifier = "linkedin";
  name = "LinkedIn";
  authKind = "oauth2" as const;
  scopes = ["openid", "profile", "w_member_social"];
  editor = "normal" as const;
  counting = "chars" as const;
  maxConcurrentJob = LINKEDIN_CONCURRENCY.maxConcurrentJob;
  // No idempotency key, and w_member_social cannot read posts back: a lost answer is unconfirmed.
  publishSafety = "unconfirmed" as const;
  concurrencyGroup = LINKEDIN_CONCURRENCY.concurrencyGroup;
  oneTimeToken = false;
  rules = LINKEDIN_RULES;
  media = LINKEDIN_MEDIA;
  polls = LINKEDIN_POLLS;
  threads = LINKEDIN_THREADS;
  settings = linkedinSettings;
  // Post counts only: member statistics need r_member_postAnalytics and are not fully documented.
  analyticsSupport = { account: false, post: true };
  protected oauth = linkedInOAuth(this.identifier);
  protected api = new LinkedInApi(this, this.identifier);
  /** How long to wait on LinkedIn's media processing; tests shorten it. */
  timing: PublishTiming = DEFAULT_TIMING;

  maxLength(): number {
    return LINKEDIN_MAX_LENGTH;
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const m = await fetchMember(this, this.api, accessToken);
    return { id: m.sub, name: m.name, picture: m.picture };
  }

  private author(channel: ChannelAccess): string {
    return `urn:li:person:${channel.internalId}`;
  }

  post(channel: ChannelAccess, item: PostItem, settings: LinkedInSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishPost(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, settings?.visibility ?? "PUBLIC", this.timing);
  }

  comment(channel: ChannelAccess, item: PostItem, _parent: PublishedItem, root: PublishedItem, _settings: LinkedInSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishComment(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, root);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return socialActionCounts(this.api, { token: channel.accessToken, ctx }, platformPostId);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyLinkedInError(body, status);
  }
}
