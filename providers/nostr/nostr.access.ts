import { getPublicKey } from "nostr-tools/pure";
import { ProviderError } from "../core/errors";

// The channel's stored access (encrypted at rest like every access token, never sent to the
// browser): the secret key and the public key it must give, "<secret hex>.<public hex>". The
// public half lets publishing refuse a key that no longer matches the channel's identity, and is
// where a relay that admits writers by key knows the account from (the emulator's revocation check).

export type NostrKeys = { secretKey: Uint8Array; pubkey: string };

export function encodeAccess(secretKey: Uint8Array): string {
  return `${Buffer.from(secretKey).toString("hex")}.${getPublicKey(secretKey)}`;
}

export function decodeAccess(stored: string): NostrKeys {
  const [sk, pk] = stored.split(".");
  const bad = () => new ProviderError("disconnect", "The stored Nostr key is unreadable; reconnect the channel with its private key");
  if (!sk || !/^[0-9a-f]{64}$/.test(sk) || !pk) throw bad();
  const secretKey = Uint8Array.from(Buffer.from(sk, "hex"));
  let pubkey: string;
  try {
    pubkey = getPublicKey(secretKey);
  } catch {
    throw bad();
  }
  if (pubkey !== pk) throw bad();
  return { secretKey, pubkey };
}
