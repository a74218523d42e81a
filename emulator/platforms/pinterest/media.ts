import { json, type Route } from "@/emulator/types";
import type { EmulatorState } from "@/emulator/state";
import { PLATFORM, pinError, requireUser } from "./support";

// Video media registration (../shared/platforms/pinterest.md §2): POST /v5/media registers an
// upload and answers a pre-signed form (upload_url + upload_parameters); the file is POSTed there
// as multipart with every parameter and "file"; GET /v5/media/{id} reports registered until the
// upload arrives, then processing (one read), then succeeded.

export type Upload = {
  accountId: string;
  key: string;
  status: "registered" | "processing" | "succeeded" | "failed";
  reads: number;
  size: number;
};

export function mediaRoutes(state: EmulatorState, uploads: Map<string, Upload>): Route[] {
  return [
    {
      method: "POST",
      path: "/v5/media",
      name: "media",
      handle(req) {
        const acc = requireUser(state, req, ["pins:write"]);
        if ("status" in acc) return acc;
        let body: { media_type?: unknown };
        try {
          body = req.json();
        } catch {
          return pinError(400, 1, "Invalid JSON body");
        }
        if (body.media_type !== "video") return pinError(400, 1, "media_type: 'video' is the only supported value");
        const id = state.nextId();
        const key = `uploads/${id}`;
        uploads.set(id, { accountId: acc.id, key, status: "registered", reads: 0, size: 0 });
        return json(201, {
          media_id: id,
          media_type: "video",
          upload_url: `${req.base}/upload-bucket/`,
          upload_parameters: {
            "x-amz-date": "20260101T000000Z",
            "x-amz-signature": `sig-${id}`,
            "x-amz-security-token": "emulated",
            "x-amz-algorithm": "AWS4-HMAC-SHA256",
            key,
            policy: Buffer.from(JSON.stringify({ key })).toString("base64"),
            "x-amz-credential": "emulated/20260101/us-east-1/s3/aws4_request",
            "Content-Type": "multipart/form-data",
          },
        });
      },
    },
    {
      // The storage bucket's form POST: every upload parameter must come back, the file last.
      method: "POST",
      path: "/upload-bucket/",
      name: "upload",
      async handle(req) {
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("multipart/form-data"))
          return { status: 400, headers: { "content-type": "application/xml" }, body: "<Error><Code>InvalidRequest</Code></Error>" };
        const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
        const key = form?.get("key");
        const upload = [...uploads.values()].find((u) => u.key === key);
        const file = form?.get("file");
        if (!upload || form?.get("x-amz-signature") !== `sig-${upload.key.split("/")[1]}` || !form?.get("policy"))
          return {
            status: 403,
            headers: { "content-type": "application/xml" },
            body: "<Error><Code>AccessDenied</Code><Message>Invalid according to Policy</Message></Error>",
          };
        if (!(file instanceof Blob) || file.size === 0)
          return {
            status: 400,
            headers: { "content-type": "application/xml" },
            body: "<Error><Code>InvalidArgument</Code><Message>file is required</Message></Error>",
          };
        upload.size = file.size;
        upload.status = file.type.startsWith("video/") || file.type === "application/octet-stream" ? "processing" : "failed";
        state.media.set(upload.key.split("/")[1]!, {
          platform: PLATFORM,
          accountId: upload.accountId,
          mimeType: file.type,
          size: file.size,
        });
        return { status: 204 };
      },
    },
    {
      method: "GET",
      path: "/v5/media/:id",
      name: "media-status",
      handle(req, p) {
        const acc = requireUser(state, req, ["pins:read"]);
        if ("status" in acc) return acc;
        const u = uploads.get(p.id!);
        if (!u || u.accountId !== acc.id) return pinError(404, 4, "Media not found.");
        // Processing takes one read, as a real transcode takes a while.
        if (u.status === "processing" && u.reads++ >= 1) u.status = "succeeded";
        return json(200, { media_id: p.id, media_type: "video", status: u.status });
      },
    },
  ];
}
