import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { proxy } from "@/proxy";

// Every page carries a Content-Security-Policy with a fresh nonce (which Next reads from the
// request's copy of the header and puts on its inline scripts), refuses to be framed, and limits
// the referrer; the browser tests fail on any CSP violation (e2e/fixtures.ts).
const page = (path: string, cookie = "authjs.session-token=abc") =>
  proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: "127.0.0.1:3000", cookie } }));

function policy(res: Response): Map<string, string> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(
    header
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]),
  );
}

describe("security headers", () => {
  it("sets a nonce-based script policy on every page, passed on to Next in the request", () => {
    const a = page("/calendar");
    const b = page("/calendar");
    const script = policy(a).get("script-src")!;
    expect(script).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
    expect(policy(b).get("script-src")).not.toBe(script); // fresh per request
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(a.headers.get("content-security-policy"));
    expect(policy(a).get("frame-ancestors")).toBe("'none'");
    expect(policy(a).get("object-src")).toBe("'none'");
    expect(policy(a).get("base-uri")).toBe("'self'");
  });

  it("puts the policy on redirects, public pages and API answers too", () => {
    expect(page("/calendar", "").status).toBe(307);
    expect(policy(page("/calendar", "")).get("frame-ancestors")).toBe("'none'");
    expect(policy(page("/sign-in", "")).get("script-src")).toContain("'nonce-");
    expect(policy(page("/api/posts", "")).get("default-src")).toBe("'self'");
  });

  it("sends framing, referrer and sniffing rules on every response (next.config headers)", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    expect(Object.fromEntries(all.headers.map((h) => [h.key.toLowerCase(), h.value]))).toMatchObject({
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-content-type-options": "nosniff",
    });
  });

  it("marks the session cookie Secure whenever APP_URL is https, whatever the proxy headers say", () => {
    expect(secureCookies({ APP_URL: "https://social.example.com" })).toBe(true);
    expect(secureCookies({ APP_URL: "http://localhost:3000" })).toBe(false);
    expect(secureCookies({})).toBeUndefined(); // then Auth.js goes by the request's scheme
  });
});
