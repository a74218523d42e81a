import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// providers/ is production code only: a platform's tests live in tests/providers/<id>/ and its fake in
// emulator/platforms/<id>/, so nothing under providers/ is test or emulator code (issue 13).
describe("the providers folder", () => {
  it("holds no test, fixture or emulator files", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "providers"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(20);
    const misplaced = files.filter((f) => /\.(test|spec)\.tsx?$|emulator|\.emu-|fixtures|test-helpers/.test(f));
    expect(misplaced).toEqual([]);
  });
});
