import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { ResolvedContext } from "@/lib/orgs/context";

// Next's production server calls a route without dynamic segments (POST /api/posts) with no
// params at all; the wrapper must treat that as none, not fail with a 500.
vi.mock("@/lib/auth/current", () => ({
  ACTIVE_ORG_COOKIE: "postmill-org",
  currentContext: async () => ({ organizationId: "org" }) as unknown as ResolvedContext,
}));
const { apiRoute } = await import("@/lib/api/route");

describe("apiRoute", () => {
  it("answers a static route called without params", async () => {
    const route = apiRoute(async (_req, _ctx, params) => ({ params }));
    const res = await route(new NextRequest("http://localhost/api/posts?view=list"), { params: undefined });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ params: {} });
    const bare = await route(new NextRequest("http://localhost/api/posts"));
    expect(bare.status).toBe(200);
  });

  it("still refuses unsafe path text when params are given", async () => {
    const route = apiRoute(async () => ({ ok: true }));
    const res = await route(new NextRequest("http://localhost/api/posts/x"), { params: Promise.resolve({ id: "a\u0000b" }) });
    expect(res.status).toBe(422);
  });
});
