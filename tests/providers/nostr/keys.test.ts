import { nsecEncode, npubEncode } from "nostr-tools/nip19";
import { getPublicKey } from "nostr-tools/pure";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { decodeAccess, encodeAccess } from "@/providers/nostr/nostr.access";
import { parseRelays, parseSecretKey } from "@/providers/nostr/nostr.keys";

// What a user types to connect: the key as nsec or hex (both decode to the same 32 bytes), relay
// addresses; anything else refused naming the field, without echoing the key.

const HEX = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields;
  }
  throw new Error("accepted; expected a refusal");
};

describe("parseSecretKey", () => {
  it("reads 64 hex characters and the same key as nsec (NIP-19) alike", () => {
    const fromHex = parseSecretKey(HEX);
    expect(Buffer.from(fromHex).toString("hex")).toBe(HEX);
    expect(parseSecretKey(nsecEncode(fromHex))).toEqual(fromHex);
    expect(parseSecretKey(`  ${HEX.toUpperCase()}\n`)).toEqual(fromHex);
  });

  it("refuses what is not a private key, naming the field and never repeating the value", () => {
    const npub = npubEncode(getPublicKey(parseSecretKey(HEX)));
    const cases: [string, RegExp][] = [
      ["", /Enter the account's private key/],
      [HEX.slice(0, 63), /nsec1… or exactly 64 hexadecimal characters/],
      [`${HEX}00`, /nsec1… or exactly 64 hexadecimal characters/],
      [npub, /public key \(npub\)/],
      [`${nsecEncode(parseSecretKey(HEX)).slice(0, -1)}q`, /nsec key is not valid/],
      ["0".repeat(64), /not a valid secp256k1 key/],
      ["f".repeat(64), /not a valid secp256k1 key/],
    ];
    for (const [value, rule] of cases) {
      const fields = refusal(() => parseSecretKey(value));
      expect(Object.keys(fields)).toEqual(["privateKey"]);
      expect(fields.privateKey).toMatch(rule);
      if (value) expect(fields.privateKey).not.toContain(value);
    }
  });
});

describe("parseRelays", () => {
  it("splits on commas, spaces and new lines, keeps ws(s) URLs once, normalised", () => {
    expect(parseRelays("wss://relay.damus.io/, wss://nos.lol\nws://127.0.0.1:7447  wss://nos.lol")).toEqual([
      "wss://relay.damus.io",
      "wss://nos.lol",
      "ws://127.0.0.1:7447",
    ]);
    expect(parseRelays("wss://relay.example.com/inbox")).toEqual(["wss://relay.example.com/inbox"]);
  });

  it("refuses an empty list, other schemes, credentials and too many relays, naming the field", () => {
    expect(refusal(() => parseRelays(" "))).toEqual({ relays: expect.stringMatching(/at least one relay/) });
    expect(refusal(() => parseRelays("https://relay.damus.io"))).toEqual({ relays: expect.stringMatching(/starts with wss:\/\//) });
    expect(refusal(() => parseRelays("relay.damus.io"))).toEqual({ relays: expect.stringMatching(/is not a relay address/) });
    expect(refusal(() => parseRelays("wss://u:p@relay.example"))).toEqual({ relays: expect.stringMatching(/user name or password/) });
    const many = Array.from({ length: 21 }, (_x, i) => `wss://r${i}.example`).join(",");
    expect(refusal(() => parseRelays(many))).toEqual({ relays: "At most 20 relays" });
  });
});

describe("the stored access", () => {
  it("round-trips the key and refuses one that does not match its public key as a disconnect", () => {
    const sk = parseSecretKey(HEX);
    const stored = encodeAccess(sk);
    expect(stored).toBe(`${HEX}.${getPublicKey(sk)}`);
    expect(decodeAccess(stored)).toEqual({ kind: "key", secretKey: sk, pubkey: getPublicKey(sk) });
    const other = `${HEX.slice(0, -1)}0.${getPublicKey(sk)}`;
    expect(() => decodeAccess(other)).toThrow(expect.objectContaining({ kind: "disconnect" }));
    expect(() => decodeAccess("garbage")).toThrow(expect.objectContaining({ kind: "disconnect" }));
  });
});
