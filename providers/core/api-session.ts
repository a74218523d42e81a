import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { rateLimitOf, type RateLimitState } from "./rate-limit";

// The calls one piece of work (a publish, an analytics read) makes to a platform's JSON API, with
// the channel's token. Every call goes through the provider's fetch(), so the guarded transport,
// the provider's handleErrors, the refresh and the rate-limit waits stay in one place; the session
// adds what each platform would otherwise repeat: its base URL and headers, and one token shared
// by all its calls. When any call refreshes the token, the later calls (the post after its media
// uploads) use the new one instead of refreshing again: platforms that rotate refresh tokens
// (X, LinkedIn) would otherwise race a spent one.

export type ApiDialect = {
  /** The API's base URL, read per call (hosts are set by env and by the sandbox). */
  base: () => string;
  /** The platform's headers on every call (an API version, a protocol version). */
  headers?: () => Record<string, string>;
};

export class ApiSession {
  private token: string;
  private readonly sessionCtx: PublishContext;
  /** The rate-limit window as of the last answer that carried one. */
  rateLimit?: RateLimitState;

  constructor(
    private readonly provider: SocialAbstract,
    private readonly dialect: ApiDialect,
    accessToken: string,
    ctx?: PublishContext,
  ) {
    this.token = accessToken;
    const refresh = ctx?.refreshAccessToken;
    this.sessionCtx = { ...ctx, refreshAccessToken: refresh && (async () => (this.token = await refresh())) };
  }

  /** The token the next call sends (the refreshed one after a refresh). */
  get accessToken(): string {
    return this.token;
  }

  /** `path` under the API base; an absolute URL (an upload URL the platform handed out) as is. */
  url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.dialect.base()}${path}`;
  }

  /** The fetch options of a call in this session: its token and refreshing context, plus `extra`. */
  options(extra: FetchOptions = {}): FetchOptions {
    return { ...extra, token: this.token, ctx: this.sessionCtx };
  }

  /** A call with the platform's headers (those of `init` win); the raw answer, for headers or empty bodies. */
  async send(path: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<Response> {
    const headers = new Headers(this.dialect.headers?.());
    new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    const res = await this.provider.fetch(this.url(path), { ...init, headers }, this.options(opts));
    this.rateLimit = rateLimitOf(res.headers) ?? this.rateLimit;
    return res;
  }

  /** A call whose answer is JSON (parsed safely: a non-JSON answer is a ProviderError). */
  async json<T>(path: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<T> {
    const res = await this.send(path, init, opts);
    return this.provider.readJson<T>(res, opts.action);
  }

  get<T>(path: string, action: string, opts: FetchOptions = {}): Promise<T> {
    return this.json<T>(path, {}, { ...opts, action });
  }

  post<T>(path: string, body: unknown, action: string, opts: FetchOptions = {}): Promise<T> {
    return this.json<T>(path, jsonBody(body), { ...opts, action });
  }
}

/** A POST with a JSON body. */
export const jsonBody = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
