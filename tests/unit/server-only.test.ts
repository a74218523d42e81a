import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chainTo, reachable, readModule, repoRoot, sourceFilesUnder } from "@/tests/helpers/import-graph";

// Modules that touch the database, secrets, the network or the file system start with
// `import "server-only"`. Next's browser bundle turns that import into a build error, and its
// server bundles into nothing. Plain Node throws on it unless run with the "react-server"
// condition, which npm's server scripts pass. These checks catch, before a build, the three ways
// a marked module could be loaded where it must not be.

const at = (...p: string[]) => path.join(repoRoot, ...p);
const appFiles = [...sourceFilesUnder(at("app")), ...sourceFilesUnder(at("components")), ...sourceFilesUnder(at("lib"))];
const isMarked = (file: string) => readModule(file).imports.includes("server-only");

function marked(seen: Map<string, string | null>): string[] {
  return [...seen.keys()].filter((f) => f.startsWith(at("lib") + path.sep) && isMarked(f)).map((f) => chainTo(seen, f));
}

describe("server-only modules", () => {
  it("marks the modules that hold secrets and the database", () => {
    for (const f of [
      "lib/db/client.ts",
      "lib/db/pool.ts",
      "lib/crypto/secret-box.ts",
      "lib/config/secrets.ts",
      "lib/auth/auth.ts",
      "lib/publishing/worker.ts",
    ])
      expect(isMarked(at(f)), f).toBe(true);
  });

  it("are not loaded by browser code", () => {
    const clientEntries = appFiles.filter((f) => readModule(f).directive === "use client").concat(at("instrumentation-client.ts"));
    expect(clientEntries.length).toBeGreaterThan(10);
    // A server action imported by a client component is a remote call there, not bundled code.
    const seen = reachable(clientEntries, (f) => readModule(f).directive === "use server");
    expect(marked(seen)).toEqual([]);
  });

  it("are not loaded by files Node runs without the react-server condition", () => {
    const plainNode = [at("next.config.ts"), at("playwright.config.ts"), at("prisma.config.ts"), ...sourceFilesUnder(at("e2e"))];
    expect(marked(reachable(plainNode))).toEqual([]);
  });

  it("load in every npm script that runs our TypeScript", () => {
    const scripts: Record<string, string> = JSON.parse(readFileSync(at("package.json"), "utf8")).scripts;
    // Scripts that run tsx as the program or as node's loader (not a "*.tsx" file pattern).
    const tsx = Object.entries(scripts).filter(([, cmd]) => /(?:^|\s)tsx\s|--import[= ]tsx\b/.test(cmd));
    expect(tsx.length).toBeGreaterThan(5);
    for (const [name, cmd] of tsx) expect(cmd, name).toMatch(/--conditions=react-server\b/);
  });

  it("reports each marked module it reaches with the chain of imports that leads there", () => {
    // The walk itself, on a known chain: channel tokens -> ... -> the database client.
    const seen = reachable([at("lib/channels/tokens.ts")]);
    expect(marked(seen)).toContain("lib/channels/tokens.ts");
    expect(marked(seen).some((c) => c.endsWith("lib/db/client.ts"))).toBe(true);
  });
});
