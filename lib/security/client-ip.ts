import ipaddr from "ipaddr.js";

/**
 * The address a request came from, for per-address limits. Next sets X-Forwarded-For to the
 * socket's address when the request has none; a reverse proxy appends the address it saw, so the
 * last entry is the one written by the nearest trusted hop (earlier entries are the client's word).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const last = forwarded?.at(-1) ?? "unknown";
  if (!ipaddr.isValid(last)) return last.slice(0, 100);
  const addr = ipaddr.process(last); // ::ffff:1.2.3.4 counts as 1.2.3.4
  if (addr.kind() === "ipv4") return addr.toString();
  // One IPv6 host usually owns a whole /64: count the prefix, or one host could rotate through it.
  const parts = (addr as ipaddr.IPv6).toNormalizedString().split(":").slice(0, 4);
  return `${parts.join(":")}::/64`;
}
