import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { decodeAccess, encodeBunkerAccess } from "@/providers/nostr/nostr.access";
import { isBunkerUrl, parseBunkerUrl } from "@/providers/nostr/nostr.bunker";

// A remote signer's address (NIP-46): bunker://<signer pubkey>?relay=…&secret=…, read from the
// key field; a bad one refused naming that field.

const PK = "fa984bd7dbb282f07e16e7ae87b26a2a7b9b90b7246a44771f0cf5ae58018f52";

const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields;
  }
  throw new Error("accepted; expected a refusal");
};

describe("parseBunkerUrl", () => {
  it("reads the signer's key, its relays (normalised, deduplicated) and the one-time secret", () => {
    const url = `bunker://${PK}?relay=wss%3A%2F%2Frelay.nsec.app%2F&relay=wss://relay.nsec.app&relay=wss://nos.lol&secret=abc123`;
    expect(isBunkerUrl(` ${url}`)).toBe(true);
    expect(isBunkerUrl("nsec1abc")).toBe(false);
    expect(parseBunkerUrl(url)).toEqual({ pubkey: PK, relays: ["wss://relay.nsec.app", "wss://nos.lol"], secret: "abc123" });
    expect(parseBunkerUrl(`bunker://${PK}?relay=wss://nos.lol`).secret).toBeNull();
  });

  it("refuses a bad address naming the key field", () => {
    expect(fieldsOf(() => parseBunkerUrl("bunker://npub1xyz?relay=wss://nos.lol"))).toEqual({
      privateKey: "A bunker:// address starts with the signer's 64-character hex public key",
    });
    expect(fieldsOf(() => parseBunkerUrl(`bunker://${PK}`))).toEqual({
      privateKey: "The bunker:// address names no relay (relay=wss://…)",
    });
    expect(fieldsOf(() => parseBunkerUrl(`bunker://${PK}?relay=https://nos.lol`)).privateKey).toMatch(/has a bad relay: .*wss:\/\//);
  });
});

describe("a remote signer's stored access", () => {
  it("holds this server's key and the user's public key, never the user's secret", () => {
    const client = new Uint8Array(32).fill(7);
    const stored = encodeBunkerAccess(client, PK);
    expect(stored).toBe(`bunker:${"07".repeat(32)}.${PK}`);
    expect(decodeAccess(stored)).toEqual({ kind: "bunker", clientKey: client, pubkey: PK });
    expect(() => decodeAccess(`bunker:${"07".repeat(32)}.nope`)).toThrow(expect.objectContaining({ kind: "disconnect" }));
  });
});
