import { randomBytes } from "node:crypto";
import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every TikTok API for Business call shares (../shared/platforms/tiktok-business.md §1, §4):
// paths under /open_api/v1.3, the token in the `Access-Token` header (a Bearer header is not
// read), and HTTP 200 answers {"code":<int>,"message","request_id","data"}, code 0 for success.

export const PLATFORM = "tiktok-business";
export const V = "/open_api/v1.3";

const requestId = () => `2026${randomBytes(10).toString("hex").toUpperCase()}`;
export const ok = (data: unknown): EmuResponse => json(200, { code: 0, message: "OK", request_id: requestId(), data });
export const bizError = (code: number, message: string): EmuResponse => json(200, { code, message, request_id: requestId(), data: {} });
export const invalid = (message: string) => bizError(40002, message);

const tokenRefused = () => bizError(40105, "Access token is incorrect or has been revoked.");

export function grantOf(state: EmulatorState, req: EmuRequest, scope?: string): Grant | EmuResponse {
  return bearerGrant(
    state,
    PLATFORM,
    req.headers["access-token"] || undefined,
    {
      missing: tokenRefused,
      invalid: tokenRefused,
      expired: tokenRefused,
      scope: () => bizError(40001, `No permission to operate: the scope ${scope} is not granted.`),
    },
    scope ? (held) => held.includes(scope) : undefined,
  );
}

/** The business_id must be the token's own account (its open_id). */
export function ownBusiness(grant: Grant, id: string | null | undefined): EmuResponse | undefined {
  if (!id) return invalid("business_id is required");
  if (id !== grant.accountId) return bizError(40002, "business_id does not match the access token's account");
  return undefined;
}

export { isAnswer };

export function jsonBody(req: EmuRequest): Record<string, unknown> | EmuResponse {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json"))
    return invalid("Content-Type must be application/json");
  try {
    const b = req.json<unknown>();
    return b && typeof b === "object" && !Array.isArray(b) ? (b as Record<string, unknown>) : invalid("The body must be a JSON object");
  } catch {
    return invalid("The body is not valid JSON");
  }
}

/** A `fields` query parameter: a JSON array of strings. */
export function fieldsParam(q: URLSearchParams): string[] | EmuResponse {
  const raw = q.get("fields");
  if (!raw) return [];
  try {
    const f = JSON.parse(raw) as unknown;
    if (Array.isArray(f) && f.every((x) => typeof x === "string")) return f as string[];
  } catch {
    /* refused below */
  }
  return invalid('fields must be a JSON array of strings, e.g. ["username"]');
}
