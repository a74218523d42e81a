import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import type { RateLimitState } from "../core/rate-limit";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { apiErrorsOf, classifyApiErrors } from "./reddit.errors";
import { redditManifest } from "./reddit.manifest";

// What every call to Reddit's API shares (../shared/platforms/reddit.md §1, §3): the OAuth host
// (REDDIT_API_URL, default https://oauth.reddit.com) with the bearer token, api_type=json on
// writes (errors then come back as HTTP 200 with json.errors, read here), and Reddit's rate-limit
// window. Reddit's API rules: X-Ratelimit-Used / -Remaining / -Reset ("approximate number of
// seconds to end of period") on every answer; a client waits only when none remain or on a 429.

export const apiUrl = (path: string) => `${hostOf(redditManifest, "api")}${path}`;
export const webUrl = (path: string) => `${hostOf(redditManifest, "auth")}${path}`;

/**
 * The User-Agent Reddit requires on every call: `<platform>:<app ID>:<version string> (by /u/<reddit
 * username>)`; generic ones are throttled or refused. REDDIT_USER_AGENT sets the operator's own.
 */
export const DEFAULT_USER_AGENT = "web:postmill:v1.0 (by /u/postmill)";
export const userAgent = () => process.env.REDDIT_USER_AGENT?.trim() || DEFAULT_USER_AGENT;

/**
 * The window as of the last answer. Reddit counts requests per OAuth client id, so one window for
 * the whole process; a lost update only means one call more than needed before a 429 says so.
 */
let window: RateLimitState | undefined;

/** For tests: forget the remembered window. */
export function resetRedditWindow(state?: RateLimitState): void {
  window = state;
}

/** Reddit's window headers: decimal counts ("599.0") and the reset in seconds from now. */
export function redditWindow(headers: Headers, now = Date.now()): RateLimitState | undefined {
  const num = (name: string) => {
    const v = headers.get(name)?.trim();
    return v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
  };
  const used = num("x-ratelimit-used");
  const remaining = num("x-ratelimit-remaining");
  const reset = num("x-ratelimit-reset");
  if (remaining === undefined || reset === undefined) return undefined;
  return {
    ...(used !== undefined ? { limit: Math.round(used + remaining) } : {}),
    remaining: Math.floor(remaining),
    resetAt: new Date(now + reset * 1000),
  };
}

/** Waits out an exhausted window (or hands the wait back as a retry when it is too long to sit through). */
async function waitForWindow(ctx?: PublishContext): Promise<void> {
  const w = window;
  if (!w || w.remaining !== 0 || !w.resetAt) return;
  const wait = w.resetAt.getTime() - Date.now();
  if (wait <= 0) return;
  const max = ctx?.maxWaitMs ?? 30_000;
  if (wait > max)
    throw new ProviderError("retry", `Reddit's rate limit has no requests left; it resets in ${Math.ceil(wait / 1000)} s`, {
      retryAfterMs: wait,
      mayHavePublished: false,
    });
  await new Promise((r) => setTimeout(r, wait));
}

export class RedditApi {
  private token: string;
  private readonly ctx: PublishContext;

  constructor(
    private readonly provider: SocialAbstract,
    accessToken: string,
    ctx?: PublishContext,
  ) {
    this.token = accessToken;
    const refresh = ctx?.refreshAccessToken;
    // One token for every call of this piece of work: a refresh by one call serves the next.
    this.ctx = { ...ctx, refreshAccessToken: refresh && (async () => (this.token = await refresh())) };
  }

  /** A call to the API; the answer's JSON, with json.errors turned into a ProviderError. */
  async call<T>(path: string, init: RequestInit, opts: FetchOptions & { action: string }): Promise<T> {
    await waitForWindow(this.ctx);
    const res = await this.provider.fetch(apiUrl(path), init, { ...opts, token: this.token, ctx: this.ctx });
    window = redditWindow(res.headers) ?? window;
    const answer = await this.provider.readJson<T>(res, opts.action);
    const handled = classifyApiErrors(apiErrorsOf(answer));
    // Refused with HTTP 200: nothing was made, so the publish is free to be tried again.
    if (handled)
      throw new ProviderError(handled.kind, handled.message, {
        status: res.status,
        retryAfterMs: handled.retryAfterMs,
        mayHavePublished: false,
      });
    return answer;
  }

  get<T>(path: string, action: string, opts: FetchOptions = {}): Promise<T> {
    return this.call<T>(path, {}, { ...opts, action });
  }

  /** A form POST with api_type=json (Reddit's write calls take forms, not JSON). */
  form<T>(path: string, fields: Record<string, string | undefined>, action: string, opts: FetchOptions = {}): Promise<T> {
    const body = new URLSearchParams({ api_type: "json" });
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, v);
    return this.call<T>(
      path,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body },
      { ...opts, action },
    );
  }
}
