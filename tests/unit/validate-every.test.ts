import { describe, expect, it } from "vitest";
import { allProviders } from "@/providers/registry";

// A platform that declares a scheduled token check (manifest auth.validateEvery) must have the
// check itself: the periodic job (lib/channels/validate.ts) would otherwise skip it without a word.

describe("auth.validateEvery", () => {
  for (const p of allProviders()) {
    const auth = p.manifest.auth;
    const every = auth.kind === "oauth2" ? auth.validateEvery : undefined;
    if (every === undefined) continue;
    it(`${p.identifier}: validates every ${every} s with validateToken()`, () => {
      expect(Number.isInteger(every) && every >= 60, `${p.identifier}: validateEvery is in seconds, at least 60`).toBe(true);
      expect(typeof p.validateToken, `${p.identifier}: declares validateEvery but has no validateToken()`).toBe("function");
    });
  }
});
