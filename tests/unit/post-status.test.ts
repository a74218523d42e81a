import { describe, expect, it } from "vitest";
import { derivePostStatus } from "@/lib/posts/status";

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
  ] as const)("%j -> %s", (statuses, expected) => {
    expect(derivePostStatus([...statuses])).toBe(expected);
  });
});
