import { randomBytes } from "node:crypto";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// What every Graph API call of the Facebook emulator shares, from Meta's docs: the error shape of
// "Handling Errors" ({"error":{message,type,code,error_subcode,fbtrace_id}}), parameters taken from
// the query or the body (Graph reads both, form-encoded or multipart), and the three kinds of
// token of "Access Tokens": a short-lived user token (about an hour), the long-lived user token it
// is exchanged for (about 60 days), and Page tokens read with a user token from /me/accounts or
// /{page-id}?fields=access_token, which Page publishing calls require.

export const PLATFORM = "facebook";
export const VERSION = /^v\d{1,2}\.0$/;

export function fbError(
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number; type?: string; transient?: boolean } = {},
) {
  return json(status, {
    error: {
      message,
      type: extra.type ?? "OAuthException",
      code,
      ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
      ...(extra.transient !== undefined ? { is_transient: extra.transient } : {}),
      fbtrace_id: `A${randomBytes(8).toString("base64url")}`,
    },
  });
}

export const badParam = (message: string) => fbError(400, 100, `(#100) ${message}`);

/** Parameters from the query string and the body (form-encoded or multipart; files apart). */
export type Params = { get(name: string): string | undefined; file(name: string): File | undefined; has(name: string): boolean };

export async function paramsOf(req: EmuRequest): Promise<Params | EmuResponse> {
  const values = new Map<string, string>();
  const files = new Map<string, File>();
  for (const [k, v] of req.query) values.set(k, v);
  const type = req.headers["content-type"] ?? "";
  if (req.method === "POST" && req.body.length) {
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
      if (!form) return badParam("The multipart body could not be read");
      for (const [k, v] of form) {
        if (typeof v === "string") values.set(k, v);
        else files.set(k, v);
      }
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      for (const [k, v] of req.form()) values.set(k, v);
    } else if (type.startsWith("application/json")) {
      const body = (() => {
        try {
          return req.json<Record<string, unknown>>();
        } catch {
          return undefined;
        }
      })();
      if (!body || typeof body !== "object") return badParam("The JSON body could not be read");
      for (const [k, v] of Object.entries(body)) values.set(k, typeof v === "string" ? v : JSON.stringify(v));
    } else return badParam(`Unsupported content type ${type || "(none)"}`);
  }
  return { get: (n) => values.get(n), file: (n) => files.get(n), has: (n) => values.has(n) || files.has(n) };
}

export type TokenKind = "short" | "long" | "page";
type TokenInfo = { kind: TokenKind; pageId?: string };
const tokenKinds = new WeakMap<EmulatorState, Map<string, TokenInfo>>();

export function tokenInfo(state: EmulatorState): Map<string, TokenInfo> {
  let m = tokenKinds.get(state);
  if (!m) tokenKinds.set(state, (m = new Map()));
  return m;
}

/** A token of `kind` on the grant (a Page token shares its user's grant: revoking the app ends both). */
export function issue(state: EmulatorState, grant: Grant, kind: TokenKind, pageId?: string) {
  const t = state.issueTokens(PLATFORM, grant.accountId, grant.clientId, grant.scopes, false, grant.id);
  tokenInfo(state).set(t.accessToken, { kind, pageId });
  return t;
}

/** Short-lived user tokens last about an hour, long-lived ones about 60 days (Get Long-Lived Tokens). */
export const LONG_LIVED_SECONDS = 5_183_944;

export type Caller = { grant: Grant; user: Account; kind: TokenKind; pageId?: string; token: string };

/** The token of a call: an Authorization header (Bearer or OAuth) or the access_token parameter. */
export function tokenOf(req: EmuRequest, p?: Params): string | undefined {
  const h = req.headers.authorization ?? "";
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h);
  return m?.[1]?.trim() || p?.get("access_token") || req.query.get("access_token") || undefined;
}

export function caller(state: EmulatorState, req: EmuRequest, p?: Params): Caller | EmuResponse {
  const token = tokenOf(req, p);
  if (!token) return fbError(400, 104, "An access token is required to request this resource.");
  const checked = state.checkAccess(PLATFORM, token);
  if (checked === "expired")
    return fbError(400, 190, "Error validating access token: Session has expired. The current time is after the expiry time.", {
      subcode: 463,
    });
  if (checked === "missing" || checked === "invalid") {
    const at = state.accessTokens.get(token);
    if (at && state.grants.get(at.grantId)?.revoked)
      return fbError(400, 190, "Error validating access token: The user has not authorized application.", { subcode: 458 });
    return fbError(400, 190, "Invalid OAuth access token - Cannot parse access token");
  }
  const info = tokenInfo(state).get(token);
  const user = state.getAccount(PLATFORM, checked.accountId);
  if (!info || !user) return fbError(400, 190, "Invalid OAuth access token - Cannot parse access token");
  return { grant: checked, user, kind: info.kind, pageId: info.pageId, token };
}

export const isResponse = (v: object): v is EmuResponse => "status" in v && typeof (v as EmuResponse).status === "number";

export type EmuPage = { id: string; name: string; username: string; tasks: string[]; ownerId: string };

/** Each emulated user manages two Pages: one with every task, one where they may only analyze (no CREATE_CONTENT). */
export function pagesOf(user: Account): EmuPage[] {
  const base = user.id.replace(/\D/g, "") || "1";
  return [
    {
      id: `10${base}01`,
      name: `${user.name} Page`,
      username: `${user.username}.page`,
      tasks: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
      ownerId: user.id,
    },
    { id: `10${base}02`, name: `${user.name} Analytics Page`, username: `${user.username}.stats`, tasks: ["ANALYZE"], ownerId: user.id },
  ];
}

export function findPage(state: EmulatorState, pageId: string): EmuPage | undefined {
  for (const a of state.accounts.values()) {
    const p = pagesOf(a).find((x) => x.id === pageId);
    if (p && state.getAccount(PLATFORM, a.id)) return p;
  }
  return undefined;
}

/** A Page call: a Page token of this very Page, whose user may still create content on it. */
export function pageCaller(
  state: EmulatorState,
  req: EmuRequest,
  p: Params,
  pageId: string,
  needs = "CREATE_CONTENT",
): Caller | EmuResponse {
  const c = caller(state, req, p);
  if (isResponse(c)) return c;
  if (c.kind !== "page") return fbError(400, 210, "(#210) A page access token is required to request this resource.");
  if (c.pageId !== pageId) return fbError(400, 190, "(#190) This Page access token belongs to a different Page.");
  const page = pagesOf(c.user).find((x) => x.id === pageId);
  if (!page?.tasks.includes(needs))
    return fbError(403, 200, `(#200) The user must be able to perform the ${needs} task on the Page to do this.`, {
      type: "OAuthException",
    });
  return c;
}

/** Scopes a grant must hold for a call (the login dialog lets the user untick them). */
export function missingScope(c: Caller, ...scopes: string[]): EmuResponse | undefined {
  const lacking = scopes.filter((s) => !c.grant.scopes.includes(s));
  if (!lacking.length) return undefined;
  return fbError(403, 200, `(#200) This endpoint requires the '${lacking.join("' and '")}' permission${lacking.length > 1 ? "s" : ""}.`);
}
