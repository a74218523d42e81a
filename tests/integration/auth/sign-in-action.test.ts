import { describe, expect, it, vi } from "vitest";
import { makeOwner } from "../../helpers/factories";

// The sign-in form's server action behind a proxy that forwards the internal Host: with APP_URL
// set, the redirect after sign-in goes to the public origin, and to a path on it only.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "10.0.0.5:3000", "x-forwarded-for": "192.0.2.77" }),
  cookies: async () => ({
    get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n) } : undefined),
    set: (n: string, v: string) => jar.set(n, v),
    delete: (n: string) => jar.delete(n),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { redirectedTo: to });
  },
}));
process.env.APP_URL = "https://social.example.com";
const { signInAction } = await import("@/app/(auth)/actions");

async function signInTo(next: string, email: string): Promise<string> {
  const form = new FormData();
  form.set("email", email);
  form.set("password", "correct horse battery");
  form.set("next", next);
  const thrown = await signInAction({}, form).then(
    () => null,
    (e) => e,
  );
  return thrown?.redirectedTo;
}

describe("sign-in action", () => {
  it("redirects to the public origin after sign-in, and only to a path on it", async () => {
    const owner = await makeOwner("action");
    expect(await signInTo("/compose?x=1", owner.email)).toBe("https://social.example.com/compose?x=1");
    expect(await signInTo("/\\evil.example/x", owner.email)).toBe("https://social.example.com/calendar");
    expect([...jar.keys()]).toContain("__Secure-authjs.session-token");
  });
});
