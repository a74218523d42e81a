import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import { mediumManifest } from "./medium.manifest";

// The few things every Medium call shares: the v1 base, the headers Medium's README sends on each
// request, and the {"data": …} envelope every success comes in.

export const mediumApi = (path: string) => `${hostOf(mediumManifest, "api")}/v1${path}`;

const ACCEPT = { accept: "application/json", "accept-charset": "utf-8" };

type Envelope<T> = { data?: T };

/** The `data` of a Medium answer; an answer without one is unreadable, worth a later try. */
function dataOf<T>(api: SocialAbstract, answer: Envelope<T>, action: string): T {
  if (answer.data === undefined || answer.data === null)
    throw new ProviderError("retry", `${api.name} sent an answer without its data while trying to ${action}`);
  return answer.data;
}

export async function mediumGet<T>(api: SocialAbstract, token: string, path: string, opts: FetchOptions & { action: string }): Promise<T> {
  const answer = await api.fetchJson<Envelope<T>>(mediumApi(path), { headers: ACCEPT }, { ...opts, token });
  return dataOf(api, answer, opts.action);
}

export async function mediumPost<T>(
  api: SocialAbstract,
  token: string,
  path: string,
  body: BodyInit,
  opts: FetchOptions & { action: string; contentType?: string },
): Promise<T> {
  const headers = { ...ACCEPT, ...(opts.contentType ? { "content-type": opts.contentType } : {}) };
  const answer = await api.fetchJson<Envelope<T>>(mediumApi(path), { method: "POST", headers, body }, { ...opts, token });
  return dataOf(api, answer, opts.action);
}
