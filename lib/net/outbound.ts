import "server-only";
import http from "node:http";
import https from "node:https";
import { BlockedAddressError, guardedAgents } from "./guarded-agent";

// The one way the server makes an HTTP request to the outside (provider APIs, token endpoints,
// media downloads, uploads). It returns a standard Response, but sends through node:http(s) with
// the guarded keep-alive agents: Node's fetch (undici with WHATWG streams) costs about four times
// the CPU of node:http per request (measured: 0.40 ms versus 0.08 ms on loopback), and a
// publishing worker is bound by exactly that, and undici would not use our agents anyway.
// Redirects are followed here, hop by hop through the same agents, so each hop's address is
// checked; credentials never cross to another origin; answers are size-capped.

export const MAX_REDIRECTS = 5;
/** Platform API answers are small; media downloads pass their own cap. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export type OutboundInit = {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal;
  /** "follow" (default) follows up to maxRedirects hops; "manual" returns the 3xx answer; "error" throws. */
  redirect?: RequestRedirect;
  maxRedirects?: number;
  maxBodyBytes?: number;
  /**
   * Keep the first maxBodyBytes of a longer answer and stop reading, instead of refusing it (a
   * page's <head> is at its start: link previews read only that much of an HTML page).
   */
  truncateBody?: boolean;
};

/** A request the guard or its limits refused; repeating it gives the same answer. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

export class ResponseTooLargeError extends OutboundRefusedError {
  constructor(
    readonly url: string,
    readonly limit: number,
  ) {
    super(`the answer from ${new URL(url).host} is larger than ${limit} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

/** https was refused at the TLS layer (a plain-http server, a bad certificate), not by the server. */
export class TlsError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`could not open a secure (https) connection to ${new URL(url).host}: ${reason}`);
    this.name = "TlsError";
  }
}

export { BlockedAddressError };

// Headers that carry no credential and may follow a redirect to another origin. Everything else
// (Authorization, Cookie, Proxy-Authorization, and any custom token header such as X-Api-Key or a
// provider's own) stays with the origin it was meant for, as fetch does for Authorization.
const CROSS_ORIGIN_SAFE = new Set([
  "accept",
  "accept-language",
  "accept-encoding",
  "user-agent",
  "content-type",
  "content-language",
  "cache-control",
  "pragma",
  "idempotency-key",
]);

async function encodeBody(body: BodyInit | null | undefined, headers: Headers): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // FormData, Blob, URLSearchParams, streams: let the standard Response encode them (multipart
  // boundary and all), then send the bytes through our agents like any other body.
  const encoded = new Response(body as BodyInit);
  const type = encoded.headers.get("content-type");
  if (type && !headers.has("content-type")) headers.set("content-type", type);
  return Buffer.from(await encoded.arrayBuffer());
}

function tlsReason(e: NodeJS.ErrnoException & { library?: string; reason?: string }): string | undefined {
  const code = e.code ?? "";
  if (e.library === "SSL routines" || /^ERR_SSL_|^ERR_TLS_|^EPROTO$|CERT|^UNABLE_TO_|^SELF_SIGNED|^DEPTH_ZERO/.test(code)) {
    // "write EPROTO …:SSL routines:ssl3_get_record:wrong version number:../deps/…c:350:" -> "wrong version number"
    return /SSL routines:[^:]*:([^:]+)/.exec(e.message)?.[1]?.trim() || e.reason || e.message || code;
  }
  return undefined;
}

export async function outboundFetch(url: string, init: OutboundInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = await encodeBody(init.body, headers);
  let method = (init.method ?? "GET").toUpperCase();
  const maxRedirects = init.maxRedirects ?? MAX_REDIRECTS;
  const maxBodyBytes = init.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:")
      throw new OutboundRefusedError(`only http(s) addresses can be fetched, not ${current.protocol}`);
    const res = await once(current, method, headers, body, init.signal, maxBodyBytes, !!init.truncateBody);
    const location = res.headers.get("location");
    if (!location || ![301, 302, 303, 307, 308].includes(res.status) || init.redirect === "manual") return res;
    if (init.redirect === "error") throw new OutboundRefusedError(`${current.host} answered with a redirect`);
    if (hop >= maxRedirects) throw new OutboundRefusedError(`too many redirects (more than ${maxRedirects}) from ${new URL(url).host}`);
    const next = new URL(location, current);
    // As fetch: 303 (and 301/302 after a POST) become a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
      for (const h of ["content-type", "content-length", "content-encoding", "content-language"]) headers.delete(h);
    }
    if (next.origin !== current.origin) for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_SAFE.has(name)) headers.delete(name);
    current = next;
  }
}

function once(
  u: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
  maxBodyBytes: number,
  truncate = false,
): Promise<Response> {
  const lib = u.protocol === "https:" ? https : http;
  const outgoing: Record<string, string> = {};
  headers.forEach((v, k) => (outgoing[k] = v));
  if (body) outgoing["content-length"] = String(body.length);
  return new Promise<Response>((resolve, reject) => {
    const fail = (e: unknown) => {
      if (signal?.aborted) return reject(signal.reason);
      const reason = u.protocol === "https:" ? tlsReason(e as NodeJS.ErrnoException) : undefined;
      reject(reason ? new TlsError(u.toString(), reason) : e);
    };
    const req = lib.request(u, { method, headers: outgoing, agent: guardedAgents[u.protocol as "http:" | "https:"], signal }, (res) => {
      const tooLarge = () => {
        res.destroy();
        reject(new ResponseTooLargeError(u.toString(), maxBodyBytes));
      };
      if (!truncate && Number(res.headers["content-length"] ?? 0) > maxBodyBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let total = 0;
      let cut = false;
      res.on("data", (d: Buffer) => {
        if (cut) return;
        total += d.length;
        if (total > maxBodyBytes) {
          if (!truncate) return tooLarge();
          chunks.push(d.subarray(0, d.length - (total - maxBodyBytes)));
          cut = true;
          // The rest is not wanted: the socket is closed rather than drained, and the answer ends here.
          res.destroy();
          return finish();
        }
        chunks.push(d);
      });
      res.on("error", (e) => (cut ? undefined : fail(e)));
      res.on("end", () => finish());
      const finish = () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
          else if (v !== undefined) h.set(k, v);
        }
        const status = res.statusCode ?? 500;
        const nullBody = status === 204 || status === 205 || status === 304 || method === "HEAD";
        const r = new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: h });
        Object.defineProperty(r, "url", { value: u.toString() });
        resolve(r);
      };
    });
    req.on("error", fail);
    req.end(body);
  });
}
