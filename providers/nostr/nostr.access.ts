import { getPublicKey } from "nostr-tools/pure";
import { ProviderError } from "../core/errors";

// The channel's stored access (encrypted at rest like every access token, never sent to the
// browser), ending in the account's public key:
//   "<secret key hex>.<public key hex>"          the user's own key, signing here;
//   "bunker:<client key hex>.<public key hex>"   this server's key for a remote signer (NIP-46),
//                                                which holds the user's key and signs for it.
// The public half lets publishing refuse a key that no longer matches the channel's identity, and is
// where a relay that admits writers by key knows the account from (the emulator's revocation check).

export type NostrKeys = { kind: "key"; secretKey: Uint8Array; pubkey: string } | { kind: "bunker"; clientKey: Uint8Array; pubkey: string };

const BUNKER = "bunker:";

export function encodeAccess(secretKey: Uint8Array): string {
  return `${Buffer.from(secretKey).toString("hex")}.${getPublicKey(secretKey)}`;
}

export function encodeBunkerAccess(clientKey: Uint8Array, pubkey: string): string {
  return `${BUNKER}${Buffer.from(clientKey).toString("hex")}.${pubkey}`;
}

export function decodeAccess(stored: string): NostrKeys {
  const bunker = stored.startsWith(BUNKER);
  const [sk, pk] = (bunker ? stored.slice(BUNKER.length) : stored).split(".");
  const bad = () => new ProviderError("disconnect", "The stored Nostr key is unreadable; reconnect the channel with its private key");
  if (!sk || !/^[0-9a-f]{64}$/.test(sk) || !pk || !/^[0-9a-f]{64}$/.test(pk)) throw bad();
  const key = Uint8Array.from(Buffer.from(sk, "hex"));
  if (bunker) return { kind: "bunker", clientKey: key, pubkey: pk };
  let pubkey: string;
  try {
    pubkey = getPublicKey(key);
  } catch {
    throw bad();
  }
  if (pubkey !== pk) throw bad();
  return { kind: "key", secretKey: key, pubkey };
}
