// `npm run new:provider -- <id> --auth <kind> [--name "Display Name"]`: the skeleton of a new
// platform (docs/providers.md). It writes providers/<id>/ (manifest, provider class, settings, error
// classifier, fact-sheet checklist), emulator/platforms/<id>/index.ts, and one line in each of
// providers/manifests.ts and providers/registry.ts. Every placeholder says TODO(<id>) and where in
// the fact sheet its truth is, so the platform compiles and is listed at once, and fails the
// conformance checks with readable TODOs until it is implemented. It never overwrites anything: an
// id already present anywhere is refused before a file is written.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { authTemplates, type AuthKindName, type Names } from "./new-provider/templates";

const AUTH_KINDS: AuthKindName[] = ["oauth2", "oauth2-pick", "fields", "bot", "instance-oauth"];
const ID = /^[a-z][a-z0-9-]*$/;
const USAGE = `Usage: npm run new:provider -- <id> --auth <${AUTH_KINDS.join("|")}> [--name "Display Name"]`;

class Refusal extends Error {}

type Args = { id: string; auth: AuthKindName; name?: string };

function parseArgs(argv: string[]): Args {
  let id: string | undefined;
  let auth: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Refusal(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    if (a === "--auth") auth = value();
    else if (a.startsWith("--auth=")) auth = a.slice(7);
    else if (a === "--name") name = value();
    else if (a.startsWith("--name=")) name = a.slice(7);
    else if (a.startsWith("--")) throw new Refusal(`Unknown option ${a}.\n${USAGE}`);
    else if (id === undefined) id = a;
    else throw new Refusal(`One platform id at a time (got "${id}" and "${a}").\n${USAGE}`);
  }
  if (!id) throw new Refusal(`The platform id is missing.\n${USAGE}`);
  if (!ID.test(id))
    throw new Refusal(
      `The id "${id}" must match ${ID} (lower-case letters, digits and hyphens, starting with a letter): it is stored and used in URLs.`,
    );
  if (!auth) throw new Refusal(`--auth is missing: one of ${AUTH_KINDS.join(", ")}.\n${USAGE}`);
  if (!AUTH_KINDS.includes(auth as AuthKindName)) throw new Refusal(`--auth "${auth}" is not one of ${AUTH_KINDS.join(", ")}.`);
  if (name !== undefined && !name.trim()) throw new Refusal("--name must not be empty.");
  // The name is written into string literals and template strings of the generated code.
  if (name !== undefined && /["`$\\\p{Cc}]/u.test(name))
    throw new Refusal("--name must not contain double quotes, backticks, backslashes, $ or control characters.");
  return { id, auth: auth as AuthKindName, name: name?.trim() };
}

function namesOf(id: string, display?: string): Names {
  const words = id.split("-").filter(Boolean);
  const pascal = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return {
    id,
    display: display ?? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" "),
    camel: pascal[0]!.toLowerCase() + pascal.slice(1),
    pascal,
    env: id.toUpperCase().replace(/[^A-Z0-9]/g, "_"),
    key: /^[a-z][a-z0-9]*$/.test(id) ? id : JSON.stringify(id),
  };
}

/** Inserts `line` among the lines matching `group`, in order of `sortKey`, or after the last of them. */
function insertSorted(lines: string[], line: string, group: RegExp, sortKey: (l: string) => string): string[] {
  const members = lines.flatMap((l, i) => (group.test(l) ? [i] : []));
  if (!members.length) return [];
  const before = members.find((i) => sortKey(lines[i]!) > sortKey(line));
  const at = before ?? members[members.length - 1]! + 1;
  return [...lines.slice(0, at), line, ...lines.slice(at)];
}

/** Adds the import and the map entry to a registry file, or explains why it cannot. */
function registerIn(file: string, source: string, importLine: string, entry: string, mapEnd: RegExp, importGroup: RegExp): string {
  const pathOf = (l: string) => /from "([^"]+)"/.exec(l)?.[1] ?? "";
  let lines = insertSorted(source.split("\n"), importLine, importGroup, pathOf);
  if (!lines.length) throw new Refusal(`Found no platform import in ${file} to add "${importLine}" beside; add it by hand.`);
  // The entry goes last in the map, before the closing line (and the lint comment that precedes it).
  let end = lines.findIndex((l) => mapEnd.test(l));
  if (end < 0) throw new Refusal(`Found no end of the platform map in ${file}; add "${entry.trim()}" to it by hand.`);
  if (/^\s*\/\/ eslint-disable-next-line/.test(lines[end - 1] ?? "")) end -= 1;
  lines = [...lines.slice(0, end), entry, ...lines.slice(end)];
  return lines.join("\n");
}

/** Text as `npm run format` would write it, so a fresh platform passes the formatting check; as is without Prettier. */
async function formatted(file: string, text: string): Promise<string> {
  if (file.endsWith(".md")) return text;
  try {
    const prettier = await import("prettier");
    return await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch {
    return text;
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const args = parseArgs(process.argv.slice(2));
  const n = namesOf(args.id, args.name);
  const rel = (p: string) => path.relative(root, p);

  const providerDir = path.join(root, "providers", n.id);
  const emulatorDir = path.join(root, "emulator", "platforms", n.id);
  const manifestsFile = path.join(root, "providers", "manifests.ts");
  const registryFile = path.join(root, "providers", "registry.ts");
  for (const f of [manifestsFile, registryFile])
    if (!existsSync(f)) throw new Refusal(`${rel(f)} is missing: run this in the repository root.`);

  // Refuse before writing anything: an existing folder or registry entry is someone's work.
  const manifestsSrc = readFileSync(manifestsFile, "utf8");
  const registrySrc = readFileSync(registryFile, "utf8");
  // Only a map entry counts (`id: xManifest,` / `id: new XProvider(),`), not a property of the same
  // name elsewhere in the file (describeProvider's `threads: threads ?? null` refused "threads").
  const entry = (value: string) => new RegExp(`^\\s*(${n.id}|"${n.id}"): ${value}`, "m");
  const taken = [
    existsSync(providerDir) && `${rel(providerDir)}/ exists`,
    existsSync(emulatorDir) && `${rel(emulatorDir)}/ exists`,
    entry("\\w+Manifest,").test(manifestsSrc) && `providers/manifests.ts already has "${n.id}"`,
    entry("new \\w+\\(").test(registrySrc) && `providers/registry.ts already has "${n.id}"`,
  ].filter(Boolean);
  if (taken.length) throw new Refusal(`The platform "${n.id}" already exists (${taken.join("; ")}). Nothing was written.`);

  const t = authTemplates(args.auth, n);
  const manifestsOut = registerIn(
    "providers/manifests.ts",
    manifestsSrc,
    `import { ${n.camel}Manifest } from "./${n.id}/${n.id}.manifest";`,
    `  ${n.key}: ${n.camel}Manifest,`,
    /^\} satisfies Record<string, PlatformManifest/,
    /^import \{ \w+Manifest \} from "\.\/[a-z0-9-]+\/[a-z0-9-]+\.manifest";$/,
  );
  const registryOut = registerIn(
    "providers/registry.ts",
    registrySrc,
    `import { ${n.pascal}Provider } from "./${n.id}/${n.id}.provider";`,
    `  ${n.key}: new ${n.pascal}Provider(),`,
    /^\} satisfies Record<PlatformId/,
    /^import \{ \w+Provider \} from "\.\/[a-z0-9-]+\/[a-z0-9-]+\.provider";$/,
  );

  const files: [string, string][] = [
    [path.join(providerDir, `${n.id}.manifest.ts`), t.manifest],
    [path.join(providerDir, `${n.id}.provider.ts`), t.provider],
    [path.join(providerDir, `${n.id}.settings.ts`), t.settings],
    [path.join(providerDir, `${n.id}.errors.ts`), t.errors],
    [path.join(providerDir, "CHECKLIST.md"), t.checklist],
    [path.join(emulatorDir, "index.ts"), t.emulator],
  ];
  // The conformance suite's recipe, where the repository has its type (it arrived with tests/conformance).
  const hasRecipes = existsSync(path.join(root, "emulator", "kit", "recipe.ts"));
  if (hasRecipes) files.push([path.join(emulatorDir, "recipe.ts"), t.recipe]);
  mkdirSync(providerDir, { recursive: true });
  mkdirSync(emulatorDir, { recursive: true });
  const out = await Promise.all(files.map(async ([file, text]) => [file, await formatted(file, text)] as const));
  const registries = [
    [manifestsFile, await formatted(manifestsFile, manifestsOut)],
    [registryFile, await formatted(registryFile, registryOut)],
  ] as const;
  for (const [file, text] of out) writeFileSync(file, text, { flag: "wx" });
  for (const [file, text] of registries) writeFileSync(file, text);

  const factSheet = `../shared/platforms/${n.id}.md`;
  console.log(`Created ${n.display} (${n.id}, auth ${args.auth}):`);
  for (const [file] of files) console.log(`  + ${rel(file)}`);
  console.log(`  ~ providers/manifests.ts (${n.key}: ${n.camel}Manifest)`);
  console.log(`  ~ providers/registry.ts (${n.key}: new ${n.pascal}Provider())`);
  if (!hasRecipes) console.log("  (no emulator/kit/recipe.ts here, so no recipe.ts: this checkout has no conformance recipes)");
  console.log(`
Next (docs/providers.md explains each step):
  1. Read the fact sheet ${factSheet}${existsSync(path.join(root, factSheet)) ? "" : " (not found: write it first, from the platform's own documentation)"}
     and work through providers/${n.id}/CHECKLIST.md.
  2. Replace every TODO(${n.id}) in providers/${n.id}/ with the documented value or code:  grep -rn "TODO(${n.id})" providers emulator
  3. Document its environment variables (${t.envVars.join(", ") || "none yet"}) in README.md (the platform table under Configuration) and .env.example.
  4. Write the emulator in emulator/platforms/${n.id}/ from the fact sheet (never from providers/)${hasRecipes ? ", and its recipe.ts" : ""}.
  5. Run the checks until they pass:  npx vitest run tests/unit/manifests.test.ts tests/conformance
     then npx tsc --noEmit and npx eslint providers/${n.id} emulator/platforms/${n.id}`);
}

main().catch((e: unknown) => {
  if (!(e instanceof Refusal)) throw e;
  console.error(`new:provider: ${e.message}`);
  process.exit(1);
});
