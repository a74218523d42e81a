import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ghostEmulator from "@/emulator/platforms/ghost";
import { adminKeyFor } from "@/emulator/platforms/ghost/keys";
import type { Emulator } from "@/emulator/server";
import { useEmulator } from "@/tests/helpers/emulator";

// The emulator's token check, written from Ghost's documentation, refuses what Ghost refuses, so
// the conformance suite's passes mean something. Tokens here are made by hand, not by the provider.

let emu: Emulator;
const [id, secret] = adminKeyFor("checks").split(":") as [string, string];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function token(claims: Record<string, unknown>, o: { kid?: string; key?: Buffer | string; alg?: string } = {}) {
  const input = `${b64({ alg: o.alg ?? "HS256", typ: "JWT", ...(o.kid === "" ? {} : { kid: o.kid ?? id }) })}.${b64(claims)}`;
  return `${input}.${createHmac("sha256", o.key ?? Buffer.from(secret, "hex"))
    .update(input)
    .digest("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);
const good = () => ({ iat: now(), exp: now() + 300, aud: "/admin/" });
async function call(auth?: string) {
  const res = await fetch(`${emu.url}/ghost/checks/ghost/api/admin/posts/?limit=1`, { headers: auth ? { authorization: auth } : {} });
  const body = (await res.json()) as { errors?: { message: string; type: string; code: string | null }[] };
  return { status: res.status, error: body.errors?.[0] };
}

beforeAll(async () => {
  emu = await useEmulator([ghostEmulator]);
});
afterAll(() => emu.stop());

describe("the Ghost emulator's Admin API token check", () => {
  it("accepts a documented token", async () => {
    expect((await call(`Ghost ${token(good())}`)).status).toBe(200);
  });

  it.each([
    ["no Authorization header", undefined, 401, "UnauthorizedError", null, "Authorization failed"],
    [
      "a Bearer token",
      `Bearer ${"x"}`,
      401,
      "UnauthorizedError",
      "INVALID_AUTH_HEADER",
      'Authorization header format is "Authorization: Ghost [token]"',
    ],
    ["garbage", "Ghost not-a-jwt", 400, "BadRequestError", "INVALID_JWT", "Invalid token"],
    ["no kid", `Ghost ${token(good(), { kid: "" })}`, 400, "BadRequestError", "MISSING_ADMIN_API_KID", "Admin API kid missing."],
    [
      "another site's key",
      `Ghost ${token(good(), { kid: adminKeyFor("other").split(":")[0] })}`,
      401,
      "UnauthorizedError",
      "UNKNOWN_ADMIN_API_KEY",
      "Unknown Admin API Key",
    ],
    [
      "the secret's hex text as the key",
      `Ghost ${token(good(), { key: secret })}`,
      401,
      "UnauthorizedError",
      "INVALID_JWT",
      "Invalid token: invalid signature",
    ],
    [
      "another audience",
      `Ghost ${token({ ...good(), aud: "/content/" })}`,
      401,
      "UnauthorizedError",
      "INVALID_JWT",
      "Invalid token: jwt audience invalid. expected: /^\\/?admin\\/?$/",
    ],
    [
      "an expired token",
      `Ghost ${token({ iat: now() - 400, exp: now() - 100, aud: "/admin/" })}`,
      401,
      "UnauthorizedError",
      "INVALID_JWT",
      "Invalid token: jwt expired",
    ],
    [
      "a token older than 5 minutes",
      `Ghost ${token({ iat: now() - 600, exp: now() + 300, aud: "/admin/" })}`,
      401,
      "UnauthorizedError",
      "INVALID_JWT",
      "Invalid token: maxAge exceeded",
    ],
  ])("refuses %s", async (_what, auth, status, type, code, message) => {
    expect(await call(auth)).toEqual({ status, error: expect.objectContaining({ type, code, message }) });
  });

  it("ignores html without ?source=html, as Ghost does", async () => {
    const res = await fetch(`${emu.url}/ghost/checks/ghost/api/admin/posts/`, {
      method: "POST",
      headers: { authorization: `Ghost ${token(good())}`, "content-type": "application/json" },
      body: JSON.stringify({ posts: [{ title: "No source", html: "<p>Lost</p>" }] }),
    });
    expect(res.status).toBe(201);
    expect(emu.state.posts.at(-1)).toMatchObject({ text: "", extra: { html: "", status: "draft" } });
  });
});
