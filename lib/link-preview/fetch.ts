import "server-only";
import { BlockedAddressError, OutboundRefusedError, outboundFetch, TlsError } from "@/lib/net/outbound";
import { absoluteHttpUrl, decodeHtml, MAX_DESCRIPTION, MAX_TITLE, parsePageMeta } from "./parse";
import type { LinkPreview } from "./types";

// One page read for a link card, through the guarded outbound agent (no private address, every
// redirect hop checked), with a short time limit and only the start of the page: the tags a card
// needs are in <head>, so a huge page costs at most PAGE_MAX_BYTES. Every failure is a
// LinkPreviewError with a message for the person who typed the link.

export const PAGE_MAX_BYTES = 512 * 1024;
export const OEMBED_MAX_BYTES = 64 * 1024;
export const FETCH_TIMEOUT_MS = 5_000;
const USER_AGENT = "Mozilla/5.0 (compatible; PostmillLinkPreview/1.0)";

export class LinkPreviewError extends Error {
  /** A refusal by the address rule: it depends on the server's settings, so it is not cached. */
  readonly refused: boolean;
  constructor(message: string, refused = false) {
    super(message);
    this.name = "LinkPreviewError";
    this.refused = refused;
  }
}

function networkReason(e: unknown, host: string): LinkPreviewError {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof BlockedAddressError) return new LinkPreviewError(err.message, true);
  if (e instanceof OutboundRefusedError || e instanceof TlsError) return new LinkPreviewError(err.message);
  if (err?.name === "TimeoutError" || err?.name === "AbortError")
    return new LinkPreviewError(`${host} did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds`);
  if (err?.code === "ENOTFOUND" || err?.code === "EAI_AGAIN") return new LinkPreviewError(`cannot find the server ${host}`);
  if (err?.code === "ECONNREFUSED") return new LinkPreviewError(`nothing answers at ${host}`);
  if (err?.code === "ECONNRESET" || err?.code === "EPIPE") return new LinkPreviewError(`${host} closed the connection`);
  return new LinkPreviewError(`could not reach ${host}: ${err?.message ?? String(e)}`);
}

async function get(url: string, accept: string, maxBodyBytes: number): Promise<Response> {
  const host = new URL(url).host;
  try {
    return await outboundFetch(url, {
      headers: { accept, "user-agent": USER_AGENT },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      maxBodyBytes,
      truncateBody: true,
    });
  } catch (e) {
    throw networkReason(e, host);
  }
}

const isHtml = (type: string | null) => /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(type ?? "");

export async function fetchLinkPreview(url: string): Promise<LinkPreview> {
  const res = await get(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1", PAGE_MAX_BYTES);
  const host = new URL(url).host;
  if (!res.ok) throw new LinkPreviewError(`${host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  const type = res.headers.get("content-type");
  if (!isHtml(type)) throw new LinkPreviewError(`the link is not a web page (it is ${type?.split(";")[0]?.trim() || "of no stated type"})`);
  const finalUrl = res.url || url;
  const meta = parsePageMeta(decodeHtml(new Uint8Array(await res.arrayBuffer()), type), finalUrl);
  const preview: LinkPreview = {
    url: finalUrl,
    title: meta.title,
    description: meta.description,
    image: meta.image,
    siteName: meta.siteName,
    icon: meta.icon,
  };
  // oEmbed fills what the page's own tags leave out (video and social sites often describe
  // themselves only there); a failure there leaves the card as the tags made it.
  if (meta.oembed && (!preview.title || !preview.image)) Object.assign(preview, await fromOembed(meta.oembed, preview));
  if (!preview.title && !preview.description && !preview.image)
    throw new LinkPreviewError(`${host} gives this page no title, description or image`);
  return preview;
}

async function fromOembed(endpoint: string, have: LinkPreview): Promise<Partial<LinkPreview>> {
  try {
    const res = await get(endpoint, "application/json", OEMBED_MAX_BYTES);
    if (!res.ok) return {};
    const data = (await res.json()) as Record<string, unknown>;
    const text = (k: string, max: number) =>
      typeof data[k] === "string" && data[k].trim() ? (data[k] as string).replace(/\s+/g, " ").trim().slice(0, max) : null;
    return {
      title: have.title ?? text("title", MAX_TITLE),
      image: have.image ?? absoluteHttpUrl(typeof data.thumbnail_url === "string" ? data.thumbnail_url : undefined, endpoint),
      siteName: have.siteName ?? text("provider_name", MAX_TITLE),
      description: have.description ?? text("author_name", MAX_DESCRIPTION),
    };
  } catch {
    return {};
  }
}
