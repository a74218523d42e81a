import { ProviderError, type HandledError } from "../core/errors";
import type { AuthResult, ChannelAccess, AccountMetrics, Page, PublishContext, SocialProvider } from "../social.integrations.interface";
import { LinkedInBase } from "../linkedin/linkedin.base";
import { classifyLinkedInError } from "../linkedin/linkedin.errors";
import { fetchMember } from "../linkedin/linkedin.member";
import { pageAnalytics } from "./linkedin-page.analytics";
import { administeredOrgIds, organizationPage } from "./linkedin-page.orgs";
import { linkedinPageManifest } from "./linkedin-page.manifest";
import type { LinkedInPageSettings } from "./linkedin-page.settings";

// A LinkedIn company page. The member connects, then picks one of the organizations they
// administer; the channel keeps the member's token and the organization id as its internal id.
export class LinkedInPageProvider extends LinkedInBase<LinkedInPageSettings> implements SocialProvider<LinkedInPageSettings> {
  constructor() {
    super(linkedinPageManifest);
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
      throw new ProviderError(
        "bad-body",
        `You are not an approved administrator of LinkedIn page ${pageId}, so Postmill cannot post as it`,
      );
    }
    return organizationPage(this.api, call, pageId);
  }

  protected author(channel: ChannelAccess): string {
    return `urn:li:organization:${channel.internalId}`;
  }

  // Company page posts are always public on LinkedIn.
  protected visibility(): "PUBLIC" {
    return "PUBLIC";
  }

  /** Daily share statistics, follower gains and page views, and the follower total (linkedin-page.analytics.ts). */
  analytics(channel: ChannelAccess, range: { from: Date; to: Date }, ctx?: PublishContext): Promise<AccountMetrics> {
    return pageAnalytics(this.api, { token: channel.accessToken, ctx }, channel.internalId, range);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyLinkedInError(body, status, { organization: true });
  }
}
