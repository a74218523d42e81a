import { describe, expect, it } from "vitest";
import { PRIVATE_EXAMPLES } from "@/tests/helpers/private-addresses";
import { addressRange, isPrivateAddress, isPublicAddress } from "./address-policy";

// Every range the address rule must refuse (tests/helpers/private-addresses.ts), and public
// addresses, in every notation, that must stay reachable.

const PUBLIC_EXAMPLES = [
  "8.8.8.8",
  "1.1.1.1",
  "100.63.255.255",
  "100.128.0.1",
  "198.17.255.255",
  "198.20.0.1",
  "223.255.255.254",
  "2606:4700:4700::1111",
  "2a00:1450:4001::200e",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
  "2002:808:808::1",
];

describe("address policy", () => {
  it.each(PRIVATE_EXAMPLES)("refuses %s (%s)", (_label, ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
    expect(addressRange(ip)).not.toBe("unicast");
  });

  it.each(PUBLIC_EXAMPLES)("allows the public address %s", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it("refuses what is not an address at all", () => {
    expect(isPublicAddress("localhost")).toBe(false);
    expect(isPublicAddress("999.1.1.1")).toBe(false);
    expect(addressRange("")).toBe("invalid");
  });

  it("names the range behind an embedded IPv4 address", () => {
    expect(addressRange("::ffff:7f00:1")).toBe("ipv4Mapped:loopback");
    expect(addressRange("64:ff9b::a00:1")).toBe("rfc6052:private");
    expect(addressRange("2002:a9fe:a9fe::")).toBe("6to4:linkLocal");
  });
});
