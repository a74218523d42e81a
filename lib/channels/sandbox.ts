import "server-only";
import { hostOf } from "@/providers/core/hosts";
import { getProvider } from "@/providers/registry";

// Whether a channel lives on the platform emulator (sandbox mode, PROVIDER_SANDBOX_URL), so that it
// is named as such ("Sandbox · Mastodon emulator", lib/channels/label.ts) rather than by the server
// the user typed: in the sandbox a Mastodon channel "on mastodon.social" never talked to it.

type ChannelServer = { provider: string; instanceUrl?: string | null };

export function onSandbox(c: ChannelServer): boolean {
  const sandbox = process.env.PROVIDER_SANDBOX_URL?.replace(/\/+$/, "");
  const manifest = getProvider(c.provider)?.manifest;
  if (!sandbox || !manifest) return false;
  const url = c.instanceUrl?.trim();
  if (url && (url === sandbox || url.startsWith(`${sandbox}/`))) return true;
  const hosts = manifest.env.hosts;
  const allOnSandbox = hosts.length > 0 && hosts.every((h) => hostOf(manifest, h.name).startsWith(`${sandbox}/`));
  // A platform of one host: the emulator when every host points at it (no operator override).
  if (!url) return allOnSandbox;
  // A server the user named: only an instance-OAuth platform's is replaced by the pinned one (the
  // emulator); a self-hosted site or a PDS the user named is really talked to.
  return manifest.auth.kind === "instance-oauth" && allOnSandbox;
}
