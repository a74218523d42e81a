// The NPF content rules the create route enforces (tumblr/docs npf-spec.md: Content Blocks, Media
// Objects, Text/Image/Link/Video blocks, Inline Formatting, Post Content Limits; api.md "User
// Uploaded Media"). Each check answers the first problem found, in Tumblr's words where the
// documentation gives them, else naming the block and field.

export type Part = { type: string; bytes: Uint8Array };

const TEXT_SUBTYPES = ["heading1", "heading2", "quirky", "quote", "indented", "chat", "ordered-list-item", "unordered-list-item"];
const LIST_SUBTYPES = ["ordered-list-item", "unordered-list-item"];
const FORMAT_TYPES = ["bold", "italic", "strikethrough", "small", "link", "mention", "color"];
const LIMITS = {
  blocks: 1000,
  text: 4096,
  images: 30,
  links: 10,
  videos: 10,
  uploadedVideos: 1,
  alt: 4096,
  inlineLinks: 100,
  mentions: 50,
};
const IMAGE_BYTES = 10 * 1024 * 1024;
const VIDEO_BYTES = 500 * 1024 * 1024;

const codePoints = (s: string) => [...s].length;
const isHttp = (v: unknown) => typeof v === "string" && /^https?:\/\/[^\s]+$/.test(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function sniff(b: Uint8Array): string | undefined {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8) return "image/jpeg";
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return "image/gif";
  if (Buffer.from(b.subarray(0, 4)).toString() === "RIFF" && Buffer.from(b.subarray(8, 12)).toString() === "WEBP") return "image/webp";
  if (Buffer.from(b.subarray(4, 8)).toString() === "ftyp") return "video";
  return undefined;
}

type Counts = { images: number; links: number; videos: number; uploadedVideos: number; inlineLinks: number; mentions: number };

function checkText(b: Record<string, unknown>, at: string, counts: Counts): string | undefined {
  if (typeof b.text !== "string") return `${at}.text is required and must be a string`;
  const length = codePoints(b.text);
  if (length > LIMITS.text) return `${at}.text is ${length} characters; a text block holds at most ${LIMITS.text}`;
  if (b.subtype !== undefined && !TEXT_SUBTYPES.includes(String(b.subtype)))
    return `${at}.subtype '${String(b.subtype)}' is not a text subtype`;
  if (b.indent_level !== undefined) {
    if (!LIST_SUBTYPES.includes(String(b.subtype)) && b.subtype !== "indented")
      return `${at}.indent_level is only for list items and indented blocks`;
    if (!isInt(b.indent_level) || b.indent_level < 0 || b.indent_level > 7) return `${at}.indent_level must be 0 to 7`;
  }
  if (b.formatting === undefined) return undefined;
  if (!Array.isArray(b.formatting)) return `${at}.formatting must be an array`;
  for (const [k, f] of (b.formatting as Record<string, unknown>[]).entries()) {
    const fat = `${at}.formatting[${k}]`;
    if (!f || typeof f !== "object") return `${fat} must be an object`;
    if (!FORMAT_TYPES.includes(String(f.type))) return `${fat}.type '${String(f.type)}' is not a formatting type`;
    if (!isInt(f.start) || !isInt(f.end)) return `${fat}.start and end must be integers`;
    // Ranges count code points of the block's text; end is exclusive.
    if (f.start < 0 || f.end <= f.start || f.end > length)
      return `${fat} range ${f.start}-${f.end} is outside the block's text (${length} characters)`;
    if (f.type === "link") {
      if (!isHttp(f.url)) return `${fat}.url must be an http(s) URL`;
      counts.inlineLinks++;
    }
    if (f.type === "mention") {
      const blog = f.blog as Record<string, unknown> | undefined;
      if (!blog || typeof blog.uuid !== "string") return `${fat}.blog.uuid is required for a mention`;
      counts.mentions++;
    }
    if (f.type === "color" && !(typeof f.hex === "string" && /^#[0-9a-f]{6}$/i.test(f.hex))) return `${fat}.hex must be a #rrggbb colour`;
  }
  // "Overlapping ranges of the same type should be combined or separated into non-overlapping ranges."
  const ranges = b.formatting as { start: number; end: number; type: string }[];
  for (const [k, f] of ranges.entries())
    for (const g of ranges.slice(k + 1))
      if (g.type === f.type && g.start < f.end && f.start < g.end)
        return `${at}.formatting has overlapping ${f.type} ranges (${f.start}-${f.end} and ${g.start}-${g.end}); combine them`;
  return undefined;
}

function checkMediaObject(
  m: Record<string, unknown>,
  at: string,
  kind: "image" | "video",
  parts: Map<string, Part>,
  used: Set<string>,
): string | undefined {
  if (!m || typeof m !== "object") return `${at} must be a media object`;
  if (m.identifier !== undefined) {
    if (typeof m.identifier !== "string" || !m.identifier) return `${at}.identifier must be a string`;
    const part = parts.get(m.identifier);
    if (!part) return `${at}.identifier '${m.identifier}' names no part of the multipart request`;
    used.add(m.identifier);
    const sniffed = sniff(part.bytes);
    if (kind === "image") {
      if (!sniffed?.startsWith("image/")) return `media '${m.identifier}' is not an image Tumblr accepts (JPEG, PNG, GIF, WebP)`;
      if (part.bytes.length > IMAGE_BYTES) return `media '${m.identifier}' is over 10 MB`;
    } else {
      if (sniffed !== "video") return `media '${m.identifier}' is not an MP4/MOV video`;
      if (part.bytes.length > VIDEO_BYTES) return `media '${m.identifier}' is over 500 MB`;
    }
    if (typeof m.type === "string" && !m.type.startsWith(`${kind}/`)) return `${at}.type '${m.type}' is not a ${kind} type`;
  } else if (!isHttp(m.url)) return `${at} needs a url or an identifier`;
  for (const dim of ["width", "height"] as const)
    if (m[dim] !== undefined && !(isInt(m[dim]) && (m[dim] as number) > 0)) return `${at}.${dim} must be a positive integer`;
  return undefined;
}

export type NpfProblem = { code: number; message: string };

/** The first problem with the post's `content`, or undefined when Tumblr would take it. */
export function checkContent(content: unknown, parts: Map<string, Part>): NpfProblem | undefined {
  const bad = (message: string, code = 8001): NpfProblem => ({ code, message });
  if (!Array.isArray(content)) return bad("'content' must be an array'");
  if (!content.length) return bad("'content' must hold at least one block");
  if (content.length > LIMITS.blocks) return bad(`A post holds at most ${LIMITS.blocks} content blocks`);
  const counts: Counts = { images: 0, links: 0, videos: 0, uploadedVideos: 0, inlineLinks: 0, mentions: 0 };
  const used = new Set<string>();
  for (const [i, raw] of content.entries()) {
    const at = `content[${i}]`;
    if (!raw || typeof raw !== "object") return bad(`${at} must be a content block object`);
    const b = raw as Record<string, unknown>;
    let problem: string | undefined;
    switch (b.type) {
      case "text":
        problem = checkText(b, at, counts);
        break;
      case "image":
        counts.images++;
        if (!Array.isArray(b.media) || !b.media.length) problem = `${at}.media must be a non-empty array of media objects`;
        else
          for (const [k, m] of b.media.entries()) {
            problem = checkMediaObject(m as Record<string, unknown>, `${at}.media[${k}]`, "image", parts, used);
            if (problem) break;
          }
        if (!problem && b.alt_text !== undefined && (typeof b.alt_text !== "string" || codePoints(b.alt_text) > LIMITS.alt))
          problem = `${at}.alt_text must be a string of at most ${LIMITS.alt} characters`;
        break;
      case "link":
        counts.links++;
        if (!isHttp(b.url)) problem = `${at}.url is required and must be an http(s) URL`;
        break;
      case "video":
        counts.videos++;
        if (b.provider !== undefined && b.provider !== "tumblr" && b.media !== undefined)
          problem = `${at}.provider must be 'tumblr' for an uploaded video`;
        else if (b.media !== undefined) {
          if (Array.isArray(b.media) || typeof b.media !== "object") problem = `${at}.media must be one media object`;
          else {
            const m = b.media as Record<string, unknown>;
            if (m.identifier !== undefined) counts.uploadedVideos++;
            problem = checkMediaObject(m, `${at}.media`, "video", parts, used);
          }
        } else if (!isHttp(b.url)) problem = `${at} needs media (an upload) or a url`;
        break;
      default:
        problem = `${at}.type '${String(b.type)}' is not a content block type`;
    }
    if (problem) return bad(problem);
  }
  if (counts.images > LIMITS.images) return bad(`A post holds at most ${LIMITS.images} image blocks`);
  if (counts.links > LIMITS.links) return bad(`A post holds at most ${LIMITS.links} link blocks`);
  if (counts.videos > LIMITS.videos) return bad(`A post holds at most ${LIMITS.videos} video blocks`);
  if (counts.uploadedVideos > LIMITS.uploadedVideos) return bad("A post holds at most one uploaded video");
  if (counts.inlineLinks > LIMITS.inlineLinks) return bad(`A post holds at most ${LIMITS.inlineLinks} inline links`);
  if (counts.mentions > LIMITS.mentions) return bad(`A post holds at most ${LIMITS.mentions} mentions`);
  const unused = [...parts.keys()].find((k) => !used.has(k));
  if (unused) return bad(`The multipart part '${unused}' is not referenced by any media identifier`);
  return undefined;
}
