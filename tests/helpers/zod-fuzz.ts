import type { z } from "zod";

// A small seeded input generator driven by the routes' own zod schemas: first a value the schema
// would accept (with ids and dates drawn from pools the test supplies), then mutations of it that
// a client could send: wrong types, extremes, unicode edge cases, huge strings, missing and extra
// keys. Deterministic for a seed, so a failure can be replayed with FUZZ_SEED.

export type Rng = { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean };

export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

/** Values a field may be given by a confused, careless or hostile client. */
export const EDGE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ud83d",
  "😀",
  "👩🏽‍💻",
  "\u202eevil",
  "\u200b",
  "\ufeff",
  "é",
  "e\u0301",
  "𝕏",
  "%",
  "%E0%A4%A",
  "%00",
  "%ZZ",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "${{7*7}}",
  "null",
  "undefined",
  "NaN",
  "ht!tp://%%%",
  "http://[::ffff:127.0.0.1]:1/",
  "javascript:alert(1)",
  "https://",
  "https://exa mple.com",
  "http://127.0.0.1:9/%E0%A4%A.png",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "9999-12-31",
  "10000-01-01",
  "0000-01-01",
  "1970-01-01T00:00:00Z",
  "2026-02-30",
  "2099-12-31T23:59:59Z",
  "2101-01-01T00:00:00Z",
  "1999-12-31T23:59:59Z",
  "T",
  "1e400",
  "-0",
  "0x10",
  "Infinity",
];
const HUGE = ["x".repeat(100_001), "😀".repeat(60_000), "\u0000".repeat(5000), "%".repeat(50_000), "a,".repeat(20_000)];
const EDGE_NUMBERS = [
  0,
  -1,
  1,
  0.5,
  -0.000001,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
  253402300800000,
  8.64e15,
  -8.64e15,
  1.7e15,
  Date.now() * 1000,
];
const EDGE_OTHER: readonly unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  { "": null },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  [[[[[[]]]]]],
];

export function edgeValue(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.55) return rng.pick(EDGE_STRINGS);
  if (r < 0.75) return rng.pick(EDGE_NUMBERS);
  if (r < 0.93) return rng.pick(EDGE_OTHER);
  return rng.pick(HUGE);
}

/** Deeply nested JSON, to find walkers without a depth limit. */
export const deepJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

export type Pools = {
  id(key: string): string;
  date(key: string): string;
  day(key: string): string;
  url(key: string): string;
  text(key: string): string;
};

/** A value the schema should accept, or come close to (refinements across fields are not solved). */
export function sampleValid(schema: z.ZodType | unknown, rng: Rng, pools: Pools, key = ""): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        const inner = defOf(v).type;
        if ((inner === "optional" || inner === "default") && rng.chance(0.3)) continue;
        out[k] = sampleValid(v, rng, pools, k);
      }
      return out;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sampleValid(def.innerType, rng, pools, key);
    case "pipe":
      return sampleValid(def.in, rng, pools, key);
    case "union":
      return sampleValid(rng.pick(def.options as unknown[]), rng, pools, key);
    case "array": {
      const n = 1 + rng.int(2);
      return Array.from({ length: n }, () => sampleValid(def.element, rng, pools, key));
    }
    case "record": {
      if (rng.chance(0.5)) return {};
      return { [String(sampleValid(def.keyType, rng, pools, "key"))]: sampleValid(def.valueType, rng, pools, key) };
    }
    case "enum":
      return rng.pick(Object.values(def.entries as Record<string, string>));
    case "literal":
      return rng.pick(def.values as unknown[]);
    case "boolean":
      return rng.chance(0.5);
    case "number":
      return /^(from|to|publishAt)$/.test(key) ? Date.parse(pools.date(key)) : 1 + rng.int(60);
    case "date":
      return pools.date(key);
    case "string":
      return sampleString(def, rng, pools, key);
    default:
      return rng.chance(0.5) ? {} : "x";
  }
}

function sampleString(def: Def, _rng: Rng, pools: Pools, key: string): string {
  const checks = ((def.checks as { _zod: { def: { format?: string; check?: string; pattern?: RegExp } } }[] | undefined) ?? []).map(
    (c) => c._zod.def,
  );
  if (checks.some((c) => c.format === "email")) return `fuzz-${Math.floor(_rng.next() * 1e6)}@example.test`;
  if (checks.some((c) => c.format === "url") || /url|service/i.test(key)) return pools.url(key);
  if (checks.some((c) => c.format === "regex" && String(c.pattern).includes("\\d{4}-\\d{2}-\\d{2}"))) return pools.day(key);
  if (/id$|^channel$/i.test(key)) return pools.id(key);
  if (/^(from|to|publishAt)$/.test(key)) return pools.date(key);
  return pools.text(key);
}

/** Every path to a value in a JSON-like tree (the root is []). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove && Array.isArray(cur)) cur.splice(Number(last), 1);
  else if (remove) delete cur[last];
  else cur[last] = value;
  return copy;
}

/** One to three changes to a valid value: a leaf replaced, a key removed or added, or the whole thing swapped. */
export function mutate(valid: unknown, rng: Rng): unknown {
  let v = valid;
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const all = paths(v);
    const path = rng.pick(all);
    const r = rng.next();
    if (r < 0.65) v = setAt(v, path, edgeValue(rng));
    else if (r < 0.8 && path.length > 0) v = setAt(v, path, undefined, true);
    else {
      const target = all.filter((p) => {
        const x = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], v);
        return x && typeof x === "object" && !Array.isArray(x);
      });
      if (target.length)
        v = setAt(
          v,
          [...rng.pick(target), rng.pick(["extra", "__proto__", "constructor", "\u0000", "\ud800", "x".repeat(300)])],
          edgeValue(rng),
        );
    }
  }
  return v;
}

/** Query strings carry text only: every leaf becomes a string (objects and arrays as JSON). */
export function asQuery(v: unknown): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return { input: typeof v === "string" ? v : (JSON.stringify(v) ?? "") };
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, typeof x === "string" ? x : (JSON.stringify(x) ?? "")]),
  );
}
