import { createHash } from "node:crypto";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import { utf8Length } from "@/emulator/kit/text";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { invalidField, neynarError, P, signerOf } from "./signers";

// POST /v2/farcaster/cast checked as Neynar's OpenAPI and the protocol say: signer_uuid required
// and approved; text at most 1,024 UTF-8 bytes; at most 2 embeds, each {url} (≤ 256 bytes) or
// {cast_id}; channel_id one that exists; parent a cast hash (0x + 40 hex) that exists, or a URL;
// `idem` recognises a repeat, answering the cast it made. GET /v2/farcaster/cast reads one back
// with its counts.

const TEXT_MAX_BYTES = 1024;
const EMBEDS_MAX = 2;
const URL_MAX_BYTES = 256;
const HASH = /^0x[0-9a-f]{40}$/;

/** The channels that exist in the emulator; every account has been active in all of them. */
export const CHANNELS = [
  { id: "farcaster", name: "Farcaster" },
  { id: "neynar", name: "Neynar" },
  { id: "emulator", name: "Emulator lounge" },
];

type CastInput = {
  signer_uuid?: unknown;
  text?: unknown;
  embeds?: unknown;
  channel_id?: unknown;
  parent?: unknown;
  parent_author_fid?: unknown;
  idem?: unknown;
};

const hashOf = (id: string) => `0x${createHash("sha1").update(`cast:${id}`).digest("hex")}`;

function castJson(post: RecordedPost, fid: string) {
  return { object: "cast", hash: post.id, author: { object: "user", fid: Number(fid) }, text: post.text };
}

function checkEmbeds(raw: unknown): { urls: string[] } | EmuResponse {
  if (raw === undefined) return { urls: [] };
  if (!Array.isArray(raw)) return invalidField("Invalid body parameters", "embeds", "Expected array");
  if (raw.length > EMBEDS_MAX)
    return invalidField("Invalid body parameters", "embeds", `Array must contain at most ${EMBEDS_MAX} element(s)`);
  const urls: string[] = [];
  for (const [i, e] of raw.entries()) {
    const url = (e as { url?: unknown })?.url;
    const castId = (e as { cast_id?: unknown })?.cast_id;
    if (typeof url === "string") {
      if (!/^https?:\/\//.test(url)) return invalidField("Invalid body parameters", `embeds.${i}.url`, "Invalid url");
      if (utf8Length(url) > URL_MAX_BYTES)
        return invalidField("Invalid body parameters", `embeds.${i}.url`, `String must contain at most ${URL_MAX_BYTES} byte(s)`);
      urls.push(url);
    } else if (!castId) return invalidField("Invalid body parameters", `embeds.${i}`, "Expected {url} or {cast_id}");
  }
  return { urls };
}

export function createCast(state: EmulatorState, req: EmuRequest): EmuResponse {
  let input: CastInput;
  try {
    input = req.json<CastInput>();
  } catch {
    return neynarError(400, "InvalidField", "Invalid JSON body");
  }
  if (typeof input.signer_uuid !== "string" || !input.signer_uuid)
    return invalidField("Invalid body parameters", "signer_uuid", "Required");
  const signer = signerOf(state, input.signer_uuid);
  if (!signer) return neynarError(404, "NotFound", "Signer not found", "signer_uuid");
  if (signer.status !== "approved" || !signer.account)
    return neynarError(403, "Forbidden", `Signer is not approved (status: ${signer.status})`, "signer_uuid");
  const account = signer.account;

  const text = input.text === undefined ? "" : input.text;
  if (typeof text !== "string") return invalidField("Invalid body parameters", "text", "Expected string");
  if (utf8Length(text) > TEXT_MAX_BYTES)
    return neynarError(400, "InvalidField", `Text is too long: at most ${TEXT_MAX_BYTES} bytes`, "text");
  const embeds = checkEmbeds(input.embeds);
  if ("status" in embeds) return embeds;
  if (!text && !embeds.urls.length) return neynarError(400, "InvalidField", "A cast needs text or an embed", "text");

  let channel: string | undefined;
  if (input.channel_id !== undefined) {
    if (typeof input.channel_id !== "string" || !CHANNELS.some((c) => c.id === input.channel_id))
      return neynarError(404, "NotFound", `Channel not found: ${String(input.channel_id)}`, "channel_id");
    channel = input.channel_id;
  }
  let replyTo: string | undefined;
  if (input.parent !== undefined) {
    if (typeof input.parent !== "string") return invalidField("Invalid body parameters", "parent", "Expected string");
    if (HASH.test(input.parent)) {
      if (!recorded(state, P).find(input.parent)) return neynarError(404, "NotFound", "Parent cast not found", "parent");
      replyTo = input.parent;
    } else if (!/^(https?|chain):\/\//.test(input.parent) || utf8Length(input.parent) > URL_MAX_BYTES)
      return neynarError(400, "InvalidField", "parent must be a cast hash or a URL of at most 256 bytes", "parent");
  }

  const idem = typeof input.idem === "string" && input.idem ? input.idem : undefined;
  if (idem) {
    const earlier = state.findByIdempotencyKey(P, account.id, idem);
    if (earlier) return json(200, { success: true, cast: castJson(earlier, account.id) });
  }
  const id = state.nextId();
  const post = recorded(state, P).record({
    id: hashOf(id),
    accountId: account.id,
    text,
    media: embeds.urls,
    ...(replyTo ? { replyTo } : {}),
    ...(idem ? { idempotencyKey: idem } : {}),
    extra: { ...(channel ? { channel } : {}), ...(input.parent && !replyTo ? { parentUrl: input.parent } : {}) },
  });
  return json(200, { success: true, cast: castJson(post, account.id) });
}

/** GET /v2/farcaster/cast?identifier=<hash>&type=hash: the cast with its counts (deterministic, kit/metrics). */
export function readCast(state: EmulatorState, req: EmuRequest): EmuResponse {
  const identifier = req.query.get("identifier");
  const type = req.query.get("type");
  if (!identifier) return invalidField("Invalid query parameters", "identifier", "Required");
  if (type !== "hash" && type !== "url") return invalidField("Invalid query parameters", "type", "Expected 'hash' | 'url'");
  const hash = type === "hash" ? identifier : identifier.split("/").pop();
  const post = hash ? recorded(state, P).find(hash) : undefined;
  if (!post) return neynarError(404, "NotFound", "Cast not found", "identifier");
  const account = state.getAccount(P, post.accountId);
  const c = (metric: string) => postCounter(post.id, metric, post.receivedAt);
  return json(200, {
    cast: {
      ...castJson(post, post.accountId),
      author: { object: "user", fid: Number(post.accountId), username: account?.username, display_name: account?.name },
      parent_hash: post.replyTo ?? null,
      channel: post.extra?.channel ? { object: "channel_dehydrated", id: post.extra.channel } : null,
      embeds: post.media.map((url) => ({ url })),
      timestamp: new Date(post.receivedAt).toISOString(),
      // The likes/recasts arrays are deprecated and always empty; the counts are what is read.
      reactions: { likes_count: c("likes"), recasts_count: c("reposts"), likes: [], recasts: [] },
      replies: { count: recorded(state, P).repliesTo(post.id).length + c("replies") },
    },
  });
}
