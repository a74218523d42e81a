import { randomBytes } from "node:crypto";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { coercionError, data, refused } from "./graphql";
import { PLATFORM } from "./accounts";

// Image uploads (Hashnode/gql-skill references/mutations.md and recipes.md, option B):
// createImageUploadURL({contentType}) answers a presigned PUT (url, key, cdnUrl); the bytes are PUT
// to the bucket with no token; confirmImageUpload({key}) checks the 8 MB cap, deleting a larger
// file (ok: false). image/* only, no SVG. The "bucket" is this emulator's /_bucket/<key> route.
// presignedPost (deprecated, removal planned 2026-09-07) is not offered.

const MAX_BYTES = 8 * 1024 * 1024;
const CDN = "https://cdn.hashnode.com";
/** Issued upload keys live in state.media (cleared with the emulator); size -1 until the PUT arrives. */
const NOT_YET = -1;

export function createImageUploadURL(
  state: EmulatorState,
  req: EmuRequest,
  account: Account,
  variables: Record<string, unknown>,
): EmuResponse {
  const input = variables.input as { contentType?: unknown } | undefined;
  if (!input || typeof input.contentType !== "string")
    return coercionError("input", 'Field "contentType" of required type "String!" was not provided.');
  const type = input.contentType.toLowerCase();
  if (!type.startsWith("image/")) return refused("BAD_USER_INPUT", 'Content type must start with "image/"', "createImageUploadURL");
  if (type.startsWith("image/svg")) return refused("BAD_USER_INPUT", "SVG images are not supported", "createImageUploadURL");
  const ext = type.slice("image/".length).replace(/[^a-z0-9]/g, "") || "img";
  const key = `res/hashnode/image/upload/${account.id}/${randomBytes(8).toString("hex")}.${ext}`;
  state.media.set(key, { platform: PLATFORM, accountId: account.id, mimeType: type, size: NOT_YET });
  return data({
    createImageUploadURL: {
      presignedPut: { url: `${req.base}/_bucket/${encodeURIComponent(key)}`, key, cdnUrl: `${CDN}/${key}` },
    },
  });
}

/** The bucket's PUT: the presigned URL is the permission, so no token is checked (one is not expected). */
export function putObject(state: EmulatorState, req: EmuRequest, key: string): EmuResponse {
  const up = state.media.get(key);
  if (!up || up.platform !== PLATFORM)
    return { status: 403, headers: { "content-type": "application/xml" }, body: "<Error><Code>AccessDenied</Code></Error>" };
  if (req.headers.authorization)
    return json(400, { error: "The presigned URL carries its own signature; an Authorization header is refused" });
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type !== up.mimeType)
    return { status: 403, headers: { "content-type": "application/xml" }, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>" };
  up.size = req.body.length;
  return { status: 200 };
}

export function confirmImageUpload(state: EmulatorState, account: Account, variables: Record<string, unknown>): EmuResponse {
  const input = variables.input as { key?: unknown } | undefined;
  if (!input || typeof input.key !== "string") return coercionError("input", 'Field "key" of required type "String!" was not provided.');
  const up = state.media.get(input.key);
  if (!up || up.platform !== PLATFORM || up.accountId !== account.id)
    return refused("FORBIDDEN", "This upload key does not belong to you", "confirmImageUpload");
  if (up.size === NOT_YET) return refused("NOT_FOUND", "No image was uploaded with this key", "confirmImageUpload");
  if (up.size > MAX_BYTES) {
    state.media.delete(input.key);
    return data({ confirmImageUpload: { ok: false, cdnUrl: null } });
  }
  return data({ confirmImageUpload: { ok: true, cdnUrl: `${CDN}/${input.key}` } });
}
