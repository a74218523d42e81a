import { NextResponse, type NextRequest } from "next/server";
import { browserOrigin } from "@/lib/net/origin";

// Cross-site request forgery on the API. Session cookies are SameSite=Lax, which still lets a page
// on another port of the same host (same site, different origin) post to us with the user's
// cookies. So every state-changing API request must come from our own origin, and must carry JSON:
// a cross-origin page can send JSON only after a CORS preflight, which we never approve. Server
// actions are left to Next, which checks their Origin against the Host itself.

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Non-JSON bodies allowed here: the raw-file upload, and Auth.js's own form posts (it has its own CSRF token). */
const RAW_BODY = [/^\/api\/media$/, /^\/api\/auth\//];

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json" || !!type?.match(/^application\/[\w.+-]+\+json$/);
}

function hasBody(req: NextRequest): boolean {
  const length = req.headers.get("content-length");
  return req.headers.has("transfer-encoding") || (length !== null && length !== "0") || req.headers.has("content-type");
}

/** Null when the request came from a page of this app (or from no browser at all). */
export function crossSiteReason(req: NextRequest): string | null {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    return origin === browserOrigin(req) ? null : `Requests from ${origin === "null" ? "an opaque origin" : origin} are not accepted`;
  }
  // No Origin header: browsers send one on every cross-origin and every non-GET fetch, so this is a
  // non-browser client (no ambient cookies) unless Fetch Metadata says otherwise.
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none" ? null : `Cross-site requests (${site}) are not accepted`;
}

/** The MCP endpoint (app/api/mcp): the same API keys as /api/v1, for AI assistants. */
export const MCP_PATH = "/api/mcp";

/**
 * The public API (and the MCP endpoint) authenticates with an API key in the Authorization header only, never a cookie,
 * so a forged cross-site request carries nothing that would let it act: it is left to the v1
 * wrapper (lib/api/v1/handler.ts), which answers in problem details.
 */
export const isPublicApi = (pathname: string) => pathname === "/api/v1" || pathname.startsWith("/api/v1/") || pathname === MCP_PATH;

/** The proxy's answer to a state-changing API request that may be forged, or null to go on. */
export function refuseForgedApiRequest(req: NextRequest): NextResponse | null {
  if (!MUTATING.has(req.method) || !req.nextUrl.pathname.startsWith("/api/") || isPublicApi(req.nextUrl.pathname)) return null;
  const reason = crossSiteReason(req);
  if (reason) return NextResponse.json({ error: reason }, { status: 403 });
  if (hasBody(req) && !RAW_BODY.some((p) => p.test(req.nextUrl.pathname)) && !isJson(req.headers.get("content-type"))) {
    return NextResponse.json(
      { error: "content-type: the request body must be JSON (application/json)", fields: { "content-type": "must be application/json" } },
      { status: 415 },
    );
  }
  return null;
}
