import { NextResponse, type NextRequest } from "next/server";
import { isAppError } from "@/lib/errors";
import { browserOrigin } from "@/lib/net/origin";
import { checkUrlText } from "@/lib/api/route";
import { storageRefusal } from "@/lib/db/storage-errors";

// Routes the browser navigates to (OAuth connect and callback): outcomes are redirects back to
// the Channels page, with a readable message on failure.
export function channelsRedirect(req: NextRequest, params: Record<string, string>): NextResponse {
  return NextResponse.redirect(`${browserOrigin(req)}/channels?${new URLSearchParams(params)}`, 303);
}

export function browserRoute<P>(handler: (req: NextRequest, params: P) => Promise<Response>) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      // Next hands routes without dynamic segments params that resolve to undefined.
      const params = ((await route?.params) ?? {}) as P;
      checkUrlText(params as Record<string, string>, req.nextUrl.searchParams);
      return await handler(req, params);
    } catch (e) {
      e = storageRefusal(e) ?? e;
      if (isAppError(e)) return channelsRedirect(req, { error: e.message });
      console.error("[connect] unexpected error", e);
      return channelsRedirect(req, { error: "Connecting failed because of an error on our side; please try again" });
    }
  };
}
