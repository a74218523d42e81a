import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The project's own import graph as the bundlers see it at run time: type-only imports are
// erased, so they are left out; "@/..." and relative specifiers are resolved to files, packages
// are kept as bare names.

export const repoRoot = path.resolve(__dirname, "../..");

export function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ["node_modules", "generated", ".next"].includes(e.name) ? [] : sourceFilesUnder(full);
    return /\.(tsx?|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const parsed = new Map<string, { directive: string | null; imports: string[] }>();

/** The file's "use client"/"use server" directive and the specifiers it imports as values. */
export function readModule(file: string): { directive: string | null; imports: string[] } {
  const hit = parsed.get(file);
  if (hit) return hit;
  const sf = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const first = sf.statements[0];
  const directive = first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
  const imports: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        c &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) imports.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      imports.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      imports.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const out = { directive, imports };
  parsed.set(file, out);
  return out;
}

/** The file an "@/..." or relative specifier names, or null for a package (or a missing file). */
export function resolveLocal(from: string, spec: string): string | null {
  const abs = spec.startsWith("@/")
    ? path.join(repoRoot, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!abs) return null;
  for (const c of [abs, `${abs}.ts`, `${abs}.tsx`, `${abs}.mjs`, path.join(abs, "index.ts")])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/**
 * Every file reachable from the entries, each with the file that first led to it. `stop` ends the
 * walk at a file (it is still listed): a "use server" module reached from the browser, say, is a
 * remote call there, not code the browser loads.
 */
export function reachable(entries: string[], stop: (file: string) => boolean = () => false): Map<string, string | null> {
  const seen = new Map<string, string | null>();
  const queue: [string, string | null][] = entries.map((e) => [e, null]);
  while (queue.length) {
    const [file, by] = queue.shift()!;
    if (seen.has(file)) continue;
    seen.set(file, by);
    if (stop(file)) continue;
    for (const spec of readModule(file).imports) {
      const next = resolveLocal(file, spec);
      if (next) queue.push([next, file]);
    }
  }
  return seen;
}

/** "a -> b -> c": how the walk reached a file. */
export function chainTo(seen: Map<string, string | null>, file: string): string {
  const chain: string[] = [];
  for (let f: string | null | undefined = file; f; f = seen.get(f)) chain.unshift(path.relative(repoRoot, f));
  return chain.join(" -> ");
}
