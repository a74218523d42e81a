import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled: native-ish or large runtime code.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` and CI run `tsc --noEmit` over the whole project (tests and scripts included); the
  // build repeating it for the app alone cost a third of a first `npm start` on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // Framing, referrer and sniffing rules on every response, including those the proxy does not see
  // (static files, the upload route); the Content-Security-Policy with its nonce comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
