import type { EmulatorState } from "@/emulator/state";
import { isAnswer } from "@/emulator/kit/access";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { actAsProblem, type OrgsOf } from "./authors";
import { grantFor, inputError, liError, readJson, restCall } from "./common";

// The Images and Videos APIs: initializeUpload hands out upload URLs under the emulator, the PUTs
// store the bytes, finalizeUpload (videos) checks every part's etag, and a status read says when
// a video is AVAILABLE.

export type Asset = {
  urn: string;
  kind: "image" | "video";
  owner: string;
  platform: string;
  accountId: string;
  size: number;
  expectedSize?: number;
  parts?: { firstByte: number; lastByte: number; etag?: string }[];
  status: string;
};

const PART = 4 * 1024 * 1024;
const VIDEO_MIN = 75 * 1024;
const VIDEO_MAX = 500 * 1024 * 1024;

function sniffImage(b: Buffer): string | undefined {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  return undefined;
}

/** Uploaded assets, forgotten with the emulator state's media on reset. */
export type AssetStore = { get(urn: string): Asset | undefined; set(a: Asset): void };

export function assetStore(state: EmulatorState): AssetStore {
  const assets = new Map<string, Asset>();
  return {
    get: (urn) => (state.media.has(urn) ? assets.get(urn) : undefined),
    set(a) {
      assets.set(a.urn, a);
      state.media.set(a.urn, {
        platform: a.platform,
        accountId: a.accountId,
        mimeType: a.kind === "video" ? "video/mp4" : "",
        size: a.size,
      });
    },
  };
}

export function mediaRoutes(state: EmulatorState, platform: string, orgsOf: OrgsOf, assets: AssetStore): Route[] {
  const uploadUrl = (req: EmuRequest, urn: string, part?: number) =>
    `${req.base}/dms-uploads/${encodeURIComponent(urn)}${part === undefined ? "" : `/${part}`}`;

  function start(req: EmuRequest, kind: Asset["kind"]): EmuResponse {
    const grant = restCall(state, platform, req);
    if (isAnswer(grant)) return grant;
    const read = readJson<{ initializeUploadRequest?: { owner?: string; fileSizeBytes?: number } }>(req);
    if ("error" in read) return read.error;
    const init = read.body.initializeUploadRequest;
    if (!init) return inputError(422, "/initializeUploadRequest", "FIELD_MISSING", "field is required but not found");
    const denied = actAsProblem(state, grant, init.owner, orgsOf, "/initializeUploadRequest/owner");
    if (denied) return denied;
    const urn = `urn:li:${kind}:C4E${state.nextId()}`;
    const asset: Asset = { urn, kind, owner: init.owner!, platform, accountId: grant.accountId, size: 0, status: "WAITING_UPLOAD" };
    if (kind === "image") {
      assets.set(asset);
      return json(200, { value: { uploadUrlExpiresAt: Date.now() + 86_400_000, uploadUrl: uploadUrl(req, urn), image: urn } });
    }
    const size = init.fileSizeBytes;
    if (typeof size !== "number" || size < VIDEO_MIN || size > VIDEO_MAX) {
      return inputError(
        400,
        "/initializeUploadRequest/fileSizeBytes",
        "INVALID_VALUE",
        `a video must be between ${VIDEO_MIN} and ${VIDEO_MAX} bytes`,
      );
    }
    asset.expectedSize = size;
    asset.parts = Array.from({ length: Math.ceil(size / PART) }, (_, i) => ({
      firstByte: i * PART,
      lastByte: Math.min(size, (i + 1) * PART) - 1,
    }));
    assets.set(asset);
    const uploadInstructions = asset.parts.map((p, i) => ({
      uploadUrl: uploadUrl(req, urn, i),
      firstByte: p.firstByte,
      lastByte: p.lastByte,
    }));
    return json(200, { value: { video: urn, uploadInstructions, uploadToken: "" } });
  }

  function finalize(req: EmuRequest): EmuResponse {
    const grant = restCall(state, platform, req);
    if (isAnswer(grant)) return grant;
    const read = readJson<{ finalizeUploadRequest?: { video?: string; uploadedPartIds?: string[] } }>(req);
    if ("error" in read) return read.error;
    const f = read.body.finalizeUploadRequest;
    const a = f?.video ? assets.get(f.video) : undefined;
    if (!a || a.kind !== "video" || a.accountId !== grant.accountId)
      return inputError(400, "/finalizeUploadRequest/video", "INVALID_VALUE", "unknown video");
    const etags = a.parts!.map((p) => p.etag);
    if (etags.some((e) => !e) || JSON.stringify(etags) !== JSON.stringify(f!.uploadedPartIds ?? [])) {
      return inputError(
        400,
        "/finalizeUploadRequest/uploadedPartIds",
        "INVALID_VALUE",
        "every part must be uploaded and listed by its etag, in order",
      );
    }
    a.status = "AVAILABLE";
    return { status: 200 };
  }

  function upload(req: EmuRequest, params: Record<string, string>): EmuResponse {
    const grant = grantFor(state, platform, req);
    if (isAnswer(grant)) return grant;
    const a = assets.get(params.urn ?? "");
    if (!a || a.accountId !== grant.accountId) return liError(404, "NOT_FOUND", "Unknown upload URL");
    if (a.kind === "image") {
      const mimeType = sniffImage(req.body);
      if (!mimeType) return liError(400, "BAD_REQUEST", "The uploaded file is not a JPEG, PNG or GIF image");
      a.size = req.body.length;
      a.status = "AVAILABLE";
      state.media.set(a.urn, { platform, accountId: a.accountId, mimeType, size: a.size });
      return { status: 201 };
    }
    const part = a.parts?.[Number(params.part)];
    if (!part) return liError(404, "NOT_FOUND", "Unknown upload part");
    if (req.body.length !== part.lastByte - part.firstByte + 1)
      return liError(400, "BAD_REQUEST", `Part ${params.part} must be ${part.lastByte - part.firstByte + 1} bytes`);
    part.etag = `"part-${params.part}-${req.body.length}"`;
    a.status = "PROCESSING";
    return { status: 200, headers: { etag: part.etag } };
  }

  return [
    {
      method: "POST",
      path: "/rest/images",
      name: "media",
      handle: (req) =>
        req.query.get("action") === "initializeUpload" ? start(req, "image") : liError(400, "BAD_REQUEST", "Unsupported action"),
    },
    {
      method: "POST",
      path: "/rest/videos",
      name: "media",
      handle(req) {
        const action = req.query.get("action");
        return action === "initializeUpload"
          ? start(req, "video")
          : action === "finalizeUpload"
            ? finalize(req)
            : liError(400, "BAD_REQUEST", "Unsupported action");
      },
    },
    {
      method: "GET",
      path: "/rest/videos/:urn",
      name: "media-status",
      handle(req, params) {
        const grant = restCall(state, platform, req);
        if (isAnswer(grant)) return grant;
        const a = assets.get(params.urn ?? "");
        if (!a || a.kind !== "video") return liError(404, "NOT_FOUND", `Video ${params.urn} not found`);
        return json(200, { id: a.urn, owner: a.owner, status: a.status });
      },
    },
    { method: "PUT", path: "/dms-uploads/:urn", name: "upload", handle: upload },
    { method: "PUT", path: "/dms-uploads/:urn/:part", name: "upload", handle: upload },
  ];
}
