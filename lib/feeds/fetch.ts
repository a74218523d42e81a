import "server-only";
import { BlockedAddressError, OutboundRefusedError, outboundFetch, TlsError } from "@/lib/net/outbound";

// One GET of a feed through the guarded outbound agent (private addresses refused unless
// ALLOW_PRIVATE_NETWORK=1, on every redirect hop), conditional on what the last answer said
// (ETag / Last-Modified), with a time limit and a size cap. Every failure becomes a FeedFetchError
// whose message is shown on the feed as it is.

/** A feed is text; a few megabytes is already a very long one. */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 20_000;

export type Validators = { etag?: string | null; lastModified?: string | null };
export type Fetched =
  { status: "not-modified" } | { status: "ok"; body: string; etag: string | null; lastModified: string | null; url: string };

export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedFetchError";
  }
}

function networkReason(e: unknown, host: string): string {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof BlockedAddressError || e instanceof OutboundRefusedError || e instanceof TlsError) return err.message;
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return `${host} did not answer within ${FEED_TIMEOUT_MS / 1000} seconds`;
  if (err?.code === "ENOTFOUND" || err?.code === "EAI_AGAIN") return `cannot find the server ${host}`;
  if (err?.code === "ECONNREFUSED") return `${host} refused the connection`;
  if (err?.code === "ECONNRESET" || err?.code === "EPIPE") return `${host} closed the connection`;
  return `could not reach ${host}: ${err?.message ?? String(e)}`;
}

function decode(bytes: ArrayBuffer, contentType: string | null): string {
  const charset = /charset=["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes); // an unknown charset label: UTF-8 is the XML default
  }
}

export async function fetchFeed(url: string, validators: Validators = {}): Promise<Fetched> {
  const host = new URL(url).host;
  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1",
    "user-agent": "Postmill feed reader",
  };
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  let res: Response;
  try {
    res = await outboundFetch(url, { headers, signal: AbortSignal.timeout(FEED_TIMEOUT_MS), maxBodyBytes: FEED_MAX_BYTES });
  } catch (e) {
    throw new FeedFetchError(networkReason(e, host));
  }
  if (res.status === 304) return { status: "not-modified" };
  if (!res.ok) throw new FeedFetchError(`${host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  const body = decode(await res.arrayBuffer(), res.headers.get("content-type"));
  return { status: "ok", body, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified"), url: res.url || url };
}
