import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { nextDelayMs, retryAfterMs } from "@/lib/webhooks/backoff";
import { webhookBody } from "@/lib/webhooks/events";
import { generateWebhookSecret, signWebhook, webhookHeaders } from "@/lib/webhooks/signature";

// Our signing against the independent `standardwebhooks` package, and the retry schedule.
describe("webhook signing", () => {
  it("produces signatures the standardwebhooks package accepts, and only for the exact bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = webhookBody({ type: "post.created", occurredAt: new Date("2026-12-02T10:00:00Z"), data: { postId: "p1", text: "é ✓" } });
    const headers = webhookHeaders(secret, "msg_1", body);
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: "post.created", timestamp: "2026-12-02T10:00:00.000Z" });
    expect(() => new Webhook(secret).verify(body.replace("p1", "p2"), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow();
  });

  it("matches the specification's published example", () => {
    // From the Standard Webhooks specification's example (secret, id, timestamp, body, signature).
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("webhook retry schedule", () => {
  const delays = [5_000, 300_000, 1_800_000];
  it("waits each delay ±20 % and stops after the last", () => {
    expect(nextDelayMs(1, delays, { maxRetryAfterMs: 0, random: () => 0 })).toBe(4_000);
    expect(nextDelayMs(2, delays, { maxRetryAfterMs: 0, random: () => 1 })).toBe(360_000);
    expect(nextDelayMs(4, delays, { maxRetryAfterMs: 0 })).toBeUndefined();
  });
  it("honours a longer Retry-After on 429 and 503 within the limit", () => {
    const opts = { maxRetryAfterMs: 3_600_000, random: () => 0.5 };
    expect(nextDelayMs(1, delays, { ...opts, status: 429, retryAfter: 60_000 })).toBe(60_000);
    expect(nextDelayMs(1, delays, { ...opts, status: 503, retryAfter: 1_000 })).toBe(5_000);
    expect(nextDelayMs(1, delays, { ...opts, status: 500, retryAfter: 60_000 })).toBe(5_000);
    expect(nextDelayMs(1, delays, { ...opts, status: 429, retryAfter: 7_200_000 })).toBe(5_000);
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});
