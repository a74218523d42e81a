import ipaddr from "ipaddr.js";

// Which addresses the server may open a connection to. Users type URLs (a Mastodon server, a
// Bluesky PDS, media links) that the server then fetches; unless the operator allows private
// networks (a LAN-only install, the emulator, tests), only public unicast addresses may be reached,
// so nobody can make the server probe its own network. The ranges are ipaddr.js's (IANA special-
// purpose registries), never hand parsing: only what it calls "unicast" is public.

/** Read at call time, so tests (and an operator restarting with a new env) can switch it. */
export function privateNetworkAllowed(): boolean {
  return process.env.ALLOW_PRIVATE_NETWORK === "1";
}

/**
 * The emulator the operator points every provider at (PROVIDER_SANDBOX_URL) is theirs, not a
 * user's: its exact host and port stay reachable, and nothing else on that host.
 */
export function isSandboxOrigin(host: string, port: number): boolean {
  const sandbox = process.env.PROVIDER_SANDBOX_URL;
  if (!sandbox || !URL.canParse(sandbox)) return false;
  const u = new URL(sandbox);
  const sandboxPort = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  return u.hostname.replace(/^\[|\]$/g, "") === host.replace(/^\[|\]$/g, "") && sandboxPort === port;
}

/** Whether a URL's origin is the sandbox's (see isSandboxOrigin). */
export function isSandboxUrl(url: URL): boolean {
  return isSandboxOrigin(url.hostname, Number(url.port || (url.protocol === "https:" ? 443 : 80)));
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one that routers or the host's own
 * stack may translate back: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, ::/96),
 * IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/16).
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const range = v6.range();
  if (range === "rfc6145" || (range === "rfc6052" && p[2] === 0)) return v4(p[6]!, p[7]!);
  if (range === "6to4") return v4(p[1]!, p[2]!);
  if (p.slice(0, 6).every((x) => x === 0) && range !== "loopback" && range !== "unspecified") return v4(p[6]!, p[7]!);
  return undefined;
}

/** The ipaddr.js range an address falls in ("unicast" for public ones), or "invalid". */
export function addressRange(ip: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, ""));
  } catch {
    return "invalid";
  }
  if (addr.kind() === "ipv6") {
    const inner = embeddedIPv4(addr as ipaddr.IPv6);
    if (inner) {
      const r = inner.range();
      return r === "unicast" ? "unicast" : `${addr.range() === "unicast" ? "ipv4Compatible" : addr.range()}:${r}`;
    }
  }
  return addr.range();
}

export function isPublicAddress(ip: string): boolean {
  return addressRange(ip) === "unicast";
}

export function isPrivateAddress(ip: string): boolean {
  return !isPublicAddress(ip);
}
