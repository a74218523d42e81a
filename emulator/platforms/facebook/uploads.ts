import { createHash } from "node:crypto";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { badParam, caller, fbError, isResponse } from "./graph";

// The Resumable Upload API as Meta's Video API docs describe it: POST /{app-id}/uploads with
// file_name, file_length and file_type (video/mp4 among the documented types) and a user token →
// {"id":"upload:<session>"}; POST /upload:<session> with "Authorization: OAuth <user token>", a
// file_offset header and the bytes from there → {"h":"<handle>"} once the file is whole;
// GET /upload:<session> → {"id","file_offset"}. The handle is what /{page-id}/videos publishes
// (fbuploader_video_file_chunk).

const TYPES = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"];
type Upload = {
  id: string;
  appId: string;
  userId: string;
  length: number;
  type: string;
  chunks: Buffer[];
  received: number;
  handle?: string;
};
const uploadsOf = new WeakMap<EmulatorState, Map<string, Upload>>();
const uploads = (s: EmulatorState) => {
  let m = uploadsOf.get(s);
  if (!m) uploadsOf.set(s, (m = new Map()));
  return m;
};

/** The bytes behind a handle, for /{page-id}/videos: the session must be the same user's and whole. */
export function uploadedFile(state: EmulatorState, handle: string, userId: string): { sha256: string; type: string } | undefined {
  const u = [...uploads(state).values()].find((x) => x.handle === handle);
  if (!u || u.userId !== userId) return undefined;
  return { sha256: createHash("sha256").update(Buffer.concat(u.chunks)).digest("hex"), type: u.type };
}

function owner(state: EmulatorState, req: EmuRequest, session: string) {
  const u = uploads(state).get(session);
  if (!u) return fbError(400, 100, `(#100) Upload session ${session} does not exist`);
  const c = caller(state, req);
  if (isResponse(c)) return c;
  if (c.kind === "page") return fbError(400, 100, "(#100) The Resumable Upload API takes a user access token, not a Page token");
  if (c.user.id !== u.userId) return fbError(400, 100, "(#100) This upload session belongs to another user");
  return u;
}

export function uploadStatus(state: EmulatorState, req: EmuRequest, session: string): EmuResponse {
  const u = owner(state, req, session);
  if ("status" in u) return u;
  return json(200, { id: u.id, file_offset: u.received });
}

export function uploadRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "POST",
      path: "/:version/:app/uploads",
      name: "upload-session",
      handle(req, { app }) {
        const c = caller(state, req);
        if (isResponse(c)) return c;
        if (c.kind === "page") return fbError(400, 100, "(#100) The Resumable Upload API takes a user access token, not a Page token");
        if (c.grant.clientId !== app) return fbError(400, 100, `(#100) The app ${app} is not the app of this access token`);
        const length = Number(req.query.get("file_length"));
        const type = req.query.get("file_type") ?? "";
        if (!req.query.get("file_name")) return badParam("file_name is required");
        if (!Number.isInteger(length) || length <= 0) return badParam("file_length must be the file size in bytes");
        if (!TYPES.includes(type)) return badParam(`file_type must be one of ${TYPES.join(", ")}`);
        const id = `upload:${state.nextId()}`;
        uploads(state).set(id, { id, appId: app!, userId: c.user.id, length, type, chunks: [], received: 0 });
        return json(200, { id });
      },
    },
    {
      method: "POST",
      path: "/:version/:session",
      name: "upload",
      handle(req, { session }) {
        if (!session!.startsWith("upload:"))
          return fbError(400, 100, `(#100) Unsupported post request to ${session}`, { type: "GraphMethodException" });
        if (!/^OAuth\s+/.test(req.headers.authorization ?? ""))
          return fbError(400, 190, "The upload call takes Authorization: OAuth <user access token>");
        const u = owner(state, req, session!);
        if ("status" in u) return u;
        const offset = Number(req.headers["file_offset"]);
        if (!Number.isInteger(offset)) return badParam("The file_offset header is required");
        if (offset !== u.received) return badParam(`file_offset must be ${u.received}, where the upload stands`);
        if (u.received + req.body.length > u.length) return badParam(`More bytes than the file_length of ${u.length}`);
        u.chunks.push(req.body);
        u.received += req.body.length;
        if (u.received < u.length) return json(200, { id: u.id, file_offset: u.received });
        u.handle ??= `4:${Buffer.from(u.id).toString("base64url")}:${u.type}`;
        return json(200, { h: u.handle });
      },
    },
  ];
}
