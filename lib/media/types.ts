// What the browser gets for one file of the media library. Plain data: client code imports this
// file, so it must never import anything server-side.
export type MediaDto = {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** Where the signed-in browser fetches the file: `/api/media/<id>/file`. */
  url: string;
};

export type MediaPage = { items: MediaDto[]; nextCursor: string | null };

export type MediaKind = "image" | "video" | "gif";
