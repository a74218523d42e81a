import { describe, expect, it } from "vitest";
import { classifyTumblrError, msUntilTumblrDay } from "@/providers/tumblr/tumblr.errors";

// Tumblr's documented error bodies (api.md "Response Format" and the NPF creation route's
// "Errors and Error Subcodes") and what each must become.

const body = (status: number, msg: string, errors: { title: string; code?: number; detail?: string }[]) =>
  JSON.stringify({ meta: { status, msg }, response: [], errors });

describe("classifyTumblrError", () => {
  it("401 (1016 Unable to authorize): refresh the token", () => {
    expect(
      classifyTumblrError(body(401, "Unauthorized", [{ title: "Unauthorized", code: 1016, detail: "Unable to authorize" }]), 401),
    ).toMatchObject({
      kind: "refresh-token",
    });
  });

  it("400.8001 invalid NPF: bad-body with Tumblr's title, the documented example", () => {
    const r = classifyTumblrError(body(400, "Bad Request", [{ title: "'content' must be an array'", code: 8001 }]), 400);
    expect(r).toMatchObject({ kind: "bad-body" });
    expect(r!.message).toContain("'content' must be an array'");
  });

  it("400 with a detail names the detail", () => {
    const r = classifyTumblrError(
      body(400, "Bad Request", [{ title: "Bad Request", code: 8001, detail: "content[2].url is required" }]),
      400,
    );
    expect(r!.message).toContain("content[2].url is required");
  });

  it("400.8005 unaccepted media format: bad-body saying so", () => {
    expect(classifyTumblrError(body(400, "Bad Request", [{ title: "Bad Request", code: 8005 }]), 400)!.message).toMatch(/format/);
  });

  it("403.8023 daily posting limit: retry tomorrow, remembered as a wait", () => {
    const r = classifyTumblrError(body(403, "Forbidden", [{ title: "Forbidden", code: 8023 }]), 403);
    expect(r).toMatchObject({ kind: "retry" });
    expect(r!.retryAfterMs).toBeGreaterThan(60_000);
    expect(r!.retryAfterMs).toBeLessThanOrEqual(86_400_000);
  });

  it("403.8004 / 403.8011 daily upload limits: retry tomorrow", () => {
    for (const code of [8004, 8011])
      expect(classifyTumblrError(body(403, "Forbidden", [{ title: "Forbidden", code }]), 403)).toMatchObject({ kind: "retry" });
  });

  it("403.8010 a video still transcoding: retry in minutes", () => {
    expect(classifyTumblrError(body(403, "Forbidden", [{ title: "Forbidden", code: 8010 }]), 403)).toMatchObject({
      kind: "retry",
      retryAfterMs: 300_000,
    });
  });

  it("403.8022 queue full and other 403s: bad-body", () => {
    expect(classifyTumblrError(body(403, "Forbidden", [{ title: "Forbidden", code: 8022 }]), 403)).toMatchObject({ kind: "bad-body" });
    expect(classifyTumblrError(body(403, "Forbidden", [{ title: "Forbidden" }]), 403)).toMatchObject({ kind: "bad-body" });
  });

  it("404 unknown blog: bad-body asking to pick the blog again", () => {
    expect(classifyTumblrError(body(404, "Not Found", [{ title: "Not Found" }]), 404)!.message).toMatch(/pick the blog again/);
  });

  it("429 Limit Exceeded: retry", () => {
    expect(classifyTumblrError(body(429, "Limit Exceeded", [{ title: "Limit Exceeded" }]), 429)).toMatchObject({ kind: "retry" });
  });

  it("500.8006 / 500.8009 upload errors and 503 posting disabled: retry", () => {
    expect(classifyTumblrError(body(500, "Internal Server Error", [{ title: "Error", code: 8006 }]), 500)).toMatchObject({ kind: "retry" });
    expect(classifyTumblrError(body(500, "Internal Server Error", [{ title: "Error", code: 8009 }]), 500)).toMatchObject({ kind: "retry" });
    expect(classifyTumblrError(body(503, "Service Unavailable", []), 503)).toMatchObject({ kind: "retry" });
  });

  it("an HTML page from a proxy still reads as the status rules say", () => {
    expect(classifyTumblrError("<html>oops</html>", 502)).toMatchObject({ kind: "retry" });
  });
});

describe("msUntilTumblrDay", () => {
  it("waits until 05:00 UTC, today's when it is still ahead, else tomorrow's", () => {
    expect(msUntilTumblrDay(Date.UTC(2026, 0, 1, 4, 0))).toBe(3_600_000);
    expect(msUntilTumblrDay(Date.UTC(2026, 0, 1, 6, 0))).toBe(23 * 3_600_000);
  });
});
