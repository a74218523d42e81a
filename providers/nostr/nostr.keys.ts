import { decode } from "nostr-tools/nip19";
import { getPublicKey } from "nostr-tools/pure";
import { ValidationError } from "@/lib/errors";

// What the user types to connect: the relays to publish to and the account's private key. NIP-19
// says bech32 (nsec1…) is for people and raw 32 bytes for the protocol, so both nsec and 64-hex are
// accepted (Postiz #772/#1148 refused nsec); a bad value is refused naming its field, never echoed.

export const MAX_RELAYS = 20;

/** The 32-byte secret key from "nsec1…" or 64 hex characters; refused naming `field` otherwise. */
export function parseSecretKey(value: string | undefined, field = "privateKey"): Uint8Array {
  const raw = (value ?? "").trim();
  if (!raw) throw new ValidationError({ [field]: "Enter the account's private key (nsec1… or 64 hexadecimal characters)" });
  let key: Uint8Array | undefined;
  if (/^nsec1/i.test(raw)) {
    try {
      const d = decode(raw.toLowerCase() as `nsec1${string}`);
      if (d.type === "nsec") key = d.data;
    } catch {
      throw new ValidationError({
        [field]: "This nsec key is not valid (its checksum or length is wrong); copy it again from your Nostr app",
      });
    }
  } else if (/^[0-9a-f]{64}$/i.test(raw)) {
    key = Uint8Array.from(Buffer.from(raw, "hex"));
  } else if (/^npub1/i.test(raw)) {
    throw new ValidationError({ [field]: "This is a public key (npub); publishing needs the private key (nsec1…)" });
  } else {
    throw new ValidationError({ [field]: "A private key is nsec1… or exactly 64 hexadecimal characters" });
  }
  // A valid secp256k1 scalar is 1 ≤ k < n; the library refuses the rest when deriving the public key.
  try {
    if (!key || key.length !== 32) throw new Error("not 32 bytes");
    getPublicKey(key);
  } catch {
    throw new ValidationError({ [field]: "This private key is not a valid secp256k1 key" });
  }
  return key;
}

/** Relay addresses, one or more ws:// or wss:// URLs separated by commas, spaces or new lines. */
export function parseRelays(value: string | undefined, field = "relays"): string[] {
  const parts = (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new ValidationError({ [field]: "Enter at least one relay address, such as wss://relay.damus.io" });
  const out: string[] = [];
  for (const p of parts) {
    if (!URL.canParse(p)) throw new ValidationError({ [field]: `"${p.slice(0, 100)}" is not a relay address (wss://…)` });
    const u = new URL(p);
    if (u.protocol !== "wss:" && u.protocol !== "ws:")
      throw new ValidationError({ [field]: `A relay address starts with wss:// (or ws://), not ${u.protocol}//` });
    if (u.username || u.password) throw new ValidationError({ [field]: "A relay address cannot carry a user name or password" });
    u.hash = "";
    // The form relays normalise to (nostr-tools' normalizeURL): no trailing slash on a bare host.
    const url = u.pathname === "/" && !u.search ? `${u.protocol}//${u.host}` : u.toString();
    if (!out.includes(url)) out.push(url);
  }
  if (out.length > MAX_RELAYS) throw new ValidationError({ [field]: `At most ${MAX_RELAYS} relays` });
  return out;
}
