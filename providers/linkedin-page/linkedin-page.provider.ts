import { ProviderError, type HandledError } from "../core/errors";
import { OAuth2Provider } from "../core/oauth2-provider";
import type { AuthResult, ChannelAccess, MetricPoint, Page, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { socialActionCounts } from "../linkedin/linkedin.analytics";
import { LinkedInApi } from "../linkedin/linkedin.api";
import { LINKEDIN_CONCURRENCY, LINKEDIN_MAX_LENGTH, LINKEDIN_MEDIA, LINKEDIN_POLLS, LINKEDIN_RULES, LINKEDIN_THREADS } from "../linkedin/linkedin.capabilities";
import { classifyLinkedInError } from "../linkedin/linkedin.errors";
import { fetchMember } from "../linkedin/linkedin.member";
import { linkedInOAuth } from "../linkedin/linkedin.oauth";
import { DEFAULT_TIMING, publishComment, publishPost, type PublishTiming } from "../linkedin/linkedin.publish";
import { pageAnalytics } from "./linkedin-page.analytics";
import { administeredOrgIds, organizationPage } from "./linkedin-page.orgs";
import { linkedinPageSettings, type LinkedInPageSettings } from "./linkedin-page.settings";

// A LinkedIn company page. The member connects, then picks one of the organizations they
// administer; the channel keeps the member's token and the organization id as its internal id.
export class LinkedInPageProvider extends OAuth2Provider implements SocialProvider<LinkedInPageSettings> {
  identifier = "linkedin-page";
  name = "LinkedIn Page";
  authKind = "oauth2" as const;
  scopes = ["openid", "profile", "w_member_social", "r_basicprofile", "rw_organization_admin", "w_organization_social", "r_organization_social"];
  editor = "normal" as const;
  counting = "chars" as const;
  maxConcurrentJob = LINKEDIN_CONCURRENCY.maxConcurrentJob;
  // No idempotency key and no read-back in our scopes: a lost answer is unconfirmed.
  publishSafety = "unconfirmed" as const;
  concurrencyGroup = LINKEDIN_CONCURRENCY.concurrencyGroup;
  oneTimeToken = false;
  rules = LINKEDIN_RULES;
  media = LINKEDIN_MEDIA;
  polls = LINKEDIN_POLLS;
  threads = LINKEDIN_THREADS;
  settings = linkedinPageSettings;
  analyticsSupport = { account: true, post: true };
  protected oauth = linkedInOAuth(this.identifier);
  protected api = new LinkedInApi(this, this.identifier);
  /** How long to wait on LinkedIn's media processing; tests shorten it. */
  timing: PublishTiming = DEFAULT_TIMING;

  maxLength(): number {
    return LINKEDIN_MAX_LENGTH;
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const m = await fetchMember(this, this.api, accessToken);
    return { id: m.sub, name: m.name, picture: m.picture, needsPagePick: true };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    const call = { token: channel.accessToken };
    const ids = await administeredOrgIds(this.api, call);
    return Promise.all(ids.map((id) => organizationPage(this.api, call, id)));
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const call = { token: channel.accessToken };
    if (!(await administeredOrgIds(this.api, call)).includes(pageId)) {
      throw new ProviderError("bad-body", `You are not an approved administrator of LinkedIn page ${pageId}, so Postmill cannot post as it`);
    }
    return organizationPage(this.api, call, pageId);
  }

  private author(channel: ChannelAccess): string {
    return `urn:li:organization:${channel.internalId}`;
  }

  post(channel: ChannelAccess, item: PostItem, _settings: LinkedInPageSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishPost(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, "PUBLIC", this.timing);
  }

  comment(channel: ChannelAccess, item: PostItem, _parent: PublishedItem, root: PublishedItem, _settings: LinkedInPageSettings, ctx?: PublishContext): Promise<PublishedItem> {
    return publishComment(this.api, { token: channel.accessToken, ctx }, this.author(channel), item, root);
  }

  /** Daily share statistics, follower gains and page views, and the follower total (linkedin-page.analytics.ts). */
  analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<MetricPoint[]> {
    return pageAnalytics(this.api, { token: channel.accessToken, ctx }, channel.internalId, range);
  }

  postAnalytics(channel: ChannelAccess, platformPostId: string, ctx?: PublishContext): Promise<Record<string, number>> {
    return socialActionCounts(this.api, { token: channel.accessToken, ctx }, platformPostId);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyLinkedInError(body, status, { organization: true });
  }
}
