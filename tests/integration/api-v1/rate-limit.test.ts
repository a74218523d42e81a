import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listChannels } from "@/app/api/v1/channels/route";
import { resetLimitersForTests } from "@/lib/security/rate-limit";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The per-key limit (RATE_LIMIT_API_KEY, counted in the database): every answer says where the
// key stands; past the limit, 429 with Retry-After; another key has its own count.

let keyA: string;
let keyB: string;

beforeAll(async () => {
  process.env.RATE_LIMIT_API_KEY = "3/60";
  resetLimitersForTests();
  const a = await makeOwner("v1rate");
  [keyA, keyB] = [await makeKey(a, ["read"]), await makeKey(a, ["read"])];
});
afterAll(() => {
  delete process.env.RATE_LIMIT_API_KEY;
  resetLimitersForTests();
});

describe("per-key rate limit", () => {
  it("counts down in RateLimit-* headers, then answers 429 with Retry-After", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await v1Call(listChannels, "/api/v1/channels", { key: keyA });
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Limit")).toBe("3");
      remaining.push(res.headers.get("RateLimit-Remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await v1Call(listChannels, "/api/v1/channels", { key: keyA });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.type).toBe("urn:postmill:problem:rate-limited");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(Number(refused.headers.get("RateLimit-Reset"))).toBe(retryAfter);
    expect((await v1Call(listChannels, "/api/v1/channels", { key: keyB })).status).toBe(200);
  });
});
