import { createHash } from "node:crypto";
import { isAnswer } from "@/emulator/kit/access";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { error, PLATFORM, requireUser } from "./support";

// POST /v1/images (README §3.4): multipart form data whose field is named "image", one image per
// request, of type image/jpeg, image/png, image/gif or image/tiff; 201 with the image's url and md5.
// The README names no error answers or size limit for it; the refusals below carry no code.

const TYPES: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif", "image/tiff": "tiff" };

/** The address the emulator gives an uploaded image, read back from a story's content. */
export const imageUrl = (base: string, id: string, ext: string) => `${base}/images/0*${id}.${ext}`;
export const IMAGE_ID = /\/images\/0\*(\d+)\.(?:jpeg|png|gif|tiff)$/;

export function imageRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/v1/images",
    name: "image",
    async handle(req) {
      const acc = requireUser(state, req, "uploadImage");
      if (isAnswer(acc)) return acc;
      const type = req.headers["content-type"] ?? "";
      if (!type.startsWith("multipart/form-data")) return error(400, "Images must be sent as multipart/form-data.");
      const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
      const parts = form?.getAll("image") ?? [];
      const file = parts[0];
      if (!(file instanceof Blob)) return error(400, 'The image must be sent in a form field named "image".');
      if (parts.length > 1 || [...(form?.keys() ?? [])].some((k) => k !== "image"))
        return error(400, "Only one image may be sent per request.");
      const mime = file.type.split(";")[0]!.trim();
      const ext = TYPES[mime];
      if (!ext) return error(400, "Unsupported image type; send image/jpeg, image/png, image/gif or image/tiff.");
      const bytes = Buffer.from(await file.arrayBuffer());
      const id = state.nextId();
      state.media.set(id, { platform: PLATFORM, accountId: acc.id, mimeType: mime, size: bytes.length });
      return json(201, { data: { url: imageUrl(req.base, id, ext), md5: createHash("md5").update(bytes).digest("hex") } });
    },
  };
}
