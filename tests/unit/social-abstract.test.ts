import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError, type HandledError } from "@/providers/core/errors";
import { retryDelayMs } from "@/providers/core/rate-limit";
import { SocialAbstract } from "@/providers/social.abstract";

// A scripted platform: each request takes the next answer from the queue.
type Answer = { status: number; body?: string; headers?: Record<string, string>; hangMs?: number };
let queue: Answer[] = [];
let seen: { method: string; auth?: string }[] = [];
let server: Server;
let base = "";

class TestPlatform extends SocialAbstract {
  identifier = "test";
  name = "TestNet";
  sleeps: number[] = [];
  handleErrors(body: string): HandledError | undefined {
    if (body.includes("duplicate")) return { kind: "bad-body", message: "Duplicate post" };
    if (body.includes("banned")) return { kind: "disconnect", message: "Account suspended" };
    return undefined;
  }
  protected override async sleep(ms: number) {
    this.sleeps.push(ms);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method!, auth: req.headers.authorization });
    const a = queue.shift() ?? { status: 200, body: "{}" };
    setTimeout(() => res.writeHead(a.status, a.headers).end(a.body ?? ""), a.hangMs ?? 0);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const setup = (...answers: Answer[]) => {
  queue = answers;
  seen = [];
  return new TestPlatform();
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: ProviderError) => e,
  );

describe("SocialAbstract.fetch", () => {
  it("retries a 429 after the platform's Retry-After, even for a publish", async () => {
    const p = setup({ status: 429, headers: { "retry-after": "2" }, body: "{}" }, { status: 201, body: '{"id":"1"}' });
    const res = await p.fetchJson<{ id: string }>(`${base}/post`, { method: "POST" });
    expect(res.id).toBe("1");
    expect(p.sleeps).toEqual([2000]);
  });

  it("hands a long Retry-After back to the caller instead of sleeping", async () => {
    const p = setup({ status: 429, headers: { "retry-after": "600" }, body: '{"error":"Too many requests"}' });
    const e = await failure(p.fetch(`${base}/post`, { method: "POST" }));
    expect(e).toMatchObject({ kind: "retry", message: "Too many requests", details: { retryAfterMs: 600_000, mayHavePublished: false } });
  });

  it("does not blindly repeat a publish after a 5xx: it may have gone through", async () => {
    const p = setup({ status: 502, body: "bad gateway" });
    const e = await failure(p.fetch(`${base}/post`, { method: "POST" }));
    expect(e.kind).toBe("retry");
    expect(e.details.mayHavePublished).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("repeats idempotent calls on 5xx with backoff, within a bound", async () => {
    const p = setup({ status: 503 }, { status: 500 }, { status: 200, body: "{}" });
    await p.fetch(`${base}/read`);
    expect(seen).toHaveLength(3);
    const q = setup({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await expect(q.fetch(`${base}/read`)).rejects.toMatchObject({ kind: "retry" });
    expect(seen).toHaveLength(4);
  });

  it("backs off from seconds on a 5xx even when the answer carries the window's reset", async () => {
    const window = {
      "x-ratelimit-limit": "300",
      "x-ratelimit-remaining": "299",
      "x-ratelimit-reset": new Date(Date.now() + 300_000).toISOString(),
    };
    const p = setup({ status: 500, headers: window }, { status: 503, headers: window }, { status: 200, body: "{}" });
    await p.fetch(`${base}/read`);
    expect(seen).toHaveLength(3);
    expect(p.sleeps).toHaveLength(2);
    for (const ms of p.sleeps) expect(ms).toBeLessThan(10_000);
    // A publish is not repeated in-process; the engine gets no platform wait and backs off on its own.
    const q = setup({ status: 500, headers: window });
    const e = await failure(q.fetch(`${base}/post`, { method: "POST" }));
    expect(e.details.retryAfterMs).toBeUndefined();
  });

  it("on an expired token refreshes once and retries with the new token", async () => {
    const p = setup({ status: 401, body: '{"error":"expired"}' }, { status: 201, body: "{}" });
    let refreshes = 0;
    await p.fetch(`${base}/post`, { method: "POST" }, { token: "old", ctx: { refreshAccessToken: async () => (refreshes++, "new") } });
    expect(refreshes).toBe(1);
    expect(seen.map((s) => s.auth)).toEqual(["Bearer old", "Bearer new"]);
  });

  it("a fresh token refused again means the grant is gone", async () => {
    const p = setup({ status: 401, body: "{}" }, { status: 401, body: '{"error":"revoked"}' });
    const e = await failure(p.fetch(`${base}/post`, { method: "POST" }, { token: "old", ctx: { refreshAccessToken: async () => "new" } }));
    expect(e.kind).toBe("disconnect");
  });

  it("without a refresher, reports refresh-token", async () => {
    const p = setup({ status: 401, body: '{"error":"The access token is invalid"}' });
    expect(await failure(p.fetch(`${base}/x`, {}, { token: "t" }))).toMatchObject({
      kind: "refresh-token",
      message: "The access token is invalid",
    });
  });

  it("uses the provider's classification and the platform's own message", async () => {
    expect(await failure(setup({ status: 403, body: "duplicate content" }).fetch(`${base}/p`, { method: "POST" }))).toMatchObject({
      kind: "bad-body",
      message: "Duplicate post",
    });
    expect(await failure(setup({ status: 403, body: "banned" }).fetch(`${base}/p`))).toMatchObject({ kind: "disconnect" });
    expect(await failure(setup({ status: 422, body: '{"detail":"Text too long"}' }).fetch(`${base}/p`))).toMatchObject({
      kind: "bad-body",
      message: "Text too long",
    });
  });

  it("a timed-out publish is reported as possibly published, and not repeated", async () => {
    const p = setup({ status: 201, hangMs: 500 });
    const e = await failure(p.fetch(`${base}/post`, { method: "POST" }, { timeoutMs: 100 }));
    expect(e).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
    expect(e.message).toContain("timed out");
    expect(seen).toHaveLength(1);
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");
  it("reads Retry-After seconds and dates on any answer, and each platform's reset header on a 429", () => {
    expect(retryDelayMs(new Headers({ "retry-after": "30" }), 503, now)).toBe(30_000);
    expect(retryDelayMs(new Headers({ "retry-after": "Tue, 24 Nov 2026 12:01:00 GMT" }), 429, now)).toBe(60_000);
    expect(retryDelayMs(new Headers({ "x-rate-limit-reset": String(now / 1000 + 90) }), 429, now)).toBe(90_000);
    expect(retryDelayMs(new Headers({ "ratelimit-reset": String(now / 1000 + 5) }), 429, now)).toBe(5_000);
    expect(retryDelayMs(new Headers({ "x-ratelimit-reset": "2026-11-24T12:05:00.000Z" }), 429, now)).toBe(300_000);
    expect(retryDelayMs(new Headers(), 429, now)).toBeUndefined();
    // Reddit's X-Ratelimit-Reset counts seconds to the end of the window, not a Unix time.
    expect(retryDelayMs(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "420" }), 200, now)).toBe(420_000);
  });

  it("ignores the window's reset on a server error while requests remain (X and Mastodon send it on every answer)", () => {
    expect(
      retryDelayMs(new Headers({ "x-rate-limit-remaining": "299", "x-rate-limit-reset": String(now / 1000 + 900) }), 500, now),
    ).toBeUndefined();
    expect(
      retryDelayMs(new Headers({ "x-ratelimit-remaining": "299", "x-ratelimit-reset": "2026-11-24T12:05:00.000Z" }), 503, now),
    ).toBeUndefined();
    expect(
      retryDelayMs(new Headers({ "ratelimit-remaining": "4999", "ratelimit-reset": String(now / 1000 + 60) }), 502, now),
    ).toBeUndefined();
  });

  it("waits for the reset when the window is used up, whatever the status", () => {
    expect(retryDelayMs(new Headers({ "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(now / 1000 + 900) }), 503, now)).toBe(
      900_000,
    );
  });
});
