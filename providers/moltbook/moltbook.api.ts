import { hostOf } from "../core/hosts";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { moltbookManifest } from "./moltbook.manifest";

// Calls to Moltbook's API v1, each through the provider's guarded fetch with the agent's key as
// a bearer token. The base is pinned to the configured host (www.moltbook.com by default): the
// bare domain redirects, and the redirect drops the Authorization header.

export const apiBase = () => hostOf(moltbookManifest, "api");
export const webBase = () => hostOf(moltbookManifest, "web");

export class MoltbookApi {
  constructor(
    private readonly api: SocialAbstract,
    private readonly key: string,
    private readonly ctx?: PublishContext,
  ) {}

  get<T>(path: string, action: string, opts: Pick<FetchOptions, "maxRetries"> = {}): Promise<T> {
    return this.api.fetchJson<T>(`${apiBase()}${path}`, {}, { action, token: this.key, ctx: this.ctx, ...opts });
  }

  /** A create: never repeated blindly after a lost answer (publishSafety "unconfirmed" settles it). */
  post<T>(path: string, body: unknown, action: string): Promise<T> {
    return this.api.fetchJson<T>(
      `${apiBase()}${path}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      { action, token: this.key, ctx: this.ctx, idempotent: false },
    );
  }
}
