import { describe, expect, it } from "vitest";
import { allScopes, anyScope, bearerGrant, isAnswer, type Refusals } from "@/emulator/kit/access";
import { envelope, withHeaders } from "@/emulator/kit/envelope";
import { faultAnswer, inOpenWindow, rateLimitFault } from "@/emulator/kit/faults";
import { limitHeaders, slidingWindow, withRateLimits } from "@/emulator/kit/rate-limit";
import { recorded } from "@/emulator/kit/recording";
import { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type PlatformEmulator } from "@/emulator/types";

// The shared kit every platform emulator answers through.

const said = (word: string) => () => json(499, { word });
const refusals: Refusals = {
  missing: said("missing"),
  invalid: said("invalid"),
  expired: said("expired"),
  revoked: said("revoked"),
  noUser: said("no-user"),
  scope: said("scope"),
};
const word = (v: unknown) => (isAnswer(v as object) ? (v as { body: { word: string } }).body.word : "grant");
const request = (token?: string) => ({ bearer: () => token }) as EmuRequest;

describe("bearerGrant", () => {
  it("gives each reason a token does not do its own answer, and the grant when it does", () => {
    const state = new EmulatorState();
    const user = state.issueTokens("p", "acc", "client", ["read", "write"], true);
    const app = state.issueTokens("p", "", "client", ["read"], false);
    const other = state.issueTokens("q", "acc", "client", ["read"], false);
    expect(word(bearerGrant(state, "p", undefined, refusals))).toBe("missing");
    expect(word(bearerGrant(state, "p", "nope", refusals))).toBe("invalid");
    expect(word(bearerGrant(state, "p", other.accessToken, refusals))).toBe("invalid");
    expect(word(bearerGrant(state, "p", app.accessToken, refusals))).toBe("no-user");
    expect(word(bearerGrant(state, "p", user.accessToken, refusals, allScopes(["read", "admin"])))).toBe("scope");
    expect(word(bearerGrant(state, "p", user.accessToken, refusals, allScopes(["read", "write"])))).toBe("grant");
    expect(word(bearerGrant(state, "p", user.accessToken, refusals, anyScope(["write:statuses"])))).toBe("grant");
    state.grants.get(user.grantId)!.revoked = true;
    expect(word(bearerGrant(state, "p", user.accessToken, refusals))).toBe("revoked");
    expect(word(bearerGrant(state, "p", user.accessToken, { ...refusals, revoked: undefined }))).toBe("invalid");
    state.expireTokens("q");
    expect(word(bearerGrant(state, "q", other.accessToken, refusals))).toBe("expired");
  });
});

describe("envelope and rate-limit headers", () => {
  it("builds the platform's error body and adds headers", () => {
    const error = envelope((status, text: string) => ({ error: text, status }));
    expect(withHeaders(error(422, "bad"), { "retry-after": "5" })).toEqual({
      status: 422,
      body: { error: "bad", status: 422 },
      headers: { "retry-after": "5" },
    });
  });

  it("writes each dialect's headers, epoch-second resets rounded up", () => {
    const w = { limit: 300, remaining: 7, resetAt: 1_800_000_000_500, windowSeconds: 300 };
    expect(limitHeaders("x-rate-limit", w)).toEqual({
      "x-rate-limit-limit": "300",
      "x-rate-limit-remaining": "7",
      "x-rate-limit-reset": "1800000001",
    });
    expect(limitHeaders("x-ratelimit", w)).toEqual({
      "x-ratelimit-limit": "300",
      "x-ratelimit-remaining": "7",
      "x-ratelimit-reset": "2027-01-15T08:00:00.500Z",
    });
    expect(limitHeaders("ratelimit", w)).toEqual({
      "ratelimit-limit": "300",
      "ratelimit-remaining": "7",
      "ratelimit-reset": "1800000001",
      "ratelimit-policy": "300;w=300",
    });
  });

  it("limits per user in fixed windows, and counts logins in a sliding one", async () => {
    const state = new EmulatorState();
    const t = state.issueTokens("p", "acc", "client", [], false);
    const route = withRateLimits(
      state,
      { method: "GET", path: "/", name: "x", handle: () => json(200, {}) },
      { platform: "p", limit: 2, windowSeconds: 60, dialect: "x-rate-limit", refuse: said("slow down") },
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await route.handle(request(t.accessToken), {})).status);
    expect(statuses).toEqual([200, 200, 499]);
    state.rateLimits = false;
    expect((await route.handle(request(t.accessToken), {})).status).toBe(200);
    expect(slidingWindow([1000, 2000], 2, 10, 5000).resetAt).toBe(11_000);
    expect(slidingWindow([1000, 2000], 2, 10, 11_500)).toEqual({ kept: [2000, 11_500] });
  });
});

describe("faults", () => {
  const platform = {
    id: "p",
    name: "P",
    routes: () => [],
    faults: {
      "rate-limit": rateLimitFault("x-ratelimit", 300, said("limited")),
      "server-error": () => inOpenWindow(json(503, {}), "x-ratelimit", 300, 300),
    },
  } satisfies PlatformEmulator;

  it("answers a queued fault once, and runs the work of a processed timeout", async () => {
    const state = new EmulatorState();
    let runs = 0;
    const run = () => (runs++, json(200, {}));
    state.faults.push({ platform: "p", route: "post", kind: "rate-limit", times: 1, retryAfterSeconds: 60 });
    const limited = await faultAnswer(state, platform, "post", run);
    expect(limited?.status).toBe(499);
    expect(Date.parse(limited!.headers!["x-ratelimit-reset"]!)).toBeGreaterThan(Date.now() + 59_000);
    expect(await faultAnswer(state, platform, "post", run)).toBeUndefined();
    state.faults.push({ platform: "p", route: "*", kind: "timeout", times: 1, retryAfterSeconds: 1, delayMs: 5, processed: true });
    expect(await faultAnswer(state, platform, "post", run)).toMatchObject({ status: 504, hangMs: 5 });
    expect(runs).toBe(1);
    state.faults.push({ platform: "p", route: "post", kind: "duplicate", times: 1, retryAfterSeconds: 1 });
    expect(await faultAnswer(state, platform, "post", run)).toBeUndefined();
  });
});

it("records and finds a platform's posts apart from the others'", () => {
  const state = new EmulatorState();
  const posts = recorded(state, "p");
  const first = posts.record({ accountId: "a", text: "one", media: [] });
  posts.record({ accountId: "a", text: "two", media: [], replyTo: first.id });
  recorded(state, "q").record({ id: first.id + "q", accountId: "a", text: "other", media: [] });
  expect(posts.find(first.id)?.text).toBe("one");
  expect(posts.byAccount("a").map((p) => p.text)).toEqual(["one", "two"]);
  expect(posts.repliesTo(first.id).map((p) => p.text)).toEqual(["two"]);
  expect(recorded(state, "q").byAccount("a")).toHaveLength(1);
});
