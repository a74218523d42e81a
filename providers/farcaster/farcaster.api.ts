import { ProviderError } from "../core/errors";
import { hostOf, sandboxMode, SANDBOX_CLIENT } from "../core/hosts";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import { farcasterManifest } from "./farcaster.manifest";

// Neynar's REST API: every call carries the server's API key in `x-api-key` (never the user's
// signer, which goes in the body or query where an endpoint takes it). In sandbox mode the
// emulator's app secret stands in for the key, as it does for OAuth platforms' client secrets.

/** The operator's Neynar API key; the emulator's in sandbox mode. */
export function neynarApiKey(): string {
  const key = process.env.NEYNAR_API_KEY?.trim() || (sandboxMode() ? SANDBOX_CLIENT.secret : "");
  if (!key) throw new ProviderError("bad-body", "Farcaster is not configured on this server: its operator must set NEYNAR_API_KEY");
  return key;
}

export const apiBase = () => hostOf(farcasterManifest, "api");
export const webBase = () => hostOf(farcasterManifest, "web");

/** One call to Neynar through the provider's guarded fetch, its JSON answer parsed. */
export function neynar<T>(
  provider: SocialAbstract,
  path: string,
  init: { method?: string; query?: Record<string, string>; body?: unknown },
  opts: FetchOptions = {},
): Promise<T> {
  const url = new URL(`${apiBase()}${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: "application/json", "x-api-key": neynarApiKey() };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return provider.fetchJson<T>(
    url.toString(),
    { method: init.method ?? "GET", headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) },
    opts,
  );
}
