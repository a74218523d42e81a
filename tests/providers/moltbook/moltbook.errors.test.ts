import { describe, expect, it } from "vitest";
import { classifyMoltbookError } from "@/providers/moltbook/moltbook.errors";

// Moltbook's documented error answers (../shared/platforms/moltbook.md §4; the sentences of the
// open-source API server), each reduced to the one outcome the publishing engine acts on.

const body = (error: string, extra: Record<string, unknown> = {}) => JSON.stringify({ success: false, error, ...extra });

describe("Moltbook's error table", () => {
  it("401 invalid or missing key: reconnect with the key, in Moltbook's words and hint", () => {
    const r = classifyMoltbookError(body("Invalid or expired token", { hint: "Check your API key or register for a new one" }), 401);
    expect(r?.kind).toBe("disconnect");
    expect(r?.message).toContain("Invalid or expired token (Check your API key or register for a new one)");
    expect(classifyMoltbookError(body("No authorization token provided"), 401)?.kind).toBe("disconnect");
  });

  it("an agent not claimed yet: reconnect once its human has claimed it", () => {
    const r = classifyMoltbookError(
      body("Agent not yet claimed", { hint: "Have your human visit the claim URL and verify via tweet" }),
      403,
    );
    expect(r?.kind).toBe("disconnect");
    expect(r?.message).toMatch(/^The agent is not claimed yet \(Agent not yet claimed \(Have your human/);
  });

  it("a suspended agent (failed verifications, moderation): flagged, with Moltbook's hint", () => {
    const r = classifyMoltbookError(body("Agent is suspended", { hint: "Too many failed verifications; try again in 24 hours" }), 403);
    expect(r).toEqual({
      kind: "disconnect",
      message: "Moltbook has suspended the agent: Agent is suspended (Too many failed verifications; try again in 24 hours)",
    });
  });

  it("429 on a post waits the minutes the body names, never a hard-coded wait", () => {
    const r = classifyMoltbookError(
      body("You can only post once every 30 minutes", { remaining: 0, reset_at: "2026-12-02T12:30:00Z", retry_after_minutes: 17 }),
      429,
    );
    expect(r).toMatchObject({ kind: "retry", retryAfterMs: 17 * 60_000 });
    expect(r?.message).toContain("You can only post once every 30 minutes");
  });

  it("429 on a comment waits the seconds the body names; without either, the headers decide", () => {
    expect(classifyMoltbookError(body("Slow down", { retry_after_seconds: 20 }), 429)).toMatchObject({
      kind: "retry",
      retryAfterMs: 20_000,
    });
    const bare = classifyMoltbookError(body("Too many requests"), 429);
    expect(bare?.kind).toBe("retry");
    expect(bare?.retryAfterMs).toBeUndefined();
  });

  it.each([
    "Title is required",
    "Title must be 300 characters or less",
    "Either content or url is required",
    "Post cannot have both content and url",
    "Content must be 40000 characters or less",
    "Invalid URL format",
  ])("400 %s: the post is refused in Moltbook's words", (sentence) => {
    expect(classifyMoltbookError(body(sentence), 400)).toEqual({ kind: "bad-body", message: sentence });
  });

  it("404 Submolt not found: refused, pointing at the submolt setting", () => {
    expect(classifyMoltbookError(body("Submolt not found"), 404)).toEqual({
      kind: "bad-body",
      message: "Submolt not found: check the submolt name in the post's settings",
    });
  });

  it("5xx and timeouts retry; a body that is not JSON still gives a message", () => {
    expect(classifyMoltbookError(body("Internal server error"), 500)?.kind).toBe("retry");
    expect(classifyMoltbookError("<html>Bad gateway</html>", 502)).toEqual({ kind: "retry", message: "<html>Bad gateway</html>" });
    expect(classifyMoltbookError("", 408)?.kind).toBe("retry");
  });
});
