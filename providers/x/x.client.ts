import { hostOf } from "../core/hosts";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { xManifest } from "./x.manifest";

export const xApiBase = () => hostOf(xManifest, "api");
export const xWebBase = () => hostOf(xManifest, "web");

export type XCall = <T>(path: string, init?: RequestInit, opts?: FetchOptions) => Promise<T>;

/**
 * The calls of one publish share one token: when any call refreshes it, the later calls (the
 * post after its media uploads) use the new one instead of refreshing again. X rotates refresh
 * tokens, so every avoidable refresh is one more chance to race a stale token.
 */
export function xSession(provider: SocialAbstract, accessToken: string, ctx?: PublishContext): XCall {
  let token = accessToken;
  const refresh = ctx?.refreshAccessToken;
  const sessionCtx: PublishContext = {
    ...ctx,
    refreshAccessToken: refresh && (async () => (token = await refresh())),
  };
  return <T>(path: string, init: RequestInit = {}, opts: FetchOptions = {}) =>
    provider.fetchJson<T>(`${xApiBase()}${path}`, init, { ...opts, token, ctx: sessionCtx });
}

export const jsonInit = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
