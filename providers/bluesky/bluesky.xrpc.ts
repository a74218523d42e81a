import type { FetchOptions, SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";

// XRPC over a PDS: queries are GET /xrpc/<nsid>?params, procedures POST /xrpc/<nsid> with a JSON
// (or raw bytes) body. Every call goes through the provider's fetch, so errors are classified in
// one place. A session created for one publish keeps the token a refresh handed back, so the
// upload and the createRecord after it do not each refresh again.

type CallOptions = Pick<FetchOptions, "action" | "idempotent" | "maxRetries"> & { auth?: boolean };

export class Xrpc {
  private token?: string;
  private ctx?: PublishContext;

  constructor(
    private readonly api: SocialAbstract,
    readonly service: string,
    session?: { token: string; ctx?: PublishContext },
  ) {
    this.token = session?.token;
    const refresh = session?.ctx?.refreshAccessToken;
    this.ctx = refresh
      ? {
          ...session!.ctx,
          refreshAccessToken: async () => {
            this.token = await refresh();
            return this.token;
          },
        }
      : session?.ctx;
  }

  private url(nsid: string, params?: Record<string, string>): string {
    const q = params ? `?${new URLSearchParams(params)}` : "";
    return `${this.service}/xrpc/${nsid}${q}`;
  }

  private opts(o: CallOptions): FetchOptions {
    const authed = o.auth !== false && this.token;
    return {
      action: o.action,
      idempotent: o.idempotent,
      maxRetries: o.maxRetries,
      ...(authed ? { token: this.token, ctx: this.ctx } : {}),
    };
  }

  query<T>(nsid: string, params: Record<string, string>, o: CallOptions = {}): Promise<T> {
    return this.api.fetchJson<T>(this.url(nsid, params), { headers: { accept: "application/json" } }, this.opts(o));
  }

  procedure<T>(nsid: string, body: unknown, o: CallOptions & { headers?: Record<string, string> } = {}): Promise<T> {
    const raw = body instanceof Uint8Array;
    const init: RequestInit = {
      method: "POST",
      headers: { accept: "application/json", ...(raw || body === undefined ? {} : { "content-type": "application/json" }), ...o.headers },
      body: raw ? (body as Uint8Array<ArrayBuffer>) : body === undefined ? undefined : JSON.stringify(body),
    };
    return this.api.fetchJson<T>(this.url(nsid), init, this.opts(o));
  }
}

/** Seconds until the JWT's `exp`, or undefined when the token is not a readable JWT. */
export function jwtExpiresIn(jwt: string, now = Date.now()): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" ? Math.max(0, Math.floor(payload.exp - now / 1000)) : undefined;
  } catch {
    return undefined;
  }
}
