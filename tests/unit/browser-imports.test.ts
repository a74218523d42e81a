import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The browser loads manifests and descriptors, never provider classes or server modules. This
// follows the value imports (not `import type`) of every client entry point and fails on any
// path into server code, naming the chain that leads there.

const ROOT = resolve(".");

/** Modules the browser must never load. */
const FORBIDDEN: [RegExp, string][] = [
  [/^providers\/registry\.ts$/, "the provider registry"],
  [/^providers\/.*\.provider\.ts$/, "a provider class"],
  [/^providers\/social\.abstract\.ts$/, "the provider base class"],
  [/^providers\/core\/(manifest-runtime|manifest-provider|oauth2-provider|hosts|transport)\.ts$/, "server-side provider code"],
  [/^lib\/(db|generated|net|crypto|queue|publishing)\//, "a server module"],
  [/^(node:|server-only$|@prisma\/|pg$|pg-boss$)/, "a server package"],
];

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = resolve(dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Value imports and re-exports of a module (type-only ones erase at build). */
function valueImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)"/gms)) {
    if (m[2]) continue;
    // `import { type A, type B }` is type-only too.
    const names = m[3]!.match(/^\{([^}]*)\}$/s)?.[1];
    if (names && names.split(",").every((n) => !n.trim() || n.trim().startsWith("type "))) continue;
    out.push(m[4]!);
  }
  for (const m of src.matchAll(/^\s*import\s+"([^"]+)"/gm)) out.push(m[1]!);
  return out;
}

/** The first forbidden module reachable from `entry`, with the chain to it. */
function firstForbidden(entry: string): string | null {
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: entry, chain: [relative(ROOT, entry)] }];
  while (stack.length) {
    const { file, chain } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of valueImports(file)) {
      const target = resolveImport(file, spec);
      const name = target ? relative(ROOT, target) : spec;
      const hit = FORBIDDEN.find(([re]) => re.test(name));
      if (hit) return `${[...chain, name].join(" -> ")} (${hit[1]})`;
      // A "use server" module reaches the browser as references to server actions, not as code.
      if (target && !/^\s*["']use server["']/.test(readFileSync(target, "utf8"))) stack.push({ file: target, chain: [...chain, name] });
    }
  }
  return null;
}

function clientComponents(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return clientComponents(p);
    if (!/\.tsx?$/.test(e.name) || /\.test\./.test(e.name)) return [];
    return /^\s*["']use client["']/.test(readFileSync(p, "utf8")) ? [p] : [];
  });
}

describe("what the browser loads", () => {
  it("finds the client components to check", () => {
    expect(clientComponents(join(ROOT, "components")).length).toBeGreaterThan(10);
  });

  it.each(["providers/manifests.ts", "lib/composer/rules-text.ts"])("%s reaches no server code", (entry) => {
    expect(firstForbidden(join(ROOT, entry))).toBeNull();
  });

  it("no client component reaches a provider class, the registry or a server module", () => {
    const found = [...clientComponents(join(ROOT, "components")), ...clientComponents(join(ROOT, "app"))]
      .map(firstForbidden)
      .filter(Boolean);
    expect(found).toEqual([]);
  });

  it("notices a forbidden import (the check can fail)", () => {
    expect(firstForbidden(join(ROOT, "app/api/integrations/route.ts"))).toMatch(/providers\/registry\.ts/);
  });
});
