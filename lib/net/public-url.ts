import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { ValidationError } from "@/lib/errors";
import { addressRange, isPrivateAddress, isSandboxUrl, privateNetworkAllowed } from "./address-policy";

// Checks of user-typed addresses at the moment they are typed, so the person typing gets a message
// naming the field. They are courtesy checks only: the rule itself is enforced where the socket
// connects (lib/net/guarded-agent.ts), on every call, whatever was checked here.

export { isPrivateAddress, privateNetworkAllowed };

/**
 * Normalises a user-typed server address: "mastodon.social" and "127.0.0.1:4592" become https://
 * addresses; http:// is kept only where private networks are allowed (a LAN or test server).
 */
export function normalizeServerUrl(input: string, field: string): string {
  const raw = input.trim();
  if (!raw) throw new ValidationError({ [field]: "Server address is required" });
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme && scheme !== "https" && scheme !== "http")
    throw new ValidationError({ [field]: `"${raw}" must be a web address starting with https://` });
  let url: URL;
  try {
    url = new URL(scheme ? raw : `https://${raw}`);
  } catch {
    throw new ValidationError({ [field]: `"${raw}" is not a valid server address; type a host name such as mastodon.social` });
  }
  if (!url.hostname || /\s/.test(raw))
    throw new ValidationError({ [field]: `"${raw}" is not a valid server address; type a host name such as mastodon.social` });
  if (url.username || url.password) throw new ValidationError({ [field]: "Server address must not contain a user name or password" });
  if (url.search || url.hash) throw new ValidationError({ [field]: "Server address must not contain ? or # parts" });
  if (url.protocol !== "https:" && !privateNetworkAllowed() && !isSandboxUrl(url))
    throw new ValidationError({ [field]: "Server address must use https://" });
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Why a URL may not be fetched (it names or resolves to a private address), or undefined. */
export async function privateUrlProblem(url: string): Promise<string | undefined> {
  if (privateNetworkAllowed() || isSandboxUrl(new URL(url))) return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host))
    return addressRange(host) === "unicast" ? undefined : `${host} is a private network address; only public servers can be reached`;
  const addresses = (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `${host} resolves to the private network address ${blocked}; only public servers can be reached` : undefined;
}

export async function assertPublicUrl(url: string, field: string): Promise<void> {
  if (privateNetworkAllowed() || isSandboxUrl(new URL(url))) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!isIP(host) && (await lookup(host, { all: true }).catch(() => [])).length === 0)
    throw new ValidationError({ [field]: `Cannot find the server ${host}` });
  const problem = await privateUrlProblem(url);
  if (problem) throw new ValidationError({ [field]: problem });
}
