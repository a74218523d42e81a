import { NextResponse, type NextRequest } from "next/server";

// First line of defence: requests without a session cookie never reach a private page or API.
// The session itself is verified again where it is used (layouts and the API wrapper).
const PUBLIC = [/^\/sign-in(\/|$)/, /^\/sign-up(\/|$)/, /^\/invite\//, /^\/api\/auth\//, /^\/api\/health$/];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in required" }, { status: 401 });
  const url = req.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// The upload route (/api/media, exactly) is left out: for requests the proxy sees, Next buffers a
// copy of the body in memory and cuts it off at 10 MB (proxyClientMaxBodySize), which would break
// video uploads. The route checks the session itself (apiRoute answers 401 without one).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/media$|.*\\.(?:png|svg|ico|jpg|webp)$).*)"],
};
