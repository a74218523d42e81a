import MarkdownIt, { type Token } from "markdown-it";
import sanitize from "sanitize-html";
import { htmlToText } from "@/lib/markup/sanitize-html";
import { IMAGE_ID } from "./images";

// How the emulator reads a story's content for its record: the prose, and the images it shows.
// Medium's README: the `title` field "will not appear in the actual post", so a writer who wants
// it shown puts it in the content too; a leading heading that repeats the title is therefore the
// story's displayed title, not its text. Images are the ones uploaded to this emulator (recorded by
// id) or any other address, which Medium side-loads (recorded as the address).

export type Read = { text: string; media: string[] };

const md = new MarkdownIt({ html: true });

const mediaOf = (src: string) => IMAGE_ID.exec(src)?.[1] ?? src;
const srcOf = (image: Token) => mediaOf(String(image.attrGet("src") ?? ""));

/** An inline run's text as a reader sees it (escapes resolved, markup left out). */
const plain = (inline: Token | undefined) =>
  (inline?.children ?? []).map((k) => (k.type === "text" || k.type === "code_inline" ? k.content : "")).join("");

/** A paragraph holding nothing but images (and line breaks between them). */
function imagesOnly(inline: Token | undefined): string[] | undefined {
  const kids = inline?.children ?? [];
  const images = kids.filter((k) => k.type === "image");
  if (!images.length || kids.some((k) => k.type !== "image" && k.type !== "softbreak" && !(k.type === "text" && !k.content.trim())))
    return undefined;
  return images.map(srcOf);
}

function readMarkdown(content: string, title: string): Read {
  const lines = content.replace(/\r\n?/g, "\n").split("\n");
  const tokens = md.parse(content, {});
  const drop = new Set<number>();
  const media: string[] = [];
  tokens.forEach((t, i) => {
    if (t.level !== 0 || !t.map || !t.type.endsWith("_open")) return;
    const inline = tokens[i + 1];
    const isTitle = i === 0 && t.type === "heading_open" && t.tag === "h1" && plain(inline).trim() === title.trim();
    const images = t.type === "paragraph_open" ? imagesOnly(inline) : undefined;
    if (images) media.push(...images);
    if (isTitle || images) for (let l = t.map[0]; l < t.map[1]; l++) drop.add(l);
  });
  // Images inside other text are shown where they are; they count as the story's media too.
  for (const t of tokens) for (const k of t.children ?? []) if (k.type === "image" && !media.includes(srcOf(k))) media.push(srcOf(k));
  const blocks: string[][] = [[]];
  lines.forEach((line, l) => (drop.has(l) ? blocks.push([]) : blocks.at(-1)!.push(line)));
  const text = blocks
    .map((b) => b.join("\n").trim())
    .filter(Boolean)
    .join("\n\n");
  return { text, media };
}

/** An HTML story: its images from every <img>, its text as a reader sees it (lib/markup's reading). */
function readHtml(content: string, title: string): Read {
  const media: string[] = [];
  sanitize(content, {
    allowedTags: [],
    onOpenTag: (name, attribs) => {
      if (name === "img" && attribs.src) media.push(mediaOf(attribs.src));
    },
  });
  const lines = htmlToText(content).split("\n");
  if (/^\s*<h1[\s>]/i.test(content) && lines[0]?.trim() === title.trim()) lines.shift();
  return { text: lines.join("\n").trim(), media };
}

export function readContent(format: "markdown" | "html", content: string, title: string): Read {
  return format === "markdown" ? readMarkdown(content, title) : readHtml(content, title);
}
