import { isAnswer } from "@/emulator/kit/access";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { authorized, jsonBody, whopError } from "./common";

// Whop's files flow (docs.whop.com, Files): POST /files {filename} answers an upload_url and the
// upload_headers the PUT must carry, with upload_status "pending"; the bytes are PUT there; the
// file then goes pending → processing → ready (or failed). Only a ready file may be attached.

export type EmuFile = {
  id: string;
  filename: string;
  status: "pending" | "processing" | "ready" | "failed";
  bytes: number;
  contentType: string;
  secret: string;
};

const filesByState = new WeakMap<EmulatorState, Map<string, EmuFile>>();
export const filesOf = (state: EmulatorState) => {
  let m = filesByState.get(state);
  if (!m) filesByState.set(state, (m = new Map()));
  return m;
};

const view = (f: EmuFile, base?: string) => ({
  id: f.id,
  filename: f.filename,
  content_type: f.contentType || null,
  size: f.bytes ? String(f.bytes) : null,
  upload_status: f.status,
  url: f.status === "ready" && base ? `${base}/_files/${f.id}/${encodeURIComponent(f.filename)}` : null,
});

export function fileRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: "POST",
      path: "/files",
      name: "media",
      handle(req) {
        const grant = authorized(state, req, "forum:post:create");
        if (isAnswer(grant)) return grant;
        const parsed = jsonBody<{ filename?: unknown }>(req);
        if ("error" in parsed) return parsed.error;
        const filename = parsed.body.filename;
        if (typeof filename !== "string" || !filename.trim()) return whopError(400, "invalid_request", "filename is required");
        const id = `file_${state.nextId()}`;
        const file: EmuFile = { id, filename, status: "pending", bytes: 0, contentType: "", secret: `sig-${state.nextId()}` };
        filesOf(state).set(id, file);
        return json(200, {
          ...view(file),
          upload_url: `${req.base}/_uploads/${id}`,
          upload_headers: { "x-amz-meta-signature": file.secret },
        });
      },
    },
    {
      // The presigned upload target: it checks its own signature header, not a bearer token.
      method: "PUT",
      path: "/_uploads/:id",
      name: "upload",
      handle(req, params) {
        const file = filesOf(state).get(params.id ?? "");
        if (!file) return { status: 404, headers: { "content-type": "application/xml" }, body: "<Error><Code>NoSuchUpload</Code></Error>" };
        if (req.headers["x-amz-meta-signature"] !== file.secret)
          return { status: 403, headers: { "content-type": "application/xml" }, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>" };
        if (!req.body.length)
          return { status: 400, headers: { "content-type": "application/xml" }, body: "<Error><Code>MissingBody</Code></Error>" };
        file.bytes = req.body.length;
        file.contentType = req.headers["content-type"] ?? "application/octet-stream";
        file.status = "processing";
        return { status: 200, body: "" };
      },
    },
    {
      method: "GET",
      path: "/files/:id",
      name: "media-status",
      handle(req, params) {
        const grant = authorized(state, req, "forum:read");
        if (isAnswer(grant)) return grant;
        const file = filesOf(state).get(params.id ?? "");
        if (!file) return whopError(404, "not_found", `File ${params.id} not found`);
        // Processing a small image takes one look in the emulator.
        if (file.status === "processing") file.status = "ready";
        return json(200, view(file, req.base));
      },
    },
  ];
}
