import { createHash } from "node:crypto";

// Post record keys must be TIDs: 13 characters of base32-sortable text encoding a 64-bit number
// (top bit 0, 53 bits of microseconds, 10 bits of clock id). To make a publish idempotent we pick
// the rkey ourselves from the publish attempt's idempotency key, so the same attempt always
// targets the same record and a repeat cannot create a second post.
//
// The timestamp part is derived from the key too (a deterministic offset into January 2023), so
// it is stable across retries and never lies in the future. Only listRecords orders by rkey;
// feeds order by createdAt, which we set to the real time.

const ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
const TID_RE = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const BASE_MICROS = 1_672_531_200_000_000n; // 2023-01-01T00:00:00Z

export function isTid(rkey: string): boolean {
  return TID_RE.test(rkey);
}

export function encodeTid(value: bigint): string {
  let out = "";
  for (let i = 12; i >= 0; i--) out += ALPHABET[Number((value >> BigInt(5 * i)) & 31n)];
  return out;
}

/** A valid TID that depends only on `key`. */
export function rkeyFromIdempotencyKey(key: string): string {
  const digest = createHash("sha256").update(`bluesky-rkey:${key}`).digest();
  const offset = digest.readBigUInt64BE(0) & ((1n << 40n) - 1n); // up to ~12.7 days of microseconds
  const clockId = BigInt(digest.readUInt16BE(8) & 0x3ff);
  return encodeTid(((BASE_MICROS + offset) << 10n) | clockId);
}

/** The record key at the end of an at:// URI. */
export function rkeyOf(uri: string): string {
  return uri.slice(uri.lastIndexOf("/") + 1);
}
