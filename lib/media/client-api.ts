import type { MediaDto, MediaPage } from "./types";

// Browser calls for the library dialog and alt text; errors carry the server's message.
async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `Request failed (HTTP ${res.status})`);
  return body as T;
}

export function fetchMediaPage(opts: { cursor?: string | null; limit?: number; type?: "image" | "video" | "gif" } = {}): Promise<MediaPage> {
  const q = new URLSearchParams();
  if (opts.cursor) q.set("cursor", opts.cursor);
  if (opts.limit) q.set("limit", String(opts.limit));
  if (opts.type) q.set("type", opts.type);
  return call<MediaPage>(`/api/media?${q}`);
}

export async function deleteMediaItem(id: string): Promise<void> {
  await call(`/api/media/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export async function saveMediaAlt(id: string, alt: string | null): Promise<MediaDto> {
  return (await call<{ media: MediaDto }>(`/api/media/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ alt }) })).media;
}
