import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { ValidationError } from "@/lib/errors";

// The server fetches URLs users type (a Mastodon server, a Bluesky PDS, media links). Unless the
// operator allows private networks (the emulator, tests, a LAN-only install), those must resolve to
// public addresses, so nobody can make the server probe its own network.

export function privateNetworkAllowed(): boolean {
  return process.env.ALLOW_PRIVATE_NETWORK === "1" || !!process.env.PROVIDER_SANDBOX_URL;
}

export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v = ip.toLowerCase();
    if (v.startsWith("::ffff:")) return isPrivateAddress(v.slice(7));
    return v === "::1" || v === "::" || v.startsWith("fc") || v.startsWith("fd") || v.startsWith("fe80");
  }
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Normalises a user-typed server address ("mastodon.social" -> "https://mastodon.social"). */
export function normalizeServerUrl(input: string, field: string): string {
  const raw = input.trim();
  if (!raw) throw new ValidationError({ [field]: "Server address is required" });
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ValidationError({ [field]: `"${raw}" is not a valid server address` });
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && privateNetworkAllowed())) {
    throw new ValidationError({ [field]: "Server address must use https://" });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export async function assertPublicUrl(url: string, field: string): Promise<void> {
  if (privateNetworkAllowed()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new ValidationError({ [field]: `Cannot find the server ${host}` });
  if (addresses.some(isPrivateAddress)) throw new ValidationError({ [field]: `${host} is a private network address; only public servers can be connected` });
}
