import type { AutoSignature } from "@/lib/signatures/apply";
import type { EditorKind, PlatformBadge, ProviderDescriptor } from "@/providers/social.integrations.interface";

// What the composer edits. A post is written once ("global") and any channel may carry its own
// variant instead; everything here is plain data so it can be checked and tested without a DOM.

export type AttachedMedia = {
  /** Library file id; absent for an external http(s) address kept from an older post. */
  mediaId?: string;
  /** Where the browser shows it from (the library's file route, or the external address). */
  src: string;
  fileName: string;
  mimeType: string;
  size?: number;
  width?: number | null;
  height?: number | null;
  alt: string;
};

export type DraftPoll = { question: string; options: string[]; durationMinutes: number };
/**
 * linkCard: the link shown as the item's card where the platform shows cards (lib/composer/link-card.ts);
 * absent is the first link of the text, null is no card (the user removed it).
 */
export type DraftItem = { text: string; media: AttachedMedia[]; poll?: DraftPoll; linkCard?: { url: string } | null };

export type ComposerState = {
  /** Set when editing an existing post. */
  postId?: string;
  picked: string[];
  global: DraftItem[];
  /** Channels with their own variant; the others follow the global items. */
  variants: Record<string, DraftItem[]>;
  settings: Record<string, Record<string, unknown>>;
  /** The publish time as a wall time in the user's zone ("2026-11-24T09:30"). */
  when: string;
  /** The organization's automatic signatures, added to what each channel sends (lib/signatures/apply.ts). */
  autoSignatures?: AutoSignature[];
};

export type ComposerChannel = {
  id: string;
  name: string;
  provider: string;
  providerName: string;
  badge: PlatformBadge;
  picture: string | null;
  username: string | null;
  /** The server, on multi-instance platforms. */
  instanceUrl: string | null;
  status: string;
  /** The channel's own limit where its server sets one (a Mastodon instance). */
  maxLength: number | null;
  /** Set when the platform's daily quota for this server runs low (lib/quota/ledger.ts). */
  quotaNote?: string | null;
};

export type Descriptor = ProviderDescriptor;
export type { EditorKind };
