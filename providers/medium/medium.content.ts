import MarkdownIt from "markdown-it";
import type { UploadedImage } from "./medium.media";

// The story Medium receives, as Markdown ("contentFormat": "markdown"): the composer's Markdown as
// the user wrote it, with two additions Medium's API leaves to the caller.
// - The title: Medium's README says the `title` field is used for listings and search but "will not
//   appear in the actual post"; to show it, it must be in the content too. It is added as a level-1
//   heading unless the text already opens with one (the writer's own title).
// - Attached images, uploaded first (medium.media.ts): the first goes under the title, where Medium
//   takes a story's first image as its preview image; the others follow the text, in order.

const md = new MarkdownIt({ html: false });

/** Backslash-escapes every ASCII punctuation character, which CommonMark allows for any of them,
 *  so a title or alt text is shown as typed and never read as markup. */
export const escapeMarkdown = (s: string) => s.replace(/[!-/:-@[-`{-~]/g, "\\$&");

/** An address as a Markdown link destination: the characters that would end or break it, encoded. */
const destination = (url: string) => url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const imageLine = (img: UploadedImage) => `![${escapeMarkdown(img.alt ?? "")}](${destination(img.url)})`;

/**
 * The Markdown's opening level-1 heading (the writer's own title) and the rest, split where
 * markdown-it says the heading's lines end; no heading: undefined and the whole text.
 */
export function splitOwnTitle(markdown: string): { heading?: string; rest: string } {
  const first = md.parse(markdown, {})[0];
  if (first?.type !== "heading_open" || first.tag !== "h1" || !first.map) return { rest: markdown };
  const lines = markdown.split("\n");
  return { heading: lines.slice(0, first.map[1]).join("\n").trim(), rest: lines.slice(first.map[1]).join("\n").trim() };
}

export function storyMarkdown(text: string, title: string, images: UploadedImage[] = []): string {
  const { heading, rest: body } = splitOwnTitle(text.trim());
  const [cover, ...others] = images;
  return [heading ?? `# ${escapeMarkdown(title.trim())}`, cover && imageLine(cover), body, ...others.map(imageLine)]
    .filter((block): block is string => !!block)
    .join("\n\n");
}
