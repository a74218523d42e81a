import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type Route } from "@/emulator/types";
import { base36, httpError, PLATFORM, requireUser } from "./support";

// Reddit's media upload lease, as its clients document it: POST /api/media/asset.json gives an S3
// form (action and fields), the file goes to that form last, and a submission then names the
// uploaded object's URL. The assets live here until a post uses them.

export type Assets = Map<
  string,
  { accountId: string; key: string; uploaded: boolean; used: boolean; leaseType?: string; mimeType?: string }
>;

/** The lease asset a submission's URL names: uploaded by this account, of the right kind, not yet in a post. */
export function uploaded(assets: Assets, accountId: string, url: string, typePrefix: string): string | { code: string; message: string } {
  if (!/^https?:\/\/\S+$/.test(url)) return { code: "BAD_URL", message: "you should check that url" };
  const entry = [...assets.entries()].find(([, a]) => url.endsWith(`/${a.key}`));
  if (!entry || entry[1].accountId !== accountId || !entry[1].uploaded)
    return { code: "BAD_URL", message: "the media was not uploaded to reddit" };
  if (!(entry[1].mimeType ?? "").startsWith(typePrefix))
    return { code: "BAD_URL", message: `the uploaded media is not ${typePrefix === "image/" ? "an image" : "a video"}` };
  if (entry[1].used) return { code: "BAD_URL", message: "the media was already used in a post" };
  return entry[0];
}

export function assetRoute(state: EmulatorState, assets: Assets): Route {
  return {
    method: "POST",
    path: "/api/media/asset.json",
    name: "media",
    handle(req) {
      const acc = requireUser(state, req, "submit");
      if ("status" in acc) return acc;
      const f = req.form();
      const filepath = f.get("filepath") ?? "";
      const mimetype = f.get("mimetype") ?? "";
      if (!filepath || !/^(image|video)\//.test(mimetype))
        return httpError(400, "Bad Request: filepath and an image or video mimetype are required");
      const assetId = base36(state.nextId());
      const key = `rte_images/${assetId}/${filepath.replace(/[^A-Za-z0-9._-]/g, "_")}`;
      assets.set(assetId, { accountId: acc.id, key, uploaded: false, used: false, leaseType: mimetype });
      const host = req.base.replace(/^https?:/, "");
      return json(200, {
        args: {
          action: `${host}/s3`,
          fields: [
            { name: "acl", value: "public-read" },
            { name: "key", value: key },
            { name: "Content-Type", value: mimetype },
            { name: "policy", value: Buffer.from(JSON.stringify({ key, mimetype })).toString("base64") },
            { name: "x-amz-signature", value: assetId },
          ],
        },
        asset: {
          asset_id: assetId,
          processing_state: "incomplete",
          payload: { filepath },
          websocket_url: `wss://ws.redditmedia.com/rte_images/${assetId}`,
        },
      });
    },
  };
}

const s3Error = (status: number, code: string, message: string): EmuResponse => ({
  status,
  headers: { "content-type": "application/xml" },
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

/** The S3 browser-form upload: every lease field, then the file last; 201 with the object's Location. */
export function s3Route(state: EmulatorState, assets: Assets): Route {
  return {
    method: "POST",
    path: "/s3",
    name: "s3",
    async handle(req) {
      const type = req.headers["content-type"] ?? "";
      if (!type.startsWith("multipart/form-data")) return s3Error(400, "InvalidArgument", "POST requires multipart/form-data");
      const fd = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
      if (!fd) return s3Error(400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
      const names = [...fd.keys()];
      if (names.at(-1) !== "file") return s3Error(400, "InvalidArgument", "The file must be the last field of the form");
      const key = String(fd.get("key") ?? "");
      const asset = [...assets.entries()].find(([id, a]) => a.key === key && fd.get("x-amz-signature") === id);
      if (!asset || !fd.get("policy")) return s3Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed");
      const file = fd.get("file");
      if (!(file instanceof Blob) || file.size === 0) return s3Error(400, "InvalidArgument", "The file is empty");
      // The lease's policy caps the size: 20 MB for images, 1 GB for videos (Reddit's help pages).
      const max = (asset[1].leaseType ?? "").startsWith("video/") ? 1024 * 1024 * 1024 : 20 * 1024 * 1024;
      if (file.size > max) return s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
      asset[1].uploaded = true;
      asset[1].mimeType = String(fd.get("Content-Type") ?? file.type);
      state.media.set(asset[0], { platform: PLATFORM, accountId: asset[1].accountId, mimeType: asset[1].mimeType, size: file.size });
      const location = `${req.base}/s3/${key}`;
      return {
        status: 201,
        headers: { "content-type": "application/xml" },
        body: `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Location>${location}</Location><Key>${key}</Key></PostResponse>`,
      };
    },
  };
}
