import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dark mode flips the palette itself (app/dark-palette.css) rather than adding dark: variants to
// each component. A colour class whose variable that file does not redefine would keep its light
// value at night (a white card under light text), so every palette shade the markup uses must be
// there; and a dark: variant on top would flip a colour twice.

const root = process.cwd();
const PALETTES = [
  "brand",
  ...["red", "orange", "amber", "yellow", "lime", "green", "emerald", "teal", "cyan", "sky", "blue", "indigo", "violet"],
  ...["purple", "fuchsia", "pink", "rose", "slate", "gray", "zinc", "neutral", "stone", "mauve", "olive", "mist", "taupe"],
];
const UTILITY =
  "(?:bg|text|border(?:-[trblxyse])?|ring|ring-offset|fill|stroke|divide|outline|from|via|to|decoration|accent|caret|placeholder|shadow)";
const COLOUR_CLASS = new RegExp(`(?<![\\w-])${UTILITY}-(${PALETTES.join("|")})-(\\d{2,3})(?![\\w-])`, "g");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(tsx?|css)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [rel] : [];
  });
}

const files = [...sources("app"), ...sources("components")].filter((f) => !f.endsWith("dark-palette.css"));
const dark = readFileSync(path.join(root, "app/dark-palette.css"), "utf8");
const redefined = new Set([...dark.matchAll(/--color-([a-z]+-\d+|white):/g)].map((m) => m[1]));

describe("dark palette", () => {
  it("finds the colour classes it checks (the scan itself works)", () => {
    const used = files.flatMap((f) => [...readFileSync(path.join(root, f), "utf8").matchAll(COLOUR_CLASS)]);
    expect(used.length).toBeGreaterThan(100);
    expect(redefined.has("white")).toBe(true);
  });

  it("redefines, for the dark scheme, every palette shade the markup uses", () => {
    const missing = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(path.join(root, f), "utf8").matchAll(COLOUR_CLASS))
        if (!redefined.has(`${m[1]}-${m[2]}`)) missing.add(`${m[1]}-${m[2]} (${f})`);
    expect([...missing]).toEqual([]);
  });

  it("has no dark: variants, which would flip a colour twice", () => {
    const offenders = files.filter((f) => /(?<![\w-])dark:[a-z]/.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
