import "server-only";
import { db } from "@/lib/db/client";
import { fetchLinkPreview, LinkPreviewError } from "./fetch";
import type { LinkPreview } from "./types";

// Link previews kept by normalized URL: a page read once serves every composer and every publish
// for a day; a page that could not be read is not asked again for half an hour (a dead link typed
// into the composer would otherwise be fetched on every pause in typing). Refusals by the address
// rule are not kept: they cost no request and follow the server's settings.

export const PREVIEW_TTL_MS = 24 * 60 * 60_000;
export const FAILURE_TTL_MS = 30 * 60_000;
/** Rows expired this long ago are deleted when a new one is written. */
const PRUNE_AFTER_MS = 7 * 24 * 60 * 60_000;

/** The cache key: the address without its #fragment (never sent to the server), as URL spells it. */
export function normalizeLinkUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = "";
  return u.toString();
}

export async function getLinkPreview(raw: string, now = new Date()): Promise<LinkPreview> {
  const url = normalizeLinkUrl(raw);
  const row = await db.linkPreview.findUnique({ where: { url } });
  if (row && row.expiresAt > now) {
    if (row.error) throw new LinkPreviewError(row.error);
    return {
      url: row.finalUrl ?? url,
      title: row.title,
      description: row.description,
      image: row.image,
      siteName: row.siteName,
      icon: row.icon,
    };
  }
  let preview: LinkPreview;
  try {
    preview = await fetchLinkPreview(url);
  } catch (e) {
    if (!(e instanceof LinkPreviewError)) throw e;
    if (!e.refused) await save(url, { error: e.message }, now, FAILURE_TTL_MS);
    throw e;
  }
  const { url: finalUrl, ...rest } = preview;
  await save(url, { ...rest, finalUrl, error: null }, now, PREVIEW_TTL_MS);
  return preview;
}

type Fields = Partial<Omit<LinkPreview, "url">> & { finalUrl?: string | null; error: string | null };

async function save(url: string, fields: Fields, now: Date, ttlMs: number): Promise<void> {
  const data = {
    finalUrl: null,
    title: null,
    description: null,
    image: null,
    siteName: null,
    icon: null,
    ...fields,
    fetchedAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  };
  await db.linkPreview.upsert({ where: { url }, create: { url, ...data }, update: data });
  await db.linkPreview.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - PRUNE_AFTER_MS) } } });
}
