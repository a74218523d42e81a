// How a channel is named wherever the user has to tell channels apart: two accounts may share a
// display name (a person on two Mastodon servers, a brand on X and Bluesky), so the name always
// travels with the platform, the handle and, on multi-instance platforms, the server. This is the
// text form (aria labels, CSV, messages); components/channels/channel-label.tsx draws the same.

import type { PlatformBadge } from "@/providers/social.integrations.interface";

export type { PlatformBadge };

/** For a channel whose platform is no longer on this server. */
export const UNKNOWN_BADGE: PlatformBadge = { text: "?", colour: "#475569" };

export type ChannelIdentity = {
  name: string;
  providerName: string;
  username?: string | null;
  /** Set only for multi-instance platforms (Mastodon, a Bluesky PDS…). */
  instanceUrl?: string | null;
  /** The channel lives on the platform emulator (sandbox mode, lib/channels/sandbox.ts): named so, not by a server. */
  sandbox?: boolean;
};

/** "Sandbox · Mastodon emulator": where a sandbox channel's posts really go. */
export function sandboxServer(c: Pick<ChannelIdentity, "providerName">): string {
  return `Sandbox · ${c.providerName} emulator`;
}

/**
 * "@alice" (a handle already written with "@" is kept). A fediverse handle stored with its domain
 * ("alice@mastodon.example") loses the domain when it is the channel's server, which is shown
 * apart; a different domain (an account domain served from another host) is kept.
 */
export function channelHandle(c: Pick<ChannelIdentity, "username" | "instanceUrl">): string | null {
  const u = c.username?.trim().replace(/^@/, "");
  if (!u) return null;
  const at = u.indexOf("@");
  const server = channelServer(c);
  return at > 0 && server && u.slice(at + 1).toLowerCase() === server.toLowerCase() ? `@${u.slice(0, at)}` : `@${u}`;
}

/** The fediverse-style address "@alice@mastodon.example", or the handle alone where there is no server (or it is the emulator). */
export function channelAddress(c: Pick<ChannelIdentity, "username" | "instanceUrl" | "sandbox">): string | null {
  const handle = channelHandle(c);
  if (c.sandbox) return handle;
  const server = channelServer(c);
  if (!handle) return server;
  return server && handle.indexOf("@", 1) < 0 ? `${handle}@${server}` : handle;
}

/** The server's host (and port when it has one), "mastodon.example" or "127.0.0.1:4592". */
export function channelServer(c: Pick<ChannelIdentity, "instanceUrl">): string | null {
  const raw = c.instanceUrl?.trim();
  if (!raw) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).host;
  } catch {
    return raw.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
  }
}

/**
 * "@alice on mastodon.example", "@alice", "mastodon.example" or null: what tells the channel apart.
 * A sandbox channel with a server: "@alice · Sandbox · Mastodon emulator" (the server it was connected
 * with is not where its posts go); one of a single-host platform shows its handle, as everywhere.
 */
export function channelDetail(c: ChannelIdentity): string | null {
  const handle = channelHandle(c);
  const server = channelServer(c);
  if (c.sandbox && server) return [handle, sandboxServer(c)].filter(Boolean).join(" · ");
  if (handle && server) return `${handle} on ${server}`;
  return handle ?? server;
}

/** "Alice (Mastodon, @alice on mastodon.example)": the whole name in words. */
export function channelLabel(c: ChannelIdentity): string {
  const detail = channelDetail(c);
  return `${c.name} (${c.providerName}${detail ? `, ${detail}` : ""})`;
}
