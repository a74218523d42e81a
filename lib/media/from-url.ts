import { z } from "zod";
import { AppError } from "@/lib/errors";
import { BlockedAddressError, outboundFetch, OutboundRefusedError, ResponseTooLargeError, TlsError } from "@/lib/net/outbound";
import type { OrgContext } from "@/lib/orgs/context";
import { parseOrThrow, safeText, safeUrl } from "@/lib/validation";
import { altSchema, updateMediaAlt } from "./library";
import { uploadMaxBytes } from "./settings";
import { saveUpload } from "./store";
import type { MediaDto } from "./types";

// Adds a file to the library from a public http(s) address: fetched through the guarded outbound
// agent (no private address, redirects checked hop by hop), then stored by the very code that
// stores an upload, so the same size cap, type sniffing and dimensions apply. The answer is held
// in memory up to the upload cap, as the worker does for a link attachment.

export const fromUrlSchema = z.object({
  url: safeUrl().refine((s) => /^https?:\/\//i.test(s), "url must be an http(s) address"),
  fileName: safeText("fileName must be text").max(255, "fileName is at most 255 characters").optional(),
  alt: altSchema.shape.alt.optional(),
});

const FETCH_TIMEOUT_MS = 60_000;

/** The address's last path segment ("photo.jpg"), or "download" when it has none. */
function nameFromUrl(url: string): string {
  const last = new URL(url).pathname.split("/").filter(Boolean).pop();
  let name = "";
  try {
    name = decodeURIComponent(last ?? "");
  } catch {
    name = last ?? "";
  }
  return name.trim().slice(0, 255) || "download";
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export async function importMediaFromUrl(ctx: OrgContext, input: unknown): Promise<MediaDto> {
  const { url, fileName, alt } = parseOrThrow(fromUrlSchema, input);
  const max = uploadMaxBytes();
  let res: Response;
  try {
    res = await outboundFetch(url, { maxBodyBytes: max, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    if (e instanceof ResponseTooLargeError)
      throw new AppError(`url: the file is larger than the ${(max / 1_048_576).toFixed(1)} MB upload limit`, 413, "url");
    if (e instanceof BlockedAddressError || e instanceof OutboundRefusedError || e instanceof TlsError)
      throw new AppError(`url: cannot be fetched: ${e.message}`, 422, "url");
    throw new AppError(`url: could not be downloaded: ${(e as Error).message}`, 422, "url");
  }
  if (!res.ok) throw new AppError(`url: the server answered HTTP ${res.status}`, 422, "url");
  const bytes = new Uint8Array(await res.arrayBuffer());
  const media = await saveUpload(ctx, oneChunk(bytes), {
    fileName: fileName?.trim() || nameFromUrl(url),
    declaredType: res.headers.get("content-type"),
    declaredSize: bytes.length,
  });
  return alt?.trim() ? updateMediaAlt(ctx, media.id, { alt }) : media;
}
