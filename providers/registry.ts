import { z } from "zod";
import { markupProfileOf } from "@/lib/markup/profiles";
import { rulesText } from "@/lib/composer/rules-text";
import { uploadsPublicProblem } from "@/lib/media/public-reach";
import { kindsUnavailable } from "@/lib/media/verified-prefix";
import { BlueskyProvider } from "./bluesky/bluesky.provider";
import { connectFields } from "./core/manifest-runtime";
import type { AuthManifest, PlatformManifest } from "./core/manifest";
import { DevtoProvider } from "./devto/devto.provider";
import { DribbbleProvider } from "./dribbble/dribbble.provider";
import { DiscordProvider } from "./discord/discord.provider";
import { FacebookProvider } from "./facebook/facebook.provider";
import { FarcasterProvider } from "./farcaster/farcaster.provider";
import { GhostProvider } from "./ghost/ghost.provider";
import { GmbProvider } from "./gmb/gmb.provider";
import { HashnodeProvider } from "./hashnode/hashnode.provider";
import { InstagramStandaloneProvider } from "./instagram-standalone/instagram-standalone.provider";
import { InstagramProvider } from "./instagram/instagram.provider";
import { LemmyProvider } from "./lemmy/lemmy.provider";
import { KickProvider } from "./kick/kick.provider";
import { LinkedInPageProvider } from "./linkedin-page/linkedin-page.provider";
import { LinkedInProvider } from "./linkedin/linkedin.provider";
import type { PlatformId } from "./manifests";
import { ListmonkProvider } from "./listmonk/listmonk.provider";
import { MastodonProvider } from "./mastodon/mastodon.provider";
import type { ProviderDescriptor, SocialProvider } from "./social.integrations.interface";
import { MediumProvider } from "./medium/medium.provider";
import { MeweProvider } from "./mewe/mewe.provider";
import { PinterestProvider } from "./pinterest/pinterest.provider";
import { SlackProvider } from "./slack/slack.provider";
import { ThreadsProvider } from "./threads/threads.provider";
import { TiktokBusinessProvider } from "./tiktok-business/tiktok-business.provider";
import { TiktokProvider } from "./tiktok/tiktok.provider";
import { VkProvider } from "./vk/vk.provider";
import { TelegramProvider } from "./telegram/telegram.provider";
import { RedditProvider } from "./reddit/reddit.provider";
import { TwitchProvider } from "./twitch/twitch.provider";
import { TumblrProvider } from "./tumblr/tumblr.provider";
import { WhopProvider } from "./whop/whop.provider";
import { NostrProvider } from "./nostr/nostr.provider";
import { MoltbookProvider } from "./moltbook/moltbook.provider";
import { SkoolProvider } from "./skool/skool.provider";
import { WordpressProvider } from "./wordpress/wordpress.provider";
import { XProvider } from "./x/x.provider";
import { YoutubeProvider } from "./youtube/youtube.provider";

// Every platform, by the identifier stored in the database and used in URLs. Adding a platform is
// its folder under providers/, its manifest in manifests.ts and its provider here; the compiler
// refuses a manifest without a provider and a provider without a manifest.
export const providers = {
  x: new XProvider(),
  linkedin: new LinkedInProvider(),
  "linkedin-page": new LinkedInPageProvider(),
  mastodon: new MastodonProvider(),
  bluesky: new BlueskyProvider(),
  devto: new DevtoProvider(),
  medium: new MediumProvider(),
  hashnode: new HashnodeProvider(),
  listmonk: new ListmonkProvider(),
  nostr: new NostrProvider(),
  wordpress: new WordpressProvider(),
  ghost: new GhostProvider(),
  farcaster: new FarcasterProvider(),
  mewe: new MeweProvider(),
  skool: new SkoolProvider(),
  moltbook: new MoltbookProvider(),
  whop: new WhopProvider(),
  pinterest: new PinterestProvider(),
  dribbble: new DribbbleProvider(),
  discord: new DiscordProvider(),
  slack: new SlackProvider(),
  vk: new VkProvider(),
  telegram: new TelegramProvider(),
  reddit: new RedditProvider(),
  lemmy: new LemmyProvider(),
  twitch: new TwitchProvider(),
  kick: new KickProvider(),
  tumblr: new TumblrProvider(),
  threads: new ThreadsProvider(),
  gmb: new GmbProvider(),
  tiktok: new TiktokProvider(),
  "tiktok-business": new TiktokBusinessProvider(),
  instagram: new InstagramProvider(),
  "instagram-standalone": new InstagramStandaloneProvider(),
  facebook: new FacebookProvider(),
  youtube: new YoutubeProvider(),
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each provider has its own settings type
} satisfies Record<PlatformId, SocialProvider<any>>;

export type ProviderId = PlatformId;

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(providers, id);
}

export function getProvider(id: string): SocialProvider | undefined {
  return isProviderId(id) ? (providers[id] as unknown as SocialProvider) : undefined;
}

export function allProviders(): SocialProvider[] {
  return Object.values(providers) as unknown as SocialProvider[];
}

/** A connection form's defaults as this server resolves them (a host override, the sandbox). */
function resolvedAuth(m: PlatformManifest): AuthManifest {
  return m.auth.kind === "fields" || m.auth.kind === "bot" ? { ...m.auth, fields: connectFields(m) } : m.auth;
}

/** The provider's manifest as the browser gets it: plain JSON, plus what only this server knows. */
export function describeProvider(p: SocialProvider): ProviderDescriptor {
  const m = p.manifest as PlatformManifest;
  const { settings, polls, threads, markup: _markup, ...data } = m;
  const missing = p.missingConfig();
  return {
    ...data,
    auth: resolvedAuth(m),
    polls: polls ?? null,
    threads: threads ?? null,
    markup: markupProfileOf(m),
    // The input side: a field with a default is optional to the user, so it is not listed as required.
    settingsSchema: z.toJSONSchema(settings, { unrepresentable: "any", io: "input" }),
    rules: rulesText(m),
    configured: missing.length === 0,
    missingConfig: missing,
    uploadsNotPublic: uploadsPublicProblem(),
    mediaUnavailable: kindsUnavailable(m.media),
  };
}
