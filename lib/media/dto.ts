import type { Media } from "@/lib/generated/prisma/client";
import type { MediaDto } from "./types";

// The one shape a Media row takes outside the server: never the storage path.
export function toMediaDto(m: Pick<Media, "id" | "fileName" | "mimeType" | "size" | "width" | "height" | "alt" | "createdAt">): MediaDto {
  return {
    id: m.id,
    fileName: m.fileName,
    mimeType: m.mimeType,
    // A BIGINT column (files over 2 GiB); a byte count stays far below 2^53, so a number is exact.
    size: Number(m.size),
    width: m.width,
    height: m.height,
    alt: m.alt,
    createdAt: m.createdAt.toISOString(),
    url: `/api/media/${encodeURIComponent(m.id)}/file`,
  };
}
