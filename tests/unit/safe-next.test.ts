import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/forms";

// The page to return to after sign-in comes from the query string: only paths on this site pass.
describe("safeNext", () => {
  it.each([
    "/\\evil.example/x", // what /sign-in?next=%2F%5Cevil.example%2Fx decodes to: browsers read it as //evil.example/x
    "\\\\evil.example",
    "//evil.example/x",
    "/%2Fevil.example/x",
    "/%5Cevil.example/x",
    "/%252F%252Fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "calendar",
    "",
    "/%E0%A4%A",
  ])("refuses %j", (next) => {
    expect(safeNext(next)).toBe("/calendar");
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeNext("/compose?post=abc&x=%20y#top")).toBe("/compose?post=abc&x=%20y#top");
    expect(safeNext("/analytics/channels/c1")).toBe("/analytics/channels/c1");
    expect(safeNext(undefined, "/settings")).toBe("/settings");
  });
});
