import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";

// Calls to a Forem API (dev.to or another community), each through the provider's guarded
// fetch. Forem wants three headers on every call: the key in `api-key` (not Authorization), the
// v1 media type in Accept (without it the deprecated v0 answers), and a User-Agent (dev.to answers
// requests without one with 403 "Forbidden Bots").

export const FOREM_V1 = "application/vnd.forem.api-v1+json";
const USER_AGENT = "Postmill (self-hosted social media scheduler)";
const applyKey = (h: Headers, key: string) => h.set("api-key", key);

export class ForemApi {
  constructor(
    private readonly api: SocialAbstract,
    /** The community's address, e.g. https://dev.to; the API is under /api. */
    readonly site: string,
    private readonly key: string,
    private readonly ctx?: PublishContext,
  ) {}

  get<T>(path: string, action: string, opts: Pick<FetchOptions, "maxRetries"> = {}): Promise<T> {
    return this.api.fetchJson<T>(`${this.site}/api${path}`, { headers: this.headers() }, this.opts(action, opts));
  }

  /** A create: never repeated blindly after a lost answer (the caller settles it). */
  post<T>(path: string, body: unknown, action: string): Promise<T> {
    const headers = this.headers();
    headers.set("content-type", "application/json");
    return this.api.fetchJson<T>(
      `${this.site}/api${path}`,
      { method: "POST", headers, body: JSON.stringify(body) },
      { ...this.opts(action), idempotent: false },
    );
  }

  private headers(): Headers {
    return new Headers({ accept: FOREM_V1, "user-agent": USER_AGENT });
  }

  private opts(action: string, extra: Partial<FetchOptions> = {}): FetchOptions {
    return { action, token: this.key, applyToken: applyKey, ctx: this.ctx, ...extra };
  }
}
