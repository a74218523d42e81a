import { randomUUID } from "node:crypto";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { apiUser, isAnswer, lacks, lmError, P } from "./users";

// The media library (docs: apis/media.md; cmd/media.go): POST /api/media takes a multipart "file"
// whose extension is on the server's allowed list (the default list below), and answers the
// stored file with the absolute URL it is served at.

const EXTENSIONS = ["jpg", "jpeg", "png", "gif", "svg"];

export async function uploadMedia(state: EmulatorState, req: EmuRequest): Promise<EmuResponse> {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "media:manage");
  if (refused) return refused;
  const type = req.headers["content-type"] ?? "";
  const form = type.startsWith("multipart/form-data")
    ? await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined)
    : undefined;
  const file = form?.get("file");
  if (!(file instanceof File)) return lmError(400, "Invalid file: http: no such file");
  const ext = (/\.([^.]+)$/.exec(file.name)?.[1] ?? "").toLowerCase();
  if (!EXTENSIONS.includes(ext)) return lmError(400, `Unsupported file type (${ext})`);
  const id = [...state.media.values()].filter((m) => m.platform === P).length + 1;
  const filename = `${randomUUID().slice(0, 8)}-${file.name}`;
  state.media.set(`${P}:${filename}`, { platform: P, accountId: user.account.id, mimeType: file.type, size: file.size });
  return json(200, {
    data: {
      id,
      uuid: randomUUID(),
      filename,
      content_type: file.type,
      created_at: new Date().toISOString(),
      thumb_url: `${req.base}/uploads/thumb_${filename}`,
      provider: "filesystem",
      meta: {},
      url: `${req.base}/uploads/${filename}`,
    },
  });
}

/** The uploaded files a campaign body shows, by their <img src> on this server. */
export function mediaIn(state: EmulatorState, base: string, body: string): string[] {
  const prefix = `${base}/uploads/`;
  return [...body.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)]
    .map((m) => m[1]!.replace(/&amp;/g, "&"))
    .filter((src) => src.startsWith(prefix) && state.media.has(`${P}:${src.slice(prefix.length)}`))
    .map((src) => src.slice(prefix.length));
}
