import { defineConfig } from "vitest/config";

process.env.TZ = "UTC";

// Vitest 5's failure report calls Map.groupBy, which Node 20 lacks (it arrived in Node 21).
if (!("groupBy" in Map)) {
  Object.defineProperty(Map, "groupBy", {
    value<T, K>(items: Iterable<T>, key: (item: T, i: number) => K): Map<K, T[]> {
      const out = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        out.set(k, [...(out.get(k) ?? []), item]);
      }
      return out;
    },
  });
}

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts", "providers/**/*.test.ts"],
    exclude: ["**/node_modules/**", "tests/peers/**"],
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // bundled through Vite the import resolves (so Auth.js's route handlers can be tested).
    server: { deps: { inline: ["next-auth"] } },
  },
});
