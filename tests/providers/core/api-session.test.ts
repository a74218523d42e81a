import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiSession } from "@/providers/core/api-session";
import { ProviderError } from "@/providers/core/errors";
import { rateLimitOf } from "@/providers/core/rate-limit";
import { httpClient } from "@/providers/core/transport";
import { SocialAbstract } from "@/providers/social.abstract";

// The API session X and LinkedIn share: the platform's base and headers on every call, one token
// for all the calls of a publish (a refresh by one call is used by the next), the provider's
// handleErrors deciding, and the rate-limit headers of the last answer kept.

class Platform extends SocialAbstract {
  identifier = "demo";
  name = "Demo";
  handleErrors(body: string, status: number) {
    return status === 401 ? { kind: "refresh-token" as const, message: "expired" } : undefined;
  }
}

const dialect = { base: () => "https://api.demo.example", headers: () => ({ "demo-version": "7" }) };

describe("ApiSession", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends the platform's headers and the token to base + path, and parses the JSON answer", async () => {
    const send = vi.spyOn(httpClient, "send").mockResolvedValue(Response.json({ id: "1" }));
    const s = new ApiSession(new Platform(), dialect, "tok-1");
    await expect(s.post("/v1/posts", { text: "hi" }, "create the post")).resolves.toEqual({ id: "1" });
    const [url, init] = send.mock.calls[0]!;
    expect(url).toBe("https://api.demo.example/v1/posts");
    expect(init.headers.get("demo-version")).toBe("7");
    expect(init.headers.get("authorization")).toBe("Bearer tok-1");
    expect(init.headers.get("content-type")).toBe("application/json");
    expect(init.body).toBe('{"text":"hi"}');
  });

  it("refreshes once on the provider's refresh-token verdict, and later calls use the new token", async () => {
    const send = vi
      .spyOn(httpClient, "send")
      .mockResolvedValueOnce(new Response("{}", { status: 401 }))
      .mockImplementation(async () => Response.json({ ok: true }));
    const refresh = vi.fn().mockResolvedValue("tok-2");
    const s = new ApiSession(new Platform(), dialect, "tok-1", { refreshAccessToken: refresh });
    await s.get("/v1/me", "read the account");
    await s.get("/v1/me", "read the account again");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(send.mock.calls.map(([, init]) => init.headers.get("authorization"))).toEqual(["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]);
    expect(s.accessToken).toBe("tok-2");
  });

  it("keeps the rate-limit window of the last answer that carried one", async () => {
    vi.spyOn(httpClient, "send")
      .mockResolvedValueOnce(
        Response.json(
          {},
          { headers: { "x-rate-limit-limit": "300", "x-rate-limit-remaining": "299", "x-rate-limit-reset": "1767225600" } },
        ),
      )
      .mockResolvedValueOnce(Response.json({}));
    const s = new ApiSession(new Platform(), dialect, "tok");
    await s.get("/a", "a");
    await s.get("/b", "b");
    expect(s.rateLimit).toEqual({ limit: 300, remaining: 299, resetAt: new Date(1767225600_000) });
  });

  it("a non-JSON answer is a ProviderError naming the action", async () => {
    vi.spyOn(httpClient, "send").mockResolvedValue(new Response("<html>oops</html>"));
    const err = await new ApiSession(new Platform(), dialect, "tok").get("/a", "read the feed").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toContain("while trying to read the feed");
  });

  it("rateLimitOf reads ISO resets (Mastodon) and answers undefined without headers", () => {
    expect(rateLimitOf(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-12-02T12:00:00.000Z" }))).toEqual({
      limit: undefined,
      remaining: 0,
      resetAt: new Date("2026-12-02T12:00:00.000Z"),
    });
    expect(rateLimitOf(new Headers())).toBeUndefined();
  });
});
