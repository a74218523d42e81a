import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { isAnswer as isResponse } from "@/emulator/kit/access";
import { error, mediaJson, PLATFORM, requireGrant, type Processing } from "./support";

// POST /api/v2/media and GET /api/v1/media/:id: images are processed at once (200); video and GIFs
// answer 202 and report 206 on the first status check, as real servers do while transcoding.

const MB = 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif", "image/avif"];
const VIDEO_TYPES = ["image/gif", "video/mp4", "video/x-m4v", "video/quicktime", "video/webm"];
const IMAGE_LIMIT = 16 * MB;
const VIDEO_LIMIT = 103_809_024;
const DESCRIPTION_LIMIT = 1500;

export function mediaRoutes(state: EmulatorState, processing: Processing): Route[] {
  return [
    {
      method: "POST",
      path: "/api/v2/media",
      name: "media",
      async handle(req) {
        const grant = requireGrant(state, req, ["write:media"]);
        if (isResponse(grant)) return grant;
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("multipart/form-data")) return error(422, "Validation failed: File can't be blank");
        // Front proxies of many servers refuse chunked uploads.
        if (!req.headers["content-length"]) return error(411, "Length Required");
        const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
        const file = form?.get("file");
        if (!(file instanceof Blob)) return error(422, "Validation failed: File can't be blank");
        const mime = file.type.split(";")[0]!.trim();
        const isImage = IMAGE_TYPES.includes(mime);
        if (!isImage && !VIDEO_TYPES.includes(mime)) return error(422, "Validation failed: File content type is invalid, File is invalid");
        const limit = isImage || mime === "image/gif" ? IMAGE_LIMIT : VIDEO_LIMIT;
        if (file.size > limit) return error(422, `Validation failed: File file size must be less than ${Math.round(limit / MB)} MB`);
        const alt = form?.get("description");
        if (typeof alt === "string" && alt.length > DESCRIPTION_LIMIT) {
          return error(422, `Validation failed: Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
        }

        const id = state.nextId();
        state.media.set(id, {
          platform: PLATFORM,
          accountId: grant.accountId,
          mimeType: mime,
          size: file.size,
          alt: typeof alt === "string" ? alt : undefined,
        });
        if (isImage) return json(200, mediaJson(req.base, id, mime, typeof alt === "string" ? alt : undefined, true));
        processing.set(id, 1);
        return json(202, mediaJson(req.base, id, mime, typeof alt === "string" ? alt : undefined, false));
      },
    },
    {
      method: "GET",
      path: "/api/v1/media/:id",
      name: "media-status",
      handle(req, { id }) {
        const grant = requireGrant(state, req, ["write:media"]);
        if (isResponse(grant)) return grant;
        const m = state.media.get(id!);
        if (!m || m.platform !== PLATFORM || m.accountId !== grant.accountId) return error(404, "Record not found");
        const left = processing.get(id!) ?? 0;
        if (left > 0) {
          processing.set(id!, left - 1);
          return json(206, mediaJson(req.base, id!, m.mimeType, m.alt, false));
        }
        processing.delete(id!);
        return json(200, mediaJson(req.base, id!, m.mimeType, m.alt, true));
      },
    },
  ];
}
