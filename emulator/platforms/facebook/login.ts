import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { uploadStatus } from "./uploads";
import { caller, fbError, isResponse, issue, LONG_LIVED_SECONDS, pagesOf, paramsOf, PLATFORM, tokenInfo, VERSION } from "./graph";

// Facebook Login as "Manually Build a Login Flow" and "Get Long-Lived Tokens" describe it: the
// dialog at www.facebook.com/<ver>/dialog/oauth (client_id, redirect_uri, state, comma-separated
// scope; no PKCE), GET /<ver>/oauth/access_token swapping the code for a short-lived user token,
// and the same endpoint with grant_type=fb_exchange_token swapping that for a long-lived one; then
// /me, /me/permissions, /me/accounts (Pages with their Page tokens and the user's tasks) and
// /{page-id}?fields=access_token.

const versionError = () => fbError(400, 2635, "(#2635) Unknown or unsupported Graph API version in the path.");

export function loginRoutes(state: EmulatorState): Route[] {
  const dialog = authorizeRoute(state, {
    platform: PLATFORM,
    platformName: "Facebook",
    path: "/:version/dialog/oauth",
    pkceRequired: false,
    scopeSeparator: ",",
  });
  return [
    {
      ...dialog,
      handle: (req, params) => (VERSION.test(params.version ?? "") ? dialog.handle(req, params) : versionError()),
    },
    {
      method: "GET",
      path: "/:version/oauth/access_token",
      name: "token",
      handle(req, { version }) {
        if (!VERSION.test(version ?? "")) return versionError();
        const q = req.query;
        const clientId = q.get("client_id") ?? "";
        if (!clientId || clientSecretFor(state, PLATFORM, clientId) !== q.get("client_secret"))
          return fbError(400, 1, "Error validating client secret.", { type: "OAuthException" });
        if (q.get("grant_type") === "fb_exchange_token") {
          const short = q.get("fb_exchange_token") ?? "";
          const c = caller(state, { ...req, headers: {}, query: new URLSearchParams({ access_token: short }) });
          // An expired token cannot be exchanged; a Page token is not a user token.
          if (isResponse(c)) return c;
          if (c.kind === "page") return fbError(400, 100, "(#100) fb_exchange_token must be a user access token");
          const long = issue(state, c.grant, "long");
          return json(200, { access_token: long.accessToken, token_type: "bearer", expires_in: LONG_LIVED_SECONDS });
        }
        if (q.get("grant_type")) return fbError(400, 100, `(#100) Unsupported grant_type ${q.get("grant_type")}`);
        if (!q.get("redirect_uri")) return fbError(400, 100, "(#100) Missing redirect_uri parameter.");
        const code = state.redeemCode(q.get("code") ?? "", { clientId, redirectUri: q.get("redirect_uri") ?? "" });
        if (typeof code === "string")
          return fbError(400, 100, `Invalid verification code format. (${code})`, { subcode: 36007, type: "OAuthException" });
        const grant = state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, false);
        tokenInfo(state).set(grant.accessToken, { kind: "short" });
        return json(200, { access_token: grant.accessToken, token_type: "bearer", expires_in: 3600 });
      },
    },
    {
      method: "GET",
      path: "/:version/me/permissions",
      name: "permissions",
      handle(req) {
        const c = caller(state, req);
        if (isResponse(c)) return c;
        const all = ["pages_show_list", "pages_read_engagement", "pages_manage_posts", "pages_manage_engagement", "read_insights"];
        const asked = new Set([...all, ...c.grant.scopes]);
        return json(200, {
          data: [...asked].map((permission) => ({ permission, status: c.grant.scopes.includes(permission) ? "granted" : "declined" })),
        });
      },
    },
    {
      method: "GET",
      path: "/:version/me/accounts",
      name: "pages",
      handle(req) {
        const c = caller(state, req);
        if (isResponse(c)) return c;
        if (c.kind === "page") return fbError(400, 100, "(#100) Tried accessing nonexisting field (accounts) on node type (Page)");
        if (!c.grant.scopes.includes("pages_show_list")) return json(200, { data: [] });
        const limit = Math.min(Math.max(Number(req.query.get("limit") ?? 25) || 25, 1), 100);
        const after = Number(Buffer.from(req.query.get("after") ?? "", "base64url").toString() || 0);
        const all = pagesOf(c.user);
        const slice = all.slice(after, after + limit);
        const next = after + limit < all.length ? Buffer.from(String(after + limit)).toString("base64url") : undefined;
        const fields = (req.query.get("fields") ?? "id,name").split(",");
        return json(200, {
          data: slice.map((p) => ({
            id: p.id,
            name: p.name,
            ...(fields.includes("username") ? { username: p.username } : {}),
            ...(fields.includes("tasks") ? { tasks: p.tasks } : {}),
            ...(fields.includes("access_token") ? { access_token: issue(state, c.grant, "page", p.id).accessToken } : {}),
            category: "Media",
          })),
          paging: {
            cursors: {
              before: Buffer.from(String(after)).toString("base64url"),
              after: Buffer.from(String(after + slice.length)).toString("base64url"),
            },
            ...(next ? { next: `${req.base}/${req.path.split("/")[1]}/me/accounts?after=${next}` } : {}),
          },
        });
      },
    },
    {
      method: "GET",
      path: "/:version/me",
      name: "profile",
      handle(req) {
        const c = caller(state, req);
        if (isResponse(c)) return c;
        if (c.kind === "page") {
          const p = pagesOf(c.user).find((x) => x.id === c.pageId)!;
          return json(200, { id: p.id, name: p.name });
        }
        return json(200, {
          id: c.user.id,
          name: c.user.name,
          picture: { data: { url: `https://platform-lookaside.fbsbx.com/emulated/${c.user.id}.jpg`, width: 50, height: 50 } },
        });
      },
    },
    {
      // GET /{page-id}?fields=…: the Page node; access_token only for a user who manages the Page.
      method: "GET",
      path: "/:version/:id",
      name: "page",
      async handle(req, { id }) {
        if (id!.startsWith("upload:")) return uploadStatus(state, req, id!);
        const p = await paramsOf(req);
        if (isResponse(p)) return p;
        const c = caller(state, req, p);
        if (isResponse(c)) return c;
        const page = pagesOf(c.user).find((x) => x.id === id);
        if (!page)
          return fbError(
            400,
            100,
            `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
            { subcode: 33, type: "GraphMethodException" },
          );
        const fields = (req.query.get("fields") ?? "id,name").split(",");
        const out: Record<string, unknown> = { id: page.id };
        if (fields.includes("name")) out.name = page.name;
        if (fields.includes("username")) out.username = page.username;
        if (fields.includes("access_token")) {
          if (c.kind === "page" && c.pageId !== id) return fbError(400, 190, "(#190) This Page access token belongs to a different Page.");
          out.access_token = issue(state, c.grant, "page", page.id).accessToken;
        }
        return json(200, out);
      },
    },
  ];
}
