import type { PlatformManifest } from "./core/manifest";
import { blueskyManifest } from "./bluesky/bluesky.manifest";
import { devtoManifest } from "./devto/devto.manifest";
import { dribbbleManifest } from "./dribbble/dribbble.manifest";
import { discordManifest } from "./discord/discord.manifest";
import { facebookManifest } from "./facebook/facebook.manifest";
import { farcasterManifest } from "./farcaster/farcaster.manifest";
import { ghostManifest } from "./ghost/ghost.manifest";
import { gmbManifest } from "./gmb/gmb.manifest";
import { hashnodeManifest } from "./hashnode/hashnode.manifest";
import { instagramStandaloneManifest } from "./instagram-standalone/instagram-standalone.manifest";
import { instagramManifest } from "./instagram/instagram.manifest";
import { lemmyManifest } from "./lemmy/lemmy.manifest";
import { kickManifest } from "./kick/kick.manifest";
import { linkedinPageManifest } from "./linkedin-page/linkedin-page.manifest";
import { linkedinManifest } from "./linkedin/linkedin.manifest";
import { listmonkManifest } from "./listmonk/listmonk.manifest";
import { mastodonManifest } from "./mastodon/mastodon.manifest";
import { mediumManifest } from "./medium/medium.manifest";
import { meweManifest } from "./mewe/mewe.manifest";
import { pinterestManifest } from "./pinterest/pinterest.manifest";
import { slackManifest } from "./slack/slack.manifest";
import { threadsManifest } from "./threads/threads.manifest";
import { tiktokBusinessManifest } from "./tiktok-business/tiktok-business.manifest";
import { tiktokManifest } from "./tiktok/tiktok.manifest";
import { vkManifest } from "./vk/vk.manifest";
import { telegramManifest } from "./telegram/telegram.manifest";
import { redditManifest } from "./reddit/reddit.manifest";
import { twitchManifest } from "./twitch/twitch.manifest";
import { tumblrManifest } from "./tumblr/tumblr.manifest";
import { whopManifest } from "./whop/whop.manifest";
import { nostrManifest } from "./nostr/nostr.manifest";
import { moltbookManifest } from "./moltbook/moltbook.manifest";
import { skoolManifest } from "./skool/skool.manifest";
import { wordpressManifest } from "./wordpress/wordpress.manifest";
import { xManifest } from "./x/x.manifest";
import { youtubeManifest } from "./youtube/youtube.manifest";

// Every platform's manifest by identifier: static data, safe for the browser (no provider class,
// no server module). The registry (registry.ts) must hold a provider for exactly these keys.
export const manifests = {
  x: xManifest,
  linkedin: linkedinManifest,
  "linkedin-page": linkedinPageManifest,
  mastodon: mastodonManifest,
  bluesky: blueskyManifest,
  devto: devtoManifest,
  medium: mediumManifest,
  hashnode: hashnodeManifest,
  listmonk: listmonkManifest,
  nostr: nostrManifest,
  wordpress: wordpressManifest,
  ghost: ghostManifest,
  farcaster: farcasterManifest,
  mewe: meweManifest,
  skool: skoolManifest,
  moltbook: moltbookManifest,
  whop: whopManifest,
  pinterest: pinterestManifest,
  dribbble: dribbbleManifest,
  discord: discordManifest,
  slack: slackManifest,
  vk: vkManifest,
  telegram: telegramManifest,
  reddit: redditManifest,
  lemmy: lemmyManifest,
  twitch: twitchManifest,
  kick: kickManifest,
  tumblr: tumblrManifest,
  threads: threadsManifest,
  gmb: gmbManifest,
  tiktok: tiktokManifest,
  "tiktok-business": tiktokBusinessManifest,
  instagram: instagramManifest,
  "instagram-standalone": instagramStandaloneManifest,
  facebook: facebookManifest,
  youtube: youtubeManifest,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each platform has its own settings type
} satisfies Record<string, PlatformManifest<any>>;

export type PlatformId = keyof typeof manifests;

export function manifestOf(id: string): PlatformManifest | undefined {
  return Object.hasOwn(manifests, id) ? (manifests[id as PlatformId] as PlatformManifest) : undefined;
}

export function allManifests(): PlatformManifest[] {
  return Object.values(manifests) as PlatformManifest[];
}
