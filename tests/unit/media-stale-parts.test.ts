import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeStaleParts } from "@/lib/media/stale-parts";

const dir = mkdtempSync(path.join(tmpdir(), "postmill-parts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("removeStaleParts", () => {
  it("removes day-old partial uploads only, at most once an hour per folder", async () => {
    const old = path.join(dir, ".upload-old.part");
    const fresh = path.join(dir, ".upload-fresh.part");
    const kept = path.join(dir, "abc.png");
    for (const f of [old, fresh, kept]) writeFileSync(f, "x");
    const twoDaysAgo = (Date.now() - 2 * 86_400_000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(kept, twoDaysAgo, twoDaysAgo);
    expect(await removeStaleParts(dir)).toBe(1);
    expect([existsSync(old), existsSync(fresh), existsSync(kept)]).toEqual([false, true, true]);
    writeFileSync(old, "x");
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(await removeStaleParts(dir)).toBe(0); // swept a moment ago
  });
});
