import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeOwner } from "../../helpers/factories";

// The sign-up and invitation forms are server actions: their limits count per address (the
// request's X-Forwarded-For, as Next sets it) and the form shows how long to wait.
const request = vi.hoisted(() => ({ ip: "198.51.100.1", userId: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": request.ip }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { redirectedTo: to });
  },
}));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (request.userId ? { user: { id: request.userId } } : null),
  signIn: async () => {},
  signOut: async () => {},
}));
process.env.RATE_LIMIT_SIGNUP_IP = "3/3600";
process.env.RATE_LIMIT_INVITE_IP = "3/900";
const { signUpAction } = await import("@/app/(auth)/actions");
const { acceptInviteAction } = await import("@/app/invite/[token]/actions");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeEach(() => {
  request.ip = `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
});

describe("form rate limits", () => {
  it("sign-up: the fourth attempt from one address within the hour is refused with the wait", async () => {
    for (let i = 0; i < 3; i++) {
      const state = await signUpAction({}, form({ name: "A", email: "not-an-email", password: "short" }));
      expect(state.fields?.email).toBeDefined();
    }
    const refused = await signUpAction({}, form({ name: "A", email: "not-an-email", password: "short" }));
    expect(refused.error).toMatch(/^Too many accounts created from your network; try again in \d+ minutes$/);
    expect(refused.values?.name).toBe("A");
  });

  it("invitations: failed acceptances from one address are limited (unknown, used or expired links)", async () => {
    const owner = await makeOwner("invite-limit");
    request.userId = owner.userId;
    for (let i = 0; i < 3; i++) expect((await acceptInviteAction(`guess-${i}`)).fields?.invite).toBeDefined();
    const refused = await acceptInviteAction("guess-4");
    expect(refused.error).toMatch(/^Too many invitation attempts from your network; try again in \d+ minutes$/);
  });
});
