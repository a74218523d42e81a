import { describe, expect, it } from "vitest";
import { retryInfo, retryText } from "@/lib/posts/retry";
import { derivePostStatus, shownTargetStatus } from "@/lib/posts/status";
import { readableRetryReason } from "@/lib/publishing/retry-reason";
import { ProviderError } from "@/providers/core/errors";

describe("a post's status, derived from its channels", () => {
  it.each([
    [[], "draft"],
    [["draft", "draft"], "draft"],
    [["scheduled", "scheduled"], "scheduled"],
    [["scheduled", "publishing"], "publishing"],
    [["published", "published"], "published"],
    [["published", "failed", "published"], "partial"],
    [["published", "scheduled"], "partial"],
    [["failed", "failed"], "failed"],
    [["published", "unconfirmed"], "unconfirmed"],
    [["cancelled", "cancelled"], "cancelled"],
    [["published", "cancelled"], "published"],
    [["failed", "cancelled"], "failed"],
    // A channel waiting for another attempt is on its way, not "partial".
    [["published", "retrying"], "retrying"],
    [["retrying", "scheduled"], "retrying"],
    [["retrying", "publishing"], "publishing"],
  ] as const)("%j -> %s", (statuses, expected) => {
    expect(derivePostStatus([...statuses])).toBe(expected);
  });
});

describe("a retrying target", () => {
  const target = {
    status: "scheduled" as const,
    errorKind: "retry",
    errorMessage: "Mastodon is limiting how often this account may post right now (too many requests)",
    dueAt: new Date("2026-12-02T05:55:14.249Z"),
    attempts: 1,
  };

  it("is shown as retrying, and a plain scheduled one is not", () => {
    expect(shownTargetStatus(target)).toBe("retrying");
    expect(shownTargetStatus({ status: "scheduled", errorKind: null })).toBe("scheduled");
    expect(shownTargetStatus({ status: "failed", errorKind: "retry" })).toBe("failed");
  });

  it("says when in the user's zone, which attempt and why, without the raw UTC time", () => {
    const info = retryInfo(target, 5)!;
    expect(info).toEqual({ at: "2026-12-02T05:55:14.249Z", attempt: 2, maxAttempts: 5, reason: target.errorMessage });
    const text = retryText(info, "America/New_York");
    expect(text).toBe(
      "Retrying at Dec 2, 2026, 12:55 AM EST (attempt 2 of 5): Mastodon is limiting how often this account may post right now (too many requests)",
    );
    expect(retryText(info, "Europe/Berlin")).toContain("6:55 AM GMT+1");
    expect(text).not.toContain("Z");
  });

  it("reads a message stored the old way (time and attempt inside it)", () => {
    const old = { ...target, errorMessage: "Retrying at 2026-12-02T05:55:14.249Z (attempt 2 of 5): Too many requests" };
    expect(retryInfo(old, 5)!.reason).toBe("Too many requests");
  });

  it("turns the platform's status into a reason in words instead of its raw body", () => {
    expect(readableRetryReason("Mastodon", new ProviderError("retry", "Too many requests", { status: 429 }))).toBe(
      "Mastodon is limiting how often this account may post right now (too many requests)",
    );
    expect(readableRetryReason("X", new ProviderError("retry", "<html>502 Bad Gateway</html>", { status: 502 }))).toBe(
      "X had a temporary problem on its side (HTTP 502)",
    );
    expect(readableRetryReason("X", new ProviderError("retry", "X did not answer (timed out) while trying to create the post"))).toBe(
      "X did not answer (timed out) while trying to create the post",
    );
  });
});
