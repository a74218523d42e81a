import { BlockedAddressError, OutboundRefusedError, TlsError } from "@/lib/net/outbound";
import { MissingScopesError, platformMessage, ProviderError, type HandledError } from "./core/errors";
import { parseJsonAnswer } from "./core/json";
import { retryDelayMs } from "./core/rate-limit";
import { httpClient } from "./core/transport";
import type { PublishContext } from "./social.integrations.interface";

export type FetchOptions = {
  /** What the call does, for messages: "create the post", "upload media". */
  action?: string;
  /** Safe to repeat after an unclear outcome. Defaults to true for GET/HEAD/PUT/DELETE. */
  idempotent?: boolean;
  /** The bearer token to send; replaced after a refresh. */
  token?: string;
  /** How the token goes on the request (default: Authorization: Bearer). */
  applyToken?: (headers: Headers, token: string) => void;
  ctx?: PublishContext;
  maxRetries?: number;
  /** Longest wait we sit through in-process; a longer Retry-After is handed to the caller. */
  maxWaitMs?: number;
  timeoutMs?: number;
  /**
   * Reads this call's error answers instead of the provider's handleErrors (an OAuth token
   * endpoint speaks OAuth errors, not the platform API's). classifyByStatus remains the fallback.
   */
  classify?: (body: string, status: number, headers?: Headers) => HandledError | undefined;
  /**
   * How long an error answer asks to wait, from headers of the platform's own (Meta's
   * X-Business-Use-Case-Usage), where neither the classifier nor Retry-After says.
   */
  retryAfter?: (headers: Headers) => number | undefined;
  /** Statuses outside 2xx that are answers to read, not failures (a resumable upload's 308 Resume Incomplete). */
  expect?: number[];
};

const bearer = (h: Headers, t: string) => h.set("authorization", `Bearer ${t}`);

/** Status-based fallback when a provider's handleErrors has nothing more specific. */
export function classifyByStatus(status: number, body: string): HandledError {
  const message = platformMessage(body, `HTTP ${status}`);
  if (status === 401) return { kind: "refresh-token", message };
  if (status === 408 || status === 425 || status === 429 || status >= 500) return { kind: "retry", message };
  return { kind: "bad-body", message };
}

// The base of every provider. Its fetch() is the one place a platform's HTTP answer becomes a
// success or a typed ProviderError; providers only say how their error bodies map to kinds.
export abstract class SocialAbstract {
  abstract identifier: string;
  abstract name: string;

  /** `headers`: the answer's headers, for platforms that say when to come back in a header of their own (Meta's X-Business-Use-Case-Usage). */
  abstract handleErrors(body: string, status: number, headers?: Headers): HandledError | undefined;

  protected sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  protected checkScopes(required: string[], granted: string[] | string | undefined): void {
    const have = new Set(typeof granted === "string" ? granted.split(/[\s,]+/).filter(Boolean) : (granted ?? []));
    const missing = required.filter((s) => !have.has(s));
    if (missing.length) throw new MissingScopesError(missing);
  }

  async fetch(url: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<Response> {
    const method = (init.method ?? "GET").toUpperCase();
    const idempotent = opts.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(method);
    const maxRetries = opts.maxRetries ?? 3;
    const maxWaitMs = opts.maxWaitMs ?? opts.ctx?.maxWaitMs ?? 30_000;
    const action = opts.action ?? `${method} ${new URL(url).pathname}`;
    let token = opts.token;
    let refreshed = false;

    for (let attempt = 0; ; attempt++) {
      let headers: Headers;
      try {
        headers = new Headers(init.headers);
        if (token) (opts.applyToken ?? bearer)(headers, token);
      } catch (e) {
        // A typed key or token with characters no header can carry (an emoji, a letter outside
        // Latin-1): nothing was sent, and the credential itself is what to fix.
        if (!(e instanceof TypeError)) throw e;
        throw new ProviderError("bad-body", "the key or token has characters that cannot be sent (check that it was pasted exactly)", {
          transport: "header",
          mayHavePublished: false,
        });
      }
      let res: Response;
      try {
        res = await httpClient.send(url, { ...init, headers, signal: AbortSignal.timeout(opts.timeoutMs ?? defaultTimeoutMs()) });
      } catch (e) {
        // Refused before anything was sent (a private address, a redirect loop, an oversized
        // answer): repeating it gives the same answer.
        if (e instanceof BlockedAddressError || e instanceof OutboundRefusedError) {
          throw new ProviderError("bad-body", `${this.name}: ${e.message}`, { transport: "refused" });
        }
        if (e instanceof TlsError)
          throw new ProviderError("retry", `${this.name} ${e.message}`, { transport: "tls", mayHavePublished: false });
        // The host name does not exist (a mistyped server): nothing was sent, and asking again at
        // once gets the same answer. Still "retry" for publishing, as a DNS outage looks the same.
        if ((e as NodeJS.ErrnoException).code === "ENOTFOUND")
          throw new ProviderError("retry", `${this.name}: cannot find the server ${new URL(url).host}`, {
            transport: "dns",
            mayHavePublished: false,
          });
        // The request may have reached the platform: only repeat it when that is harmless.
        const reason = (e as Error).name === "TimeoutError" ? "timed out" : (e as Error).message;
        if (idempotent && attempt < maxRetries) {
          await this.sleep(backoff(attempt));
          continue;
        }
        // Nothing listens at that address (a server that is down, or a mistyped port): no byte of
        // the request was sent. A retry for publishing; at connection, the address typed is wrong.
        const code = (e as NodeJS.ErrnoException).code ?? ((e as Error).cause as NodeJS.ErrnoException | undefined)?.code;
        if (code === "ECONNREFUSED")
          throw new ProviderError("retry", `${this.name}: nothing answers at ${new URL(url).host} (connection refused)`, {
            transport: "unreachable",
            mayHavePublished: false,
          });
        throw new ProviderError("retry", `${this.name} did not answer (${reason}) while trying to ${action}`, {
          mayHavePublished: !idempotent,
        });
      }
      if (res.ok || opts.expect?.includes(res.status)) return res;

      const body = await res.text();
      const handled = (opts.classify ?? this.handleErrors.bind(this))(body, res.status, res.headers) ?? classifyByStatus(res.status, body);
      const details = { status: res.status, body: body.slice(0, 2000) };

      if (handled.kind === "refresh-token") {
        if (token && !refreshed && opts.ctx?.refreshAccessToken) {
          token = await opts.ctx.refreshAccessToken();
          refreshed = true;
          continue;
        }
        if (refreshed) throw new ProviderError("disconnect", `${this.name} refused a freshly refreshed token: ${handled.message}`, details);
        throw new ProviderError("refresh-token", handled.message, details);
      }

      if (handled.kind === "retry") {
        // Only a wait the platform asked for is handed on; otherwise the caller (the publishing
        // engine's schedule) backs off on its own, from seconds.
        const asked = handled.retryAfterMs ?? opts.retryAfter?.(res.headers) ?? retryDelayMs(res.headers, res.status);
        const wait = asked ?? backoff(attempt);
        // A 429 was refused before any work was done; other failures repeat only when harmless.
        const safe = res.status === 429 || idempotent;
        if (safe && attempt < maxRetries && wait <= maxWaitMs) {
          await this.sleep(wait);
          continue;
        }
        throw new ProviderError("retry", handled.message, { ...details, retryAfterMs: asked, mayHavePublished: !safe });
      }

      throw new ProviderError(handled.kind, handled.message, details);
    }
  }

  /** fetch() and parse the JSON answer. */
  async fetchJson<T = unknown>(url: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<T> {
    const res = await this.fetch(url, init, opts);
    return this.readJson<T>(res, opts.action ?? "call its API");
  }

  /** The JSON body of a successful answer; a body that is not JSON is a ProviderError ("retry"), never a SyntaxError. */
  async readJson<T = unknown>(res: Response, action = "call its API"): Promise<T> {
    return parseJsonAnswer<T>(await res.text(), this.name, action, { status: res.status });
  }
}

function backoff(attempt: number): number {
  return Math.min(8_000, 250 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
}

/** PROVIDER_TIMEOUT_MS bounds every platform call (tests shorten it to exercise timeouts). */
function defaultTimeoutMs(): number {
  return Number(process.env.PROVIDER_TIMEOUT_MS || 30_000);
}
