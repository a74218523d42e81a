import { api } from "@/lib/client/api";
import type { MediaDto, MediaPage } from "./types";

// Browser calls for the library dialog and alt text; errors carry the server's message.
export function fetchMediaPage(
  opts: { cursor?: string | null; limit?: number; type?: "image" | "video" | "gif" } = {},
): Promise<MediaPage> {
  const q = new URLSearchParams();
  if (opts.cursor) q.set("cursor", opts.cursor);
  if (opts.limit) q.set("limit", String(opts.limit));
  if (opts.type) q.set("type", opts.type);
  return api<MediaPage>(`/api/media?${q}`);
}

export async function deleteMediaItem(id: string): Promise<void> {
  await api(`/api/media/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export async function saveMediaAlt(id: string, alt: string | null): Promise<MediaDto> {
  return (await api<{ media: MediaDto }>(`/api/media/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ alt }) })).media;
}
