import { NextResponse, type NextRequest } from "next/server";
import { isPublicApi, refuseForgedApiRequest } from "@/lib/api/csrf";
import { contentSecurityPolicy, nonce } from "@/lib/security/headers";

// First line of defence: state-changing API requests from other origins are refused (CSRF), and
// requests without a session cookie never reach a private page or API. The session itself is
// verified again where it is used (layouts and the API wrapper). /m/<token> is a signed, expiring
// public media URL for platforms that fetch attachments (lib/media/public-url.ts). Every answer carries this
// request's Content-Security-Policy; Next reads the nonce from the request's copy of it.
const PUBLIC = [/^\/sign-in(\/|$)/, /^\/sign-up(\/|$)/, /^\/invite\//, /^\/api\/auth\//, /^\/api\/health$/, /^\/m\/[^/]+$/];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function route(req: NextRequest, requestHeaders: Headers): NextResponse {
  const { pathname, search } = req.nextUrl;
  const forged = refuseForgedApiRequest(req);
  if (forged) return forged;
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });
  // /api/v1 authenticates each request with its API key (lib/api/v1/handler.ts), not a session.
  if (PUBLIC.some((p) => p.test(pathname)) || isPublicApi(pathname)) return next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in required" }, { status: 401 });
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(nonce());
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  const res = route(req, requestHeaders);
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

// The upload routes (/api/media and /api/v1/media, exactly) are left out: for requests the proxy sees, Next buffers a
// copy of the body in memory and cuts it off at 10 MB (proxyClientMaxBodySize), which would break
// video uploads. The routes check the session and the request's origin (or the API key) themselves.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/media$|api/v1/media$|.*\\.(?:png|svg|ico|jpg|webp)$).*)"],
};
