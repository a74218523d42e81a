import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeOwner, uniqueEmail } from "../../helpers/factories";

// Password guessing: every check is a 32 MiB scrypt, so attempts are counted (per account and per
// address, in the database) before the hash runs, and refused with 429 once a limit is used up.
const scrypts = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return { ...real, verifyPassword: (password: string, hash: string) => (scrypts.count++, real.verifyPassword(password, hash)) };
});
// A smaller per-address limit than the default 30, so the test needs fewer (slow) scrypts.
process.env.RATE_LIMIT_SIGNIN_IP = "8/900";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const randomIp = () => `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
const from = (ip: string, path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
  new NextRequest(`http://localhost:3000${path}`, { ...init, headers: { host: "localhost:3000", "x-forwarded-for": ip, ...init.headers } });

async function attempt(ip: string, email: string, password: string): Promise<Response> {
  const csrf = await GET(from(ip, "/api/auth/csrf"));
  const { csrfToken } = await csrf.json();
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/calendar" });
  return POST(
    from(ip, "/api/auth/callback/credentials", {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    }),
  );
}
const signedIn = (res: Response) => res.headers.getSetCookie().some((c) => /authjs\.session-token=/.test(c));

afterEach(() => {
  scrypts.count = 0;
});

describe("sign-in rate limits", () => {
  it("processes at most 10 of 20 parallel wrong passwords for one account, then answers 429 with Retry-After", async () => {
    const owner = await makeOwner("guess");
    const ip = randomIp();
    await Promise.all(Array.from({ length: 20 }, () => attempt(ip, owner.email, "wrong password 123")));
    expect(scrypts.count).toBeLessThanOrEqual(10);
    const refused = await attempt(randomIp(), owner.email, "correct horse battery"); // even from elsewhere, even right
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await refused.json()).error).toMatch(/Too many sign-in attempts for this account; try again in \d+ minutes/);
    expect(signedIn(refused)).toBe(false);
  });

  it("limits one address across many accounts, and refunds successful sign-ins", async () => {
    const owner = await makeOwner("refund");
    const ip = randomIp();
    for (let i = 0; i < 12; i++) expect(signedIn(await attempt(ip, owner.email, "correct horse battery"))).toBe(true);
    for (let i = 0; i < 8; i++) await attempt(ip, uniqueEmail("spray"), "wrong password 123");
    const refused = await attempt(ip, owner.email, "correct horse battery");
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(/from your network/);
    expect(signedIn(await attempt(randomIp(), owner.email, "correct horse battery"))).toBe(true);
  });

  it("spends the same scrypt on an unknown address as on a known one", async () => {
    const owner = await makeOwner("timing");
    await attempt(randomIp(), owner.email, "wrong password 123");
    expect(scrypts.count).toBe(1);
    await attempt(randomIp(), uniqueEmail("nobody"), "wrong password 123");
    expect(scrypts.count).toBe(2);
  });
});
