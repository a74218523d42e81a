import "server-only";
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { ensureSignInAllowed } from "@/lib/auth/credentials";
import { browserOrigin } from "@/lib/net/origin";
import { RateLimitedError, tooManyRequests } from "@/lib/security/rate-limit";

// Auth.js's own endpoints (/api/auth/*). Auth.js builds its redirects from the request URL, which
// Next parses from the bind address (http://0.0.0.0:PORT with HOST=0.0.0.0): the request is
// re-addressed to the public origin (APP_URL, else the Host the browser used) first.
function atPublicOrigin(req: NextRequest): NextRequest {
  const url = new URL(req.nextUrl.pathname + req.nextUrl.search, browserOrigin(req));
  return new NextRequest(url, req);
}

export async function GET(req: NextRequest): Promise<Response> {
  return handlers.GET(atPublicOrigin(req));
}

// A password posted straight to the credentials callback gets 429 with Retry-After once a limit
// is used up (the check inside authorize() counts the attempt; this one only reads).
export async function POST(req: NextRequest): Promise<Response> {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    try {
      const form = await req
        .clone()
        .formData()
        .catch(() => null);
      await ensureSignInAllowed({ email: form?.get("email") }, req.headers);
    } catch (e) {
      if (e instanceof RateLimitedError) return tooManyRequests(e);
      throw e;
    }
  }
  return handlers.POST(atPublicOrigin(req));
}
