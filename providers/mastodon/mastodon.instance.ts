import { z } from "zod";
import { normalizeServerUrl } from "@/lib/net/public-url";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { ChannelAccess } from "../social.integrations.interface";
import { mastodonManifest } from "./mastodon.manifest";

// Which Mastodon server we talk to, and what it allows. Every server is its own OAuth issuer with
// its own limits, so both come from the server the user named rather than from constants.

export const DEFAULT_INSTANCE = mastodonManifest.auth.instanceField.defaultValue;
export const DEFAULT_MAX_CHARACTERS = mastodonManifest.maxLength;

/** `profile` arrived in 4.3; older servers and forks refuse it, but all know read:accounts. */
export const SCOPES = mastodonManifest.auth.scopes;
export const LEGACY_SCOPES = ["write:statuses", "write:media", "read:accounts"];

// An operator override (MASTODON_INSTANCE_URL) or the sandbox pins every connection to one server,
// so the emulator stands in for whatever server the user types.
function pinnedInstance(): string {
  return hostOf(mastodonManifest, "instance");
}

/** The server a user typed ("mastodon.social", "https://fosstodon.org/") as a base URL. */
export function instanceBase(typed?: string | null): string {
  return pinnedInstance() || normalizeServerUrl(typed?.trim() || DEFAULT_INSTANCE, "instanceUrl");
}

/** The server a connected channel lives on. */
export function channelInstance(channel: ChannelAccess): string {
  const stored = channel.instanceUrl ?? (typeof channel.profile?.instanceUrl === "string" ? channel.profile.instanceUrl : "");
  const base = pinnedInstance() || stored.replace(/\/+$/, "");
  if (!base) throw new ProviderError("disconnect", "This Mastodon channel has no server address; reconnect it.");
  return base;
}

/** The account's local name ("alice" of "alice@fosstodon.org"), for building status links. */
export function localUsername(channel: ChannelAccess): string {
  const fromProfile = channel.profile?.localUsername;
  if (typeof fromProfile === "string" && fromProfile) return fromProfile;
  return (channel.username ?? "").replace(/^@/, "").split("@")[0] ?? "";
}

const num = z.coerce.number().int().positive().optional().catch(undefined);

// GET /api/v2/instance, reduced to what posting needs; every field is optional on forks.
export const instanceSchema = z.object({
  configuration: z
    .object({
      statuses: z
        .object({ max_characters: num, max_media_attachments: num, characters_reserved_per_url: num })
        .partial()
        .optional()
        .catch(undefined),
      polls: z
        .object({ max_options: num, max_characters_per_option: num, min_expiration: num, max_expiration: num })
        .partial()
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});
export type InstanceInfo = z.infer<typeof instanceSchema>;

/** The instance's limits as stored on the channel profile (read back by maxLength and post). */
export function limitsFrom(info: InstanceInfo | undefined): Record<string, unknown> {
  const s = info?.configuration?.statuses;
  const p = info?.configuration?.polls;
  return {
    instanceMaxCharacters: s?.max_characters ?? DEFAULT_MAX_CHARACTERS,
    maxMediaAttachments: s?.max_media_attachments ?? 4,
    charactersReservedPerUrl: s?.characters_reserved_per_url ?? 23,
    polls: {
      maxOptions: p?.max_options ?? 4,
      maxCharactersPerOption: p?.max_characters_per_option ?? 50,
      minExpirationSeconds: p?.min_expiration ?? 300,
      maxExpirationSeconds: p?.max_expiration ?? 2_629_746,
    },
  };
}

/** A positive number stored on the channel profile, or the fallback. */
export function profileNumber(profile: Record<string, unknown> | null | undefined, key: string, fallback: number): number {
  const n = Number(profile?.[key]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
