import type { MediaKindRules, ProviderDescriptor } from "@/providers/social.integrations.interface";
import type { MediaKind } from "./types";

// Checks one file against each picked channel's media rules before it is uploaded, so the user
// learns at once that X will not take a 600 MB video instead of after a long upload. Pure and
// free of server imports: the uploader runs it in the browser, tests run it directly. The server
// checks the whole post again on save (lib/posts/validate-variant.ts) with the same rules.

export type ChannelForCheck = { name: string; descriptor: Pick<ProviderDescriptor, "name" | "media"> };

export function mediaKindOf(mimeType: string): MediaKind | null {
  if (mimeType === "image/gif") return "gif";
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("video/")) return "video";
  return null;
}

// Browsers leave File.type empty for extensions they do not know; the name is all there is then.
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  avif: "image/avif",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  mp4: "video/mp4",
  m4v: "video/x-m4v",
  mov: "video/quicktime",
  webm: "video/webm",
  mkv: "video/x-matroska",
};

export function typeOfFile(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split(".").pop() ?? "";
  return TYPE_BY_EXTENSION[ext] ?? "";
}

const LABELS: Record<string, string> = {
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/gif": "GIF",
  "image/webp": "WebP",
  "image/heic": "HEIC",
  "image/avif": "AVIF",
  "video/mp4": "MP4",
  "video/x-m4v": "M4V",
  "video/quicktime": "MOV",
  "video/webm": "WebM",
};
/** A file type as people name it ("JPEG", "MOV"), for messages and the composer's rules text. */
export const mimeLabel = (type: string) => LABELS[type] ?? type.split("/").pop()!.toUpperCase();
const label = mimeLabel;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The rules a platform applies to one kind of file, shared with the post check (variant-rules.ts). */
export function rulesForKind(media: ProviderDescriptor["media"], kind: MediaKind | null | undefined): MediaKindRules | undefined {
  if (!kind) return undefined;
  // A platform without separate GIF rules treats a GIF as an image (as the server check does).
  return media[kind] ?? (kind === "gif" ? media.image : undefined);
}

/** One message per channel that would refuse this file; an empty list means every channel takes it. */
export function checkFileForChannels(file: { name: string; type: string; size: number }, channels: ChannelForCheck[]): string[] {
  const type = typeOfFile(file);
  const kind = mediaKindOf(type);
  const out: string[] = [];
  for (const { name, descriptor } of channels) {
    const who = `${name} (${descriptor.name})`;
    const media = descriptor.media;
    if (media.maxItems === 0) {
      out.push(`${who} does not accept media, so "${file.name}" cannot go to it`);
      continue;
    }
    const rule = rulesForKind(media, kind);
    if (!rule || !rule.mimeTypes.includes(type)) {
      const accepted = [...new Set([media.image, media.video, media.gif].flatMap((r) => r?.mimeTypes ?? []).map(label))];
      const takes = accepted.length ? `it accepts ${accepted.join(", ")}` : "it lists no accepted file types";
      out.push(`${who} does not accept "${file.name}" (${type || "unknown type"}); ${takes}`);
      continue;
    }
    if (file.size > rule.maxBytes) {
      out.push(`"${file.name}" is ${mb(file.size)}; ${who} accepts ${kind}s up to ${mb(rule.maxBytes)}`);
    }
  }
  return out;
}
