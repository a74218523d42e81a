import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// lib/ is split into domains (lib/posts, lib/publishing, ...). A domain may depend on another only
// if that one does not, directly or through others, depend back: cycles make the load order
// fragile and mean neither domain can be understood, tested or moved alone. This reads every
// import of lib/**/*.ts with the TypeScript compiler's own pre-parser and checks the domain graph.

const root = path.resolve(__dirname, "../..");
const lib = path.join(root, "lib");

// lib/posts/x.ts -> "posts"; a top-level file such as lib/errors.ts is a domain of its own.
const domainOf = (file: string) => {
  const parts = path.relative(lib, file).split(path.sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.tsx?$/, "");
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

// Where an import lands, if inside lib/: "@/lib/..." and relative specifiers; packages are ignored.
function target(from: string, spec: string): string | null {
  const abs = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  return abs && abs.startsWith(lib + path.sep) ? abs : null;
}

function domainGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>(); // domain -> (domain it imports -> one example "file -> specifier")
  for (const file of sourceFiles(lib)) {
    const from = domainOf(file);
    const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
    for (const imp of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const to = target(file, imp.fileName);
      if (!to) continue;
      const dest = domainOf(to);
      if (dest !== from && !edges.has(dest)) edges.set(dest, `${path.relative(root, file)} imports ${imp.fileName}`);
    }
  }
  return graph;
}

// The first cycle found by depth-first search, as the list of domains walked, or null.
function findCycle(graph: Map<string, Iterable<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe("lib/ domain boundaries", () => {
  it("finds a cycle when there is one, and none in a one-way graph", () => {
    const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
    expect(findCycle(g({ posts: ["composer"], composer: ["media"], media: ["posts"] }))).toEqual(["posts", "composer", "media", "posts"]);
    expect(findCycle(g({ posts: ["composer", "media"], composer: ["media"], media: [] }))).toBeNull();
  });

  it("sees imports by alias and by relative path", () => {
    const graph = domainGraph();
    expect(graph.get("publishing")?.has("db")).toBe(true);
    expect([...graph.keys()]).toEqual(expect.arrayContaining(["posts", "composer", "media", "analytics", "channels"]));
  });

  it("has no import cycle between lib/ domains", () => {
    const graph = domainGraph();
    const cycle = findCycle(new Map([...graph].map(([k, v]) => [k, [...v.keys()]])));
    const why = cycle
      ?.slice(1)
      .map((to, i) => `  ${cycle[i]} -> ${to}: ${graph.get(cycle[i]!)!.get(to)}`)
      .join("\n");
    expect(cycle, `import cycle between lib/ domains:\n${why}`).toBeNull();
  });
});
