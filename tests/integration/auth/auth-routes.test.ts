import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

// Auth.js's own endpoints, as Next hands them a request when it listens on HOST=0.0.0.0: the URL
// it parsed names the bind address, the Host header the address the browser used.
process.env.APP_URL = "";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const atBindAddress = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  new NextRequest(`http://0.0.0.0:3000${path}`, { ...init, headers: { host: "localhost:3000", ...init.headers } });

describe("Auth.js endpoints", () => {
  it("redirect to the origin the browser used, not the bind address", async () => {
    const res = await GET(atBindAddress("/api/auth/signin"));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!, "http://localhost:3000");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("http://localhost:3000");
    expect(res.headers.get("location")).not.toContain("0.0.0.0");
  });

  it("send a sign-in that failed back to the public origin, never to another host", async () => {
    const csrf = await GET(atBindAddress("/api/auth/csrf"));
    const { csrfToken } = await csrf.json();
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const body = new URLSearchParams({
      csrfToken,
      email: "nobody@example.test",
      password: "wrong password!",
      callbackUrl: "/\\evil.example/x",
    });
    const res = await POST(
      atBindAddress("/api/auth/callback/credentials", {
        method: "POST",
        body,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^http:\/\/localhost:3000\//);
    expect(location).not.toContain("evil.example");
  });
});
