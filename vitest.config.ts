import { fileURLToPath } from "node:url";
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
  resolve: {
    tsconfigPaths: true,
    // Tests are the server: let modules marked `import "server-only"` load here, as Next's server
    // bundles and the tsx scripts (node --conditions=react-server) do. Browser bundles still refuse them.
    alias: { "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    exclude: ["**/node_modules/**", "tests/peers/**"],
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/offline-dns.ts", "tests/setup/env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Auth.js imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlined, Vite resolves it, so tests can call the real /api/auth handlers in-process.
    server: { deps: { inline: ["next-auth"] } },
  },
});
