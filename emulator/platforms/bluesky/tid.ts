// Record keys of app.bsky.feed.post are TIDs (atproto.com/specs/tid): a 64-bit integer, top bit 0,
// then 53 bits of microseconds since the Unix epoch and 10 bits of clock identifier, written as
// 13 characters of base32-sortable (digits 2-7, then a-z), most significant first. Written from
// the spec for the emulator, independently of the provider that picks rkeys.

const DIGITS = "234567abcdefghijklmnopqrstuvwxyz";

export function tidOf(micros: bigint, clockId: number): string {
  let n = (micros << 10n) | BigInt(clockId & 0x3ff);
  const chars: string[] = [];
  for (let i = 0; i < 13; i++) {
    chars.unshift(DIGITS[Number(n % 32n)]!);
    n /= 32n;
  }
  return chars.join("");
}

/** 13 base32-sortable characters whose first keeps the 64-bit value's top bit 0. */
export function isTid(s: string): boolean {
  if (s.length !== 13 || [...s].some((c) => !DIGITS.includes(c))) return false;
  return DIGITS.indexOf(s[0]!) < 16;
}
