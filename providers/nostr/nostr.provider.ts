import type { Event, EventTemplate } from "nostr-tools/core";
import { neventEncode, npubEncode } from "nostr-tools/nip19";
import { finalizeEvent, generateSecretKey } from "nostr-tools/pure";
import { ValidationError } from "@/lib/errors";
import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { ManifestProvider } from "../core/manifest-provider";
import type { AuthResult, ChannelAccess, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { decodeAccess, encodeAccess, encodeBunkerAccess, type NostrKeys } from "./nostr.access";
import { connectBunker, isBunkerUrl, parseBunkerUrl, signWithBunker } from "./nostr.bunker";
import { classifyRelayMessage, summariseRelays } from "./nostr.errors";
import { noteContent, noteTemplate, TEXT_NOTE, type NoteRef } from "./nostr.event";
import { parseRelays, parseSecretKey } from "./nostr.keys";
import { nostrManifest } from "./nostr.manifest";
import type { NostrSettings } from "./nostr.settings";
import { publishToRelays, queryRelays } from "./nostr.socket";

// Nostr (../shared/platforms/nostr.md): notes signed here with the account's key (nostr-tools)
// and sent to each of the channel's relays; published when one accepted, with every relay's answer
// kept on the result.

type Kind0 = { name?: string; display_name?: string; picture?: string };

function profileOf(events: Event[]): Kind0 {
  const newest = events.filter((e) => e.kind === 0).sort((a, b) => b.created_at - a.created_at)[0];
  if (!newest) return {};
  try {
    const p = JSON.parse(newest.content) as Kind0;
    return typeof p === "object" && p ? p : {};
  } catch {
    return {}; // a profile that is not JSON is the relay's problem, not a reason to refuse connecting
  }
}

/** The relay every channel is pinned to (NOSTR_RELAY_URL, or the emulator in sandbox mode), as a ws(s) URL; "" when none. */
const pinnedRelay = () => hostOf(nostrManifest, "relay").replace(/^http/, "ws");

const relaysOf = (channel: ChannelAccess): string[] => {
  if (pinnedRelay()) return [pinnedRelay()];
  const r = channel.profile?.relays;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : [];
};

export class NostrProvider extends ManifestProvider<NostrSettings> implements SocialProvider<NostrSettings> {
  readonly manifest = nostrManifest;

  /**
   * Checks the key (nsec or hex) and the relay addresses, then reaches the relays: at least one
   * must answer, and the account's kind-0 profile (NIP-01) gives the channel its name when a relay has one.
   */
  async connectWithFields(values: Record<string, string>): Promise<AuthResult> {
    const relays = parseRelays(pinnedRelay() || values.relays);
    const signer = await this.signerOf(values.privateKey);
    const { access, pubkey } = signer;
    const { events, failed } = await queryRelays(relays, { kinds: [0], authors: [pubkey], limit: 1 });
    if (failed.length === relays.length)
      throw new ValidationError({ relays: `No relay could be reached: ${failed.map((f) => `${f.relay}: ${f.error}`).join("; ")}` });
    const p = profileOf(events);
    const npub = npubEncode(pubkey);
    return {
      // The account is its public key; the npub is how people write it (NIP-19).
      id: pubkey,
      name: p.display_name?.trim() || p.name?.trim() || `${npub.slice(0, 12)}…${npub.slice(-6)}`,
      username: npub,
      ...(typeof p.picture === "string" && /^https:\/\//.test(p.picture) ? { picture: p.picture } : {}),
      accessToken: access,
      // No `service`: Nostr has no home server, the same key publishes to whichever relays are named,
      // so the channel is the key alone and reconnecting with other relays updates this one.
      profile: {
        relays,
        npub,
        ...(signer.bunker ? { bunker: signer.bunker } : {}),
        ...(failed.length ? { unreachableAtConnect: failed.map((f) => f.relay) } : {}),
      },
    };
  }

  /**
   * The key field holds the user's own key (nsec or hex), or a remote signer's bunker:// address
   * (NIP-46), the better choice: then the user's key never reaches this server. For a signer, a
   * key of this server's own is made and accepted by the signer with the address's one-time secret,
   * which is not kept.
   */
  private async signerOf(
    value: string | undefined,
  ): Promise<{ access: string; pubkey: string; bunker?: { pubkey: string; relays: string[] } }> {
    if (isBunkerUrl(value)) {
      const bp = parseBunkerUrl(value!);
      const clientKey = generateSecretKey();
      const pubkey = await connectBunker(clientKey, bp);
      return { access: encodeBunkerAccess(clientKey, pubkey), pubkey, bunker: { pubkey: bp.pubkey, relays: bp.relays } };
    }
    const access = encodeAccess(parseSecretKey(value));
    return { access, pubkey: access.split(".")[1]! };
  }

  async post(channel: ChannelAccess, item: PostItem, _settings: NostrSettings, _ctx?: PublishContext): Promise<PublishedItem> {
    return this.publishNote(channel, item);
  }

  async comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    root: PublishedItem,
    _settings: NostrSettings,
    _ctx?: PublishContext,
  ): Promise<PublishedItem> {
    return this.publishNote(channel, item, { root: refOf(root), parent: refOf(parent) });
  }

  /**
   * After a lost answer: the account's notes since the call, on every relay, matched by their text
   * (with the media links) and, for a reply, by its reply tag; the id is then that note's.
   */
  async findPublished(
    channel: ChannelAccess,
    item: PostItem,
    opts: { since: Date; parent?: PublishedItem },
  ): Promise<PublishedItem | null> {
    const { pubkey } = decodeAccess(channel.accessToken);
    const relays = relaysOf(channel);
    const since = Math.floor(opts.since.getTime() / 1000) - 1;
    const { events } = await queryRelays(relays, { kinds: [TEXT_NOTE], authors: [pubkey], since });
    const content = noteContent(item);
    const match = events
      .filter((e) => e.content === content && (!opts.parent || e.tags.some((t) => t[0] === "e" && t[1] === opts.parent!.id)))
      .sort((a, b) => a.created_at - b.created_at)[0];
    return match ? this.result(match, relays, []) : null;
  }

  handleErrors(body: string, _status: number): HandledError | undefined {
    return classifyRelayMessage(body);
  }

  private async publishNote(channel: ChannelAccess, item: PostItem, thread?: { root: NoteRef; parent: NoteRef }): Promise<PublishedItem> {
    const keys = decodeAccess(channel.accessToken);
    const relays = relaysOf(channel);
    if (relays.length === 0) throw new ValidationError({ relays: "This channel has no relays; reconnect it with at least one" });
    // Signed once: every relay gets the very same event, so a relay that already has it answers
    // "duplicate" instead of storing a second note.
    const event = await sign(keys, channel, noteTemplate(item, Math.floor(Date.now() / 1000), thread));
    const { accepted, warnings } = summariseRelays(await publishToRelays(relays, event));
    return this.result(event, accepted, warnings);
  }

  private result(event: Event, accepted: string[], warnings: string[]): PublishedItem {
    const nevent = neventEncode({ id: event.id, author: event.pubkey, kind: event.kind, relays: accepted.slice(0, 3) });
    return {
      id: event.id,
      url: `${hostOf(this.manifest, "web")}/${nevent}`,
      ref: { pubkey: event.pubkey, relay: accepted[0] ?? "", acceptedBy: accepted.join(" ") },
      ...(warnings.length ? { warnings } : {}),
    };
  }
}

async function sign(keys: NostrKeys, channel: ChannelAccess, template: EventTemplate): Promise<Event> {
  if (keys.kind === "key") return finalizeEvent(template, keys.secretKey);
  const b = channel.profile?.bunker as { pubkey?: unknown; relays?: unknown } | undefined;
  if (!b || typeof b.pubkey !== "string" || !Array.isArray(b.relays))
    throw new ProviderError("disconnect", "This channel's remote signer is not recorded; reconnect it with its bunker:// address");
  return signWithBunker(keys.clientKey, { pubkey: b.pubkey, relays: b.relays as string[], secret: null }, template, keys.pubkey);
}

function refOf(p: PublishedItem): NoteRef {
  return { id: p.id, pubkey: p.ref?.pubkey ?? "", relay: p.ref?.relay ?? "" };
}
