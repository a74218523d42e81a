import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { isAnswer } from "@/emulator/kit/access";
import { guard, invalidRequest, problem, uploads, withRateLimits, type Upload } from "./common";

// X media upload v2: the one-shot POST /2/media/upload, the chunked initialize / append /
// finalize endpoints (and the older command=INIT|APPEND|FINALIZE form), STATUS polling, and
// alt text through /2/media/metadata. Everything needs the media.write scope.

const MB = 1024 * 1024;
const IMAGE_TYPES = ["image/jpeg", "image/gif", "image/bmp", "image/png", "image/webp", "image/pjpeg", "image/tiff"];
const VIDEO_TYPES = ["video/mp4", "video/webm", "video/mp2t", "video/quicktime"];
const CATEGORIES: Record<string, { types: string[]; maxBytes: number; keyPrefix: string }> = {
  tweet_image: { types: IMAGE_TYPES, maxBytes: 5 * MB, keyPrefix: "3_" },
  tweet_gif: { types: ["image/gif"], maxBytes: 15 * MB, keyPrefix: "16_" },
  tweet_video: { types: VIDEO_TYPES, maxBytes: 512 * MB, keyPrefix: "7_" },
};
const EXPIRES_SECS = 86_400;

/** What the bytes are, by their signature: X looks at the file, not at what the client claims. */
function sniff(b: Buffer): string | undefined {
  const at = (i: number, s: string) => b.subarray(i, i + s.length).toString("latin1") === s;
  if (b[0] === 0x89 && at(1, "PNG")) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (at(0, "GIF8")) return "image/gif";
  if (at(0, "RIFF") && at(8, "WEBP")) return "image/webp";
  if (at(4, "ftyp")) return "video/mp4";
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "video/webm";
  return undefined;
}

const mediaKey = (u: Upload) => `${CATEGORIES[u.category]!.keyPrefix}${u.id}`;

/** The media key X shows for an uploaded media id (a photo's when the upload is unknown). */
export const mediaKeyOf = (state: EmulatorState, id: string) => {
  const u = uploads(state).get(id);
  return u ? mediaKey(u) : `3_${id}`;
};

async function formOf(req: EmuRequest): Promise<FormData | undefined> {
  try {
    return await new Response(new Uint8Array(req.body), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
  } catch {
    return undefined;
  }
}

async function bytesOf(v: FormDataEntryValue | null): Promise<Buffer | undefined> {
  if (v === null) return undefined;
  return typeof v === "string" ? Buffer.from(v, "base64") : Buffer.from(await v.arrayBuffer());
}

function initialize(state: EmulatorState, grant: Grant, mediaType: string, totalBytes: number, category: string): EmuResponse {
  const rules = CATEGORIES[category];
  if (!rules) return invalidRequest(`media_category must be one of ${Object.keys(CATEGORIES).join(", ")} (got "${category}")`);
  if (!rules.types.includes(mediaType)) return invalidRequest(`media_type ${mediaType || "(missing)"} is not accepted for ${category}`);
  if (!Number.isInteger(totalBytes) || totalBytes <= 0) return invalidRequest("total_bytes must be a positive integer");
  if (totalBytes > rules.maxBytes) return invalidRequest(`File size exceeds ${rules.maxBytes} bytes for ${category}.`);
  const id = state.nextId();
  const u: Upload = { id, accountId: grant.accountId, category, mediaType, totalBytes, segments: new Map(), state: "uploading" };
  uploads(state).set(id, u);
  return json(200, { data: { id, media_key: mediaKey(u), expires_after_secs: EXPIRES_SECS } });
}

function session(state: EmulatorState, grant: Grant, id: string): Upload | EmuResponse {
  const u = uploads(state).get(id);
  if (!u || u.accountId !== grant.accountId) return invalidRequest(`media_id ${id} is not a known upload`);
  return u;
}

function append(state: EmulatorState, grant: Grant, id: string, segment: string | null, bytes: Buffer | undefined): EmuResponse {
  const u = session(state, grant, id);
  if ("status" in u) return u;
  if (u.state !== "uploading") return invalidRequest(`media_id ${id} is already finalized`);
  const index = Number(segment);
  if (segment === null || !Number.isInteger(index) || index < 0 || index > 999)
    return invalidRequest("segment_index must be an integer from 0 to 999");
  if (!bytes?.length) return invalidRequest("media is required");
  u.segments.set(index, bytes);
  return json(200, { data: { expires_at: Math.floor(Date.now() / 1000) + EXPIRES_SECS } });
}

function finalize(state: EmulatorState, grant: Grant, id: string): EmuResponse {
  const u = session(state, grant, id);
  if ("status" in u) return u;
  if (u.state !== "uploading") return invalidRequest(`media_id ${id} is already finalized`);
  const parts = [...u.segments.keys()].sort((a, b) => a - b);
  if (parts.some((p, i) => p !== i)) return invalidRequest("Segments are missing: segment_index must run from 0 without gaps.");
  const file = Buffer.concat(parts.map((p) => u.segments.get(p)!));
  if (file.length !== u.totalBytes) return invalidRequest("Segments do not add up to provided total file size.");
  return ready(state, u, file);
}

/** Images are usable at once; videos and GIFs go through processing, reported by STATUS. */
function ready(state: EmulatorState, u: Upload, file: Buffer): EmuResponse {
  const kind = sniff(file);
  const fits = !!kind && CATEGORIES[u.category]!.types.some((t) => t.split("/")[0] === kind.split("/")[0]);
  if (u.category === "tweet_image" && !fits) return invalidRequest("media type unrecognized.");
  u.segments.clear();
  u.state = u.category === "tweet_image" ? "succeeded" : "pending";
  if (!fits) u.error = { code: 1, name: "InvalidMedia", message: `Unsupported ${u.category === "tweet_gif" ? "GIF" : "video"} format` };
  state.media.set(u.id, { platform: "x", accountId: u.accountId, mimeType: kind ?? u.mediaType, size: file.length });
  const processing = u.state === "pending" ? { processing_info: { state: "pending", check_after_secs: 1 } } : {};
  return json(200, { data: { id: u.id, media_key: mediaKey(u), size: file.length, expires_after_secs: EXPIRES_SECS, ...processing } });
}

function status(state: EmulatorState, grant: Grant, id: string): EmuResponse {
  const u = session(state, grant, id);
  if ("status" in u) return u;
  if (u.state === "uploading") return invalidRequest(`media_id ${id} has not been finalized`);
  // Processing finishes by the first poll after FINALIZE, which is all a client needs to see.
  if (u.state === "pending" || u.state === "in_progress") u.state = u.error ? "failed" : "succeeded";
  const info = { state: u.state, progress_percent: 100, ...(u.error ? { error: u.error } : {}) };
  return json(200, { data: { id: u.id, media_key: mediaKey(u), processing_info: info } });
}

async function simpleOrCommand(state: EmulatorState, grant: Grant, req: EmuRequest): Promise<EmuResponse> {
  const isJson = (req.headers["content-type"] ?? "").includes("application/json");
  const form = isJson ? undefined : await formOf(req);
  const body = isJson ? req.json<Record<string, string>>() : undefined;
  const field = (k: string) => (body ? (body[k] ?? null) : (form?.get(k) ?? null));
  if (!form && !body) return invalidRequest("The body must be multipart/form-data or JSON");
  const command = field("command");
  if (command === "INIT")
    return initialize(state, grant, String(field("media_type") ?? ""), Number(field("total_bytes")), String(field("media_category") ?? ""));
  if (command === "APPEND")
    return append(state, grant, String(field("media_id")), field("segment_index") as string | null, await bytesOf(field("media")));
  if (command === "FINALIZE") return finalize(state, grant, String(field("media_id")));
  if (command !== null) return invalidRequest(`command ${String(command)} is not supported here`);
  const file = await bytesOf(field("media"));
  if (!file?.length) return invalidRequest("media is required");
  const category = String(field("media_category") ?? "");
  const declared = typeof field("media_type") === "string" ? String(field("media_type")) : sniff(file);
  if (!declared) return invalidRequest("media type unrecognized.");
  const started = initialize(state, grant, declared, file.length, category);
  if (started.status !== 200) return started;
  const id = (started.body as { data: { id: string } }).data.id;
  return ready(state, uploads(state).get(id)!, file);
}

function metadata(state: EmulatorState, grant: Grant, req: EmuRequest): EmuResponse {
  const body = req.json<{ id?: string; metadata?: { alt_text?: { text?: unknown } } }>();
  const media = body.id ? state.media.get(body.id) : undefined;
  if (!media || media.accountId !== grant.accountId) return invalidRequest(`id ${body.id ?? "(missing)"} is not a media id you uploaded`);
  const text = body.metadata?.alt_text?.text;
  // JSON Schema's maxLength counts characters (code points), not UTF-16 units.
  if (typeof text !== "string" || [...text].length < 1 || [...text].length > 1000)
    return invalidRequest("metadata.alt_text.text must be 1 to 1000 characters");
  media.alt = text;
  return json(200, { data: { id: body.id, associated_metadata: { alt_text: { text } } } });
}

/** Every media route needs a valid token with media.write. Faults target "media" or "media-metadata". */
function route(
  state: EmulatorState,
  method: string,
  path: string,
  limit: number,
  fn: (g: Grant, req: EmuRequest, p: Record<string, string>) => EmuResponse | Promise<EmuResponse>,
  name = "media",
): Route {
  return withRateLimits(
    state,
    {
      method,
      path,
      name,
      handle(req, params) {
        const g = guard(state, req, ["media.write"]);
        return isAnswer(g) ? g : fn(g, req, params);
      },
    },
    limit,
  );
}

export function mediaRoutes(state: EmulatorState): Route[] {
  const jsonOnly = (req: EmuRequest) => (req.headers["content-type"] ?? "").includes("application/json");
  return [
    route(state, "POST", "/2/media/upload", 500, (g, req) => simpleOrCommand(state, g, req)),
    route(state, "POST", "/2/media/upload/initialize", 1875, (g, req) => {
      if (!jsonOnly(req)) return invalidRequest("Content-Type must be application/json");
      const b = req.json<{ media_type?: string; total_bytes?: number; media_category?: string }>();
      return initialize(state, g, b.media_type ?? "", Number(b.total_bytes), b.media_category ?? "");
    }),
    route(state, "POST", "/2/media/upload/:id/append", 1875, async (g, req, p) => {
      const form = await formOf(req);
      if (!form) return invalidRequest("The body must be multipart/form-data with media and segment_index");
      return append(state, g, p.id!, form.get("segment_index") as string | null, await bytesOf(form.get("media")));
    }),
    route(state, "POST", "/2/media/upload/:id/finalize", 1875, (g, _req, p) => finalize(state, g, p.id!)),
    route(state, "GET", "/2/media/upload", 1000, (g, req) =>
      req.query.get("command") === "STATUS"
        ? status(state, g, req.query.get("media_id") ?? "")
        : problem(400, "Invalid Request", "command=STATUS and media_id are required"),
    ),
    route(
      state,
      "POST",
      "/2/media/metadata",
      500,
      (g, req) => (jsonOnly(req) ? metadata(state, g, req) : invalidRequest("Content-Type must be application/json")),
      "media-metadata",
    ),
  ];
}
