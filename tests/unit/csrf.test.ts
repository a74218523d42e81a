import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

// The proxy in front of every API route refuses state-changing requests that a page on another
// origin could forge with the user's cookies (SameSite=Lax still sends them to another port of
// the same host), and bodies that are not JSON (a cross-origin page can send JSON only after a
// CORS preflight, which the app never approves).
const APP = "http://127.0.0.1:3000";
const SESSION = "authjs.session-token=abc";

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(`${APP}${path}`, {
    method: init.method ?? "POST",
    body: init.body,
    headers: { host: "127.0.0.1:3000", cookie: SESSION, ...init.headers },
  });
}
const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";

describe("CSRF on API routes", () => {
  afterEach(() => {
    delete process.env.APP_URL;
  });

  it("refuses a text/plain form posted from another port of the same host", async () => {
    const res = proxy(
      request("/api/posts", { headers: { origin: "http://127.0.0.1:4000", "content-type": "text/plain" }, body: '{"x":"=1"}' }),
    );
    expect(res.status).toBe(403);
    expect(passes(res)).toBe(false);
    expect((await res.json()).error).toContain("http://127.0.0.1:4000");
  });

  it.each(["/api/invites", "/api/organizations", "/api/posts/p1", "/api/channels/c1"])(
    "refuses a cross-origin JSON request to %s",
    (path) => {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const res = proxy(
          request(path, { method, headers: { origin: "http://evil.example", "content-type": "application/json" }, body: "{}" }),
        );
        expect(res.status).toBe(403);
      }
    },
  );

  it("refuses a same-origin request whose body is not JSON", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = proxy(request("/api/posts", { headers: { origin: APP, "content-type": type }, body: "a=b" }));
      expect(res.status).toBe(415);
    }
  });

  it("refuses cross-site fetch metadata when there is no Origin header, and an opaque origin", () => {
    expect(
      proxy(request("/api/posts", { headers: { "sec-fetch-site": "same-site", "content-type": "application/json" }, body: "{}" })).status,
    ).toBe(403);
    expect(proxy(request("/api/posts", { headers: { origin: "null", "content-type": "application/json" }, body: "{}" })).status).toBe(403);
  });

  it("lets the app's own JSON requests through, and bodyless ones such as DELETE", () => {
    expect(
      passes(proxy(request("/api/posts", { headers: { origin: APP, "content-type": "application/json; charset=utf-8" }, body: "{}" }))),
    ).toBe(true);
    expect(passes(proxy(request("/api/posts/p1", { method: "DELETE", headers: { origin: APP, "sec-fetch-site": "same-origin" } })))).toBe(
      true,
    );
    // A script or server with no Origin (no browser, so no ambient cookies) is not a CSRF vector.
    expect(passes(proxy(request("/api/posts", { headers: { "content-type": "application/json" }, body: "{}" })))).toBe(true);
    // Reads are never refused.
    expect(passes(proxy(request("/api/posts", { method: "GET", headers: { origin: "http://evil.example" } })))).toBe(true);
  });

  it("compares with APP_URL when the operator set it", () => {
    process.env.APP_URL = "https://social.example.com";
    const from = (origin: string) => proxy(request("/api/posts", { headers: { origin, "content-type": "application/json" }, body: "{}" }));
    expect(passes(from("https://social.example.com"))).toBe(true);
    expect(from(APP).status).toBe(403);
  });

  it("lets /api/v1 through without a session or an origin check: it authenticates only by API key, never by cookie", () => {
    const noCookie = new NextRequest(`${APP}/api/v1/posts`, {
      method: "POST",
      body: "{}",
      headers: { host: "127.0.0.1:3000", origin: "http://evil.example", "content-type": "application/json", authorization: "Bearer pm_x" },
    });
    expect(passes(proxy(noCookie))).toBe(true);
    expect(passes(proxy(new NextRequest(`${APP}/api/v1/channels`, { headers: { host: "127.0.0.1:3000" } })))).toBe(true);
    // The session API next to it is still guarded.
    expect(
      proxy(request("/api/posts", { headers: { origin: "http://evil.example", "content-type": "application/json" }, body: "{}" })).status,
    ).toBe(403);
    expect(proxy(new NextRequest(`${APP}/api/v1x`, { headers: { host: "127.0.0.1:3000" } })).status).toBe(401);
  });
});

describe("the MCP endpoint and the v1 upload", () => {
  it("lets /api/mcp through without a session or an origin check: the route authenticates its API key", () => {
    const res = proxy(
      new NextRequest(`${APP}/api/mcp`, {
        method: "POST",
        body: "{}",
        headers: { host: "127.0.0.1:3000", origin: "http://assistant.example", "content-type": "application/json" },
      }),
    );
    expect(passes(res)).toBe(true);
    // Only that exact path: a session-less request elsewhere under /api is still refused.
    const other = proxy(new NextRequest(`${APP}/api/mcp-other`, { method: "GET", headers: { host: "127.0.0.1:3000" } }));
    expect(other.status).toBe(401);
  });

  it("leaves the raw-body upload routes out of the proxy's matcher (Next would buffer and cut their bodies)", async () => {
    const { config } = await import("@/proxy");
    const matcher = new RegExp(`^${config.matcher[0]!}$`);
    expect(matcher.test("/api/media")).toBe(false);
    expect(matcher.test("/api/v1/media")).toBe(false);
    expect(matcher.test("/api/v1/media/from-url")).toBe(true);
    expect(matcher.test("/api/mcp")).toBe(true);
  });
});
