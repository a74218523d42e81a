import { recorded } from "@/emulator/kit/recording";
import { graphemes, utf8Length } from "@/emulator/kit/text";
import type { EmulatorState, RecordedPost } from "@/emulator/state";

// The emulator's check of an app.bsky.feed.post record against the lexicon (text limits, langs,
// facets, embeds) and of a reply's strong refs against the posts it has seen. Answers the
// problem as the PDS words it, or undefined when the record is valid.

export type RecordProblem = { error: string; message: string };

const PREFIX = "Invalid app.bsky.feed.post record:";
const invalid = (message: string): RecordProblem => ({ error: "InvalidRequest", message: `${PREFIX} ${message}` });
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const FACET_FIELDS: Record<string, string> = {
  "app.bsky.richtext.facet#link": "uri",
  "app.bsky.richtext.facet#mention": "did",
  "app.bsky.richtext.facet#tag": "tag",
};
export const IMAGE_MAX_BYTES = 1_000_000;
const VIDEO_MAX_BYTES = 52_428_800;

export const findPost = (state: EmulatorState, uri: string): RecordedPost | undefined => recorded(state, "bluesky").find(uri);

function checkFacets(facets: unknown, textBytes: number): RecordProblem | undefined {
  if (facets === undefined) return undefined;
  if (!Array.isArray(facets)) return invalid("Record/facets must be an array");
  const spans: [number, number][] = [];
  for (const [i, f] of facets.entries()) {
    const at = `Record/facets/${i}`;
    const start = isObj(f) && isObj(f.index) ? f.index.byteStart : undefined;
    const end = isObj(f) && isObj(f.index) ? f.index.byteEnd : undefined;
    if (!Number.isInteger(start) || !Number.isInteger(end)) return invalid(`${at}/index must have integer byteStart and byteEnd`);
    if ((start as number) < 0 || (end as number) <= (start as number) || (end as number) > textBytes) {
      return invalid(`${at}/index [${start}, ${end}) is outside the text's ${textBytes} UTF-8 bytes`);
    }
    if (spans.some(([s, e]) => (start as number) < e && s < (end as number))) return invalid(`${at} overlaps another facet`);
    spans.push([start as number, end as number]);
    const features = isObj(f) ? f.features : undefined;
    if (!Array.isArray(features) || features.length === 0) return invalid(`${at}/features must be a non-empty array`);
    for (const feat of features) {
      const field = isObj(feat) ? FACET_FIELDS[String(feat.$type)] : undefined;
      if (!field || typeof (feat as Record<string, unknown>)[field] !== "string")
        return invalid(`${at}/features has an unknown or incomplete feature`);
    }
  }
  return undefined;
}

function checkBlob(state: EmulatorState, blob: unknown, at: string, kind: "image" | "video", accountId: string): RecordProblem | undefined {
  const cid = isObj(blob) && isObj(blob.ref) ? blob.ref.$link : undefined;
  const stored = typeof cid === "string" ? state.media.get(cid) : undefined;
  if (!stored || stored.platform !== "bluesky" || stored.accountId !== accountId)
    return invalid(`${at} references a blob that was not uploaded`);
  // A blob field holds the whole blob ref uploadBlob answered (lexicon "blob": $type, ref, mimeType, size).
  if (!isObj(blob) || blob.$type !== "blob" || typeof blob.mimeType !== "string" || !Number.isInteger(blob.size))
    return invalid(`${at} must be a blob ref ({$type: "blob", ref, mimeType, size})`);
  if (!stored.mimeType.startsWith(`${kind}/`)) return invalid(`${at} has mimeType ${stored.mimeType}, expected ${kind}/*`);
  const max = kind === "image" ? IMAGE_MAX_BYTES : VIDEO_MAX_BYTES;
  if (stored.size > max) {
    return {
      error: "BlobTooLarge",
      message: `This file is too large. It is ${(stored.size / 1024 / 1024).toFixed(2)}MB but the maximum size is ${(max / 1024).toFixed(2)}KB.`,
    };
  }
  return undefined;
}

/** app.bsky.embed.external#external: uri (format uri), title and description (required strings), thumb (image blob, ≤ 1,000,000 bytes). */
function checkExternal(state: EmulatorState, external: unknown, accountId: string): RecordProblem | undefined {
  const at = "Record/embed/external";
  if (!isObj(external)) return invalid(`${at} must be an object`);
  for (const key of ["uri", "title", "description"])
    if (typeof external[key] !== "string") return invalid(`${at} must have the property "${key}"`);
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(external.uri as string)) return invalid(`${at}/uri must be a valid uri`);
  return external.thumb === undefined ? undefined : checkBlob(state, external.thumb, `${at}/thumb`, "image", accountId);
}

function checkEmbed(state: EmulatorState, embed: unknown, accountId: string): RecordProblem | undefined {
  if (embed === undefined) return undefined;
  if (!isObj(embed)) return invalid("Record/embed must be an object");
  if (embed.$type === "app.bsky.embed.images") {
    const images = embed.images;
    if (!Array.isArray(images) || images.length === 0) return invalid("Record/embed/images must be a non-empty array");
    if (images.length > 4) return invalid("Record/embed/images must not have more than 4 elements");
    for (const [i, img] of images.entries()) {
      if (!isObj(img) || typeof img.alt !== "string") return invalid(`Record/embed/images/${i} must have the property "alt"`);
      const problem = checkBlob(state, img.image, `Record/embed/images/${i}/image`, "image", accountId);
      if (problem) return problem;
    }
    return undefined;
  }
  if (embed.$type === "app.bsky.embed.video") return checkBlob(state, embed.video, "Record/embed/video", "video", accountId);
  if (embed.$type === "app.bsky.embed.external") return checkExternal(state, embed.external, accountId);
  return invalid(`Record/embed $type ${String(embed.$type)} is not supported by the emulator`);
}

function checkReply(state: EmulatorState, reply: unknown): RecordProblem | undefined {
  if (reply === undefined) return undefined;
  const ref = (r: unknown) => (isObj(r) && typeof r.uri === "string" && typeof r.cid === "string" ? { uri: r.uri, cid: r.cid } : undefined);
  const root = isObj(reply) ? ref(reply.root) : undefined;
  const parent = isObj(reply) ? ref(reply.parent) : undefined;
  if (!root || !parent) return invalid('Record/reply must have the properties "root" and "parent", each with uri and cid');
  const parentPost = findPost(state, parent.uri);
  if (!parentPost || parentPost.extra?.cid !== parent.cid)
    return invalid("Record/reply/parent must reference an existing post (uri and cid)");
  const parentRoot = (parentPost.extra?.record as { reply?: { root?: { uri?: string } } } | undefined)?.reply?.root?.uri ?? parentPost.id;
  if (root.uri !== parentRoot || findPost(state, root.uri)?.extra?.cid !== root.cid)
    return invalid("Record/reply/root must reference the thread's first post (uri and cid)");
  return undefined;
}

export function checkPostRecord(state: EmulatorState, record: unknown, accountId: string): RecordProblem | undefined {
  if (!isObj(record)) return invalid("Record must be an object");
  if (record.$type !== "app.bsky.feed.post") return invalid("Record/$type must be app.bsky.feed.post");
  if (typeof record.text !== "string") return invalid('Record must have the property "text"');
  if (graphemes(record.text) > 300) return invalid("Record/text must not be longer than 300 graphemes");
  const textBytes = utf8Length(record.text);
  if (textBytes > 3000) return invalid("Record/text must not be longer than 3000 characters");
  if (typeof record.createdAt !== "string" || Number.isNaN(Date.parse(record.createdAt)) || !/^\d{4}-\d\d-\d\dT/.test(record.createdAt)) {
    return invalid("Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)");
  }
  if (record.langs !== undefined && (!Array.isArray(record.langs) || record.langs.length > 3))
    return invalid("Record/langs must not have more than 3 elements");
  return checkFacets(record.facets, textBytes) ?? checkEmbed(state, record.embed, accountId) ?? checkReply(state, record.reply);
}
