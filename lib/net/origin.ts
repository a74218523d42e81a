import { appUrl, publicBaseUrl } from "@/lib/config/settings";

/**
 * The origin the browser used: APP_URL when set, else the Host (or a proxy's X-Forwarded-*)
 * header. Not the URL Next parsed: with HOST=0.0.0.0 that reads "http://0.0.0.0:3000", which
 * would send OAuth callbacks, redirects and invite links to an address the browser never used.
 */
export function originFromHeaders(headers: Headers, fallbackProto = "http"): string {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallbackProto;
  return host ? publicBaseUrl(`${proto}://${host}`) : appUrl();
}

export function browserOrigin(req: { headers: Headers; nextUrl: { protocol: string } }): string {
  return originFromHeaders(req.headers, req.nextUrl.protocol.replace(/:$/, ""));
}
