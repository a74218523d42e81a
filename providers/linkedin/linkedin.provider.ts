import type { HandledError } from "../core/errors";
import type { AuthResult, ChannelAccess, SocialProvider } from "../social.integrations.interface";
import { LinkedInBase } from "./linkedin.base";
import { classifyLinkedInError } from "./linkedin.errors";
import { fetchMember } from "./linkedin.member";
import { linkedinManifest } from "./linkedin.manifest";
import type { LinkedInSettings } from "./linkedin.settings";

// A member's own LinkedIn profile: posts as urn:li:person:{sub}.
export class LinkedInProvider extends LinkedInBase<LinkedInSettings> implements SocialProvider<LinkedInSettings> {
  constructor() {
    super(linkedinManifest);
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const m = await fetchMember(this, this.api, accessToken);
    return { id: m.sub, name: m.name, picture: m.picture };
  }

  protected author(channel: ChannelAccess): string {
    return `urn:li:person:${channel.internalId}`;
  }

  protected visibility(settings: LinkedInSettings) {
    return settings?.visibility ?? "PUBLIC";
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyLinkedInError(body, status);
  }
}
