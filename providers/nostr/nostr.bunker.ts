import { AbstractSimplePool } from "nostr-tools/abstract-pool";
import type { EventTemplate, VerifiedEvent } from "nostr-tools/core";
import { BunkerSigner, type BunkerPointer } from "nostr-tools/nip46";
import { verifyEvent } from "nostr-tools/pure";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "../core/errors";
import { parseRelays } from "./nostr.keys";
import { CONNECT_TIMEOUT_MS, socketClass } from "./nostr.socket";

// A remote signer (NIP-46, "bunker"): the user's key stays in their signer app or service, and
// this server holds only a key of its own that the signer has accepted. Each request (connect,
// get_public_key, sign_event) is an encrypted kind-24133 event exchanged over the signer's relays,
// which are user-given addresses too: their sockets go through the outbound guard like any relay.
// nostr-tools' BunkerSigner speaks the protocol; it has no timeout of its own, so every request is
// bounded here.

/** Long enough for a signer that asks its owner to approve the first connection. */
export const BUNKER_CONNECT_TIMEOUT_MS = 60_000;
export const BUNKER_SIGN_TIMEOUT_MS = 30_000;

export const isBunkerUrl = (value: string | undefined) => /^bunker:\/\//i.test((value ?? "").trim());

/** bunker://<signer pubkey hex>?relay=wss://…&relay=…&secret=… — refused naming `field` otherwise. */
export function parseBunkerUrl(value: string, field = "privateKey"): BunkerPointer {
  const raw = value.trim();
  const refuse = (why: string) => new ValidationError({ [field]: why });
  if (!URL.canParse(raw)) throw refuse("This remote signer address is not a valid bunker:// URL");
  const u = new URL(raw);
  const pubkey = u.hostname.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(pubkey)) throw refuse("A bunker:// address starts with the signer's 64-character hex public key");
  const relays = u.searchParams.getAll("relay");
  if (relays.length === 0) throw refuse("The bunker:// address names no relay (relay=wss://…)");
  let parsed: string[];
  try {
    parsed = parseRelays(relays.join(" "), field);
  } catch (e) {
    throw e instanceof ValidationError ? refuse(`The bunker:// address has a bad relay: ${e.fields[field]}`) : e;
  }
  return { pubkey, relays: parsed, secret: u.searchParams.get("secret") };
}

function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_ok, fail) => {
    timer = setTimeout(() => fail(new Error(`the remote signer did not answer ${what} within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `fn` with a signer session over guarded sockets, always closing it. */
async function withSigner<T>(clientKey: Uint8Array, bp: BunkerPointer, fn: (s: BunkerSigner) => Promise<T>): Promise<T> {
  const pool = new AbstractSimplePool({
    verifyEvent: (e) => verifyEvent(e),
    websocketImplementation: socketClass() as unknown as typeof globalThis.WebSocket,
    enableReconnect: false,
    maxWaitForConnection: CONNECT_TIMEOUT_MS,
  });
  const signer = BunkerSigner.fromBunker(clientKey, bp, { pool, skipSwitchRelays: true });
  try {
    return await fn(signer);
  } finally {
    await signer.close().catch(() => undefined);
    pool.destroy();
  }
}

/** Connects this server's key to the signer (with the one-time secret) and reads the user's public key. */
export async function connectBunker(clientKey: Uint8Array, bp: BunkerPointer, field = "privateKey"): Promise<string> {
  try {
    return await withSigner(clientKey, bp, async (s) => {
      await bounded(s.connect({ name: "Postmill" }), BUNKER_CONNECT_TIMEOUT_MS, "the connection request");
      const pk = await bounded(s.getPublicKey(), BUNKER_SIGN_TIMEOUT_MS, "the public key request");
      if (!/^[0-9a-f]{64}$/.test(pk)) throw new Error("it answered no valid public key");
      return pk;
    });
  } catch (e) {
    throw new ValidationError({ [field]: `The remote signer refused or did not answer: ${(e as Error)?.message ?? String(e)}` });
  }
}

/** The note signed by the remote signer; it must be signed by the channel's own key. */
export async function signWithBunker(
  clientKey: Uint8Array,
  bp: BunkerPointer,
  template: EventTemplate,
  pubkey: string,
): Promise<VerifiedEvent> {
  let signed: VerifiedEvent;
  try {
    signed = await withSigner(clientKey, bp, (s) => bounded(s.signEvent(template), BUNKER_SIGN_TIMEOUT_MS, "the signing request"));
  } catch (e) {
    // Nothing was sent to the publishing relays yet: safe to try again later.
    throw new ProviderError("retry", `The remote signer did not sign the note: ${(e as Error)?.message ?? String(e)}`);
  }
  if (signed.pubkey !== pubkey)
    throw new ProviderError("disconnect", "The remote signer signed with another key than this channel's; reconnect the channel");
  return signed;
}
