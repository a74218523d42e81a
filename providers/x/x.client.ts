import { ApiSession, jsonBody } from "../core/api-session";
import { hostOf } from "../core/hosts";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { xManifest } from "./x.manifest";

export const xApiBase = () => hostOf(xManifest, "api");
export const xWebBase = () => hostOf(xManifest, "web");

export type XCall = <T>(path: string, init?: RequestInit, opts?: FetchOptions) => Promise<T>;

/**
 * The calls of one publish share one token (core/api-session.ts): X rotates refresh tokens, so
 * every avoidable refresh is one more chance to race a stale token.
 */
export function xSession(provider: SocialAbstract, accessToken: string, ctx?: PublishContext): XCall {
  const session = new ApiSession(provider, { base: xApiBase }, accessToken, ctx);
  return <T>(path: string, init: RequestInit = {}, opts: FetchOptions = {}) => session.json<T>(path, init, opts);
}

export const jsonInit = jsonBody;
