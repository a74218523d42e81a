import { z } from "zod";
import { markupProfileOf } from "@/lib/composer/markup-profiles";
import { BlueskyProvider } from "./bluesky/bluesky.provider";
import { LinkedInPageProvider } from "./linkedin-page/linkedin-page.provider";
import { LinkedInProvider } from "./linkedin/linkedin.provider";
import { MastodonProvider } from "./mastodon/mastodon.provider";
import type { ProviderDescriptor, SocialProvider } from "./social.integrations.interface";
import { XProvider } from "./x/x.provider";

// Every platform, by the identifier stored in the database and used in URLs. Adding a platform is
// its folder under providers/ plus one line here.
export const providers = {
  x: new XProvider(),
  linkedin: new LinkedInProvider(),
  "linkedin-page": new LinkedInPageProvider(),
  mastodon: new MastodonProvider(),
  bluesky: new BlueskyProvider(),
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each provider has its own settings type
} satisfies Record<string, SocialProvider<any>>;

export type ProviderId = keyof typeof providers;

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(providers, id);
}

export function getProvider(id: string): SocialProvider | undefined {
  return isProviderId(id) ? (providers[id] as unknown as SocialProvider) : undefined;
}

export function allProviders(): SocialProvider[] {
  return Object.values(providers) as unknown as SocialProvider[];
}

export function describeProvider(p: SocialProvider): ProviderDescriptor {
  const missing = p.missingConfig?.() ?? [];
  return {
    identifier: p.identifier,
    name: p.name,
    badge: p.badge,
    authKind: p.authKind,
    editor: p.editor,
    markup: markupProfileOf(p),
    polls: p.polls ?? null,
    threads: p.threads ?? null,
    rules: p.rules,
    counting: p.counting,
    maxLength: p.maxLength(),
    maxConcurrentJob: p.maxConcurrentJob,
    oneTimeToken: p.oneTimeToken,
    publishSafety: p.publishSafety,
    media: p.media,
    analytics: p.analyticsSupport,
    customFields: p.customFields?.() ?? [],
    instanceField: p.instanceField ?? null,
    // The input side: a field with a default is optional to the user, so it is not listed as required.
    settingsSchema: z.toJSONSchema(p.settings, { unrepresentable: "any", io: "input" }),
    pagePick: !!p.pages,
    configured: missing.length === 0,
    missingConfig: missing,
  };
}
