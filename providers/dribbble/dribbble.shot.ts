import { ProviderError } from "../core/errors";
import { dimensionProblem } from "../core/media-dimensions";
import type { MediaItem } from "../social.integrations.interface";
import { dribbbleManifest } from "./dribbble.manifest";
import type { DribbbleSettings } from "./dribbble.settings";

// The multipart body of POST /v2/shots (../shared/platforms/dribbble.md §2): the one image in
// "image", "title", "description", "tags" (comma-joined, as Dribbble's own Sketch plugin sends
// them), "team_id" and "low_profile". The image is checked against the manifest's rules first: a
// file given by link is measured only when downloaded, so this is where its size is known.

const RULE = dribbbleManifest.media.image;
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" };

export function checkShotImage(media: MediaItem[]): MediaItem {
  if (media.length !== 1) throw new ProviderError("bad-body", `A Dribbble shot is exactly one image; this post has ${media.length}`);
  const m = media[0]!;
  if (!RULE.mimeTypes.includes(m.mimeType))
    throw new ProviderError("bad-body", `The shot's image is ${m.mimeType}; Dribbble takes GIF, JPEG or PNG`);
  if (!m.bytes?.length) throw new ProviderError("bad-body", "The shot's image has no file content to upload");
  if (m.bytes.length > RULE.maxBytes) throw new ProviderError("bad-body", "The shot's image is over Dribbble's 8 MB limit");
  const pixels = m.width && m.height ? dimensionProblem(RULE, m.width, m.height) : undefined;
  if (pixels) throw new ProviderError("bad-body", `The shot's image ${pixels} (Dribbble's shot sizes)`);
  return m;
}

/** The post is plain text; Dribbble reads the description as HTML (a, em, strong, code), so the text is escaped to show as written. */
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function shotForm(text: string, image: MediaItem, settings: DribbbleSettings): FormData {
  const form = new FormData();
  form.set("image", new Blob([image.bytes!.slice()], { type: image.mimeType }), `shot.${EXTENSIONS[image.mimeType] ?? "png"}`);
  form.set("title", settings.title);
  if (text) form.set("description", escapeHtml(text));
  if (settings.tags?.length) form.set("tags", settings.tags.join(","));
  if (settings.team) form.set("team_id", settings.team);
  if (settings.lowProfile) form.set("low_profile", "true");
  return form;
}
