import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeOwner } from "../../helpers/factories";

// Behind a TLS-terminating proxy that sends no X-Forwarded-Proto, requests reach the app as plain
// http: with APP_URL on https the session cookie must still be Secure.
process.env.APP_URL = "https://social.example.com";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const plainHttp = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  new NextRequest(`http://10.0.0.5:3000${path}`, { ...init, headers: { host: "10.0.0.5:3000", ...init.headers } });

describe("session cookie", () => {
  it("is Secure when APP_URL is https, whatever scheme the request arrived with", async () => {
    const owner = await makeOwner("secure-cookie");
    const csrf = await GET(plainHttp("/api/auth/csrf"));
    const { csrfToken } = await csrf.json();
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const body = new URLSearchParams({ csrfToken, email: owner.email, password: "correct horse battery", callbackUrl: "/calendar" });
    const res = await POST(
      plainHttp("/api/auth/callback/credentials", {
        method: "POST",
        body,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(res.headers.get("location")).toBe("https://social.example.com/calendar");
    const session = res.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/HttpOnly/i);
  });
});
