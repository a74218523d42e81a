import type { PlatformManifest } from "./core/manifest";
import { blueskyManifest } from "./bluesky/bluesky.manifest";
import { devtoManifest } from "./devto/devto.manifest";
import { dribbbleManifest } from "./dribbble/dribbble.manifest";
import { discordManifest } from "./discord/discord.manifest";
import { farcasterManifest } from "./farcaster/farcaster.manifest";
import { ghostManifest } from "./ghost/ghost.manifest";
import { hashnodeManifest } from "./hashnode/hashnode.manifest";
import { linkedinPageManifest } from "./linkedin-page/linkedin-page.manifest";
import { linkedinManifest } from "./linkedin/linkedin.manifest";
import { listmonkManifest } from "./listmonk/listmonk.manifest";
import { mastodonManifest } from "./mastodon/mastodon.manifest";
import { mediumManifest } from "./medium/medium.manifest";
import { meweManifest } from "./mewe/mewe.manifest";
import { pinterestManifest } from "./pinterest/pinterest.manifest";
import { slackManifest } from "./slack/slack.manifest";
import { vkManifest } from "./vk/vk.manifest";
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
