import { imageSize } from "image-size";
import { ProviderError } from "../core/errors";
import type { MediaItem } from "../social.integrations.interface";
import { tumblrManifest } from "./tumblr.manifest";
import { markdownToNpf, MAX_TEXT_BLOCK, type NpfTextBlock } from "./tumblr.npf";
import type { TumblrSettings } from "./tumblr.settings";

// The body of POST /v2/blog/{blog}/posts (tumblr/docs api.md, "Create/Reblog a Post (Neue Post
// Format)"; npf-spec.md). Content, in order: the title as a heading1 text block (NPF has no title
// field), the attached images (one image block each) and video (one video block), the text's
// blocks (tumblr.npf.ts), then the link setting as a link block. Attached files go up in the same
// request: multipart/form-data whose first part, "json", is the JSON body, and one part per file
// named by the `identifier` its media object carries. state is "published": the post goes out now.

const RULES = tumblrManifest.media;
const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};

type MediaObject = { type: string; identifier: string; width?: number; height?: number };
export type NpfBlock =
  | NpfTextBlock
  | { type: "image"; media: MediaObject[]; alt_text?: string }
  | { type: "video"; provider: "tumblr"; media: MediaObject }
  | { type: "link"; url: string };

export type PostBody = {
  content: NpfBlock[];
  state: "published";
  tags?: string;
  source_url?: string;
};

const kindOf = (m: MediaItem) => (m.mimeType.startsWith("video/") ? "video" : "image");

/** Width and height as sent (NPF media objects carry them), measured from the file when not given. */
function sizeOf(m: MediaItem): { width?: number; height?: number } {
  if (m.width && m.height) return { width: m.width, height: m.height };
  if (kindOf(m) !== "image" || !m.bytes) return {};
  try {
    const d = imageSize(m.bytes.slice());
    return d.width && d.height ? { width: d.width, height: d.height } : {};
  } catch {
    return {};
  }
}

/** Refuses what Tumblr would refuse before anything is sent, naming the rule. */
export function checkMedia(media: MediaItem[]): void {
  const images = media.filter((m) => kindOf(m) === "image");
  const videos = media.filter((m) => kindOf(m) === "video");
  if (images.length > RULES.image.maxCount)
    throw new ProviderError("bad-body", `A Tumblr post takes at most ${RULES.image.maxCount} images`);
  if (videos.length > RULES.video.maxCount) throw new ProviderError("bad-body", "A Tumblr post takes one uploaded video");
  for (const [i, m] of media.entries()) {
    const rule = kindOf(m) === "video" ? RULES.video : RULES.image;
    if (!rule.mimeTypes.includes(m.mimeType))
      throw new ProviderError("bad-body", `Attachment ${i + 1} is ${m.mimeType}; Tumblr takes ${rule.mimeTypes.join(", ")}`);
    if (!m.bytes?.length) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to Tumblr`);
    if (m.bytes.length > rule.maxBytes)
      throw new ProviderError("bad-body", `Attachment ${i + 1} is over Tumblr's ${Math.round(rule.maxBytes / 1024 / 1024)} MB limit`);
    if ([...(m.alt ?? "")].length > (RULES.maxAltTextLength ?? Infinity))
      throw new ProviderError("bad-body", `Attachment ${i + 1}'s description is over Tumblr's ${RULES.maxAltTextLength} characters`);
  }
}

/** The NPF content and the files to send with it, each under its identifier. */
export function buildPost(text: string, media: MediaItem[], settings: TumblrSettings): { body: PostBody; files: Map<string, MediaItem> } {
  checkMedia(media);
  const files = new Map<string, MediaItem>();
  const content: NpfBlock[] = [];
  const title = settings.title?.trim();
  if (title) content.push({ type: "text", subtype: "heading1", text: [...title].slice(0, MAX_TEXT_BLOCK).join("") });
  for (const [i, m] of media.entries()) {
    const identifier = `media-${i}`;
    files.set(identifier, m);
    const object: MediaObject = { type: m.mimeType, identifier, ...sizeOf(m) };
    if (kindOf(m) === "video") content.push({ type: "video", provider: "tumblr", media: object });
    else content.push({ type: "image", media: [object], ...(m.alt?.trim() ? { alt_text: m.alt.trim() } : {}) });
  }
  content.push(...markdownToNpf(text));
  if (settings.link) content.push({ type: "link", url: settings.link });
  if (!content.length) throw new ProviderError("bad-body", "A Tumblr post needs text, a title, a file or a link");
  const tags = settings.tags?.map((t) => t.trim()).filter(Boolean);
  return {
    body: {
      content,
      state: "published",
      ...(tags?.length ? { tags: tags.join(",") } : {}),
      ...(settings.sourceUrl ? { source_url: settings.sourceUrl } : {}),
    },
    files,
  };
}

/** JSON alone when there are no files; else multipart with the JSON first and each file under its identifier. */
export function requestBody(body: PostBody, files: Map<string, MediaItem>): { body: string | FormData; headers: Record<string, string> } {
  const json = JSON.stringify(body);
  if (!files.size) return { body: json, headers: { "content-type": "application/json" } };
  const form = new FormData();
  form.set("json", new Blob([json], { type: "application/json" }));
  for (const [identifier, m] of files)
    form.set(identifier, new Blob([m.bytes!.slice()], { type: m.mimeType }), `${identifier}.${EXTENSIONS[m.mimeType] ?? "bin"}`);
  return { body: form, headers: {} };
}

/** The text of a post's text blocks, joined as sent: what a read-back compares. */
export const contentText = (content: readonly { type?: unknown; text?: unknown }[]) =>
  content
    .filter((b) => b.type === "text" && typeof b.text === "string")
    .map((b) => (b.text as string).trim())
    .join("\n")
    .trim();
