import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/emulator/server";
import { createApiKey } from "@/lib/api-keys/keys";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";
import { fingerprint } from "../helpers/fuzz-db";
import { choiceFieldsOf } from "@/lib/channels/choices";
import { allManifests, manifests } from "@/providers/manifests";
import { allProviders, getProvider } from "@/providers/registry";
import { csrf, METHODS, SPECS, type Call, type Handler, type IdKind, type Method, type Spec } from "../helpers/route-fuzz-specs";
import { asQuery, deepJson, EDGE_STRINGS, mutate, sampleValid, seededRng, type Pools, type Rng } from "../helpers/zod-fuzz";

// Every route under app/api, called in-process with a signed-in owner, fed inputs generated from
// the routes' own zod schemas and then broken: wrong types, extremes, unicode edge cases, huge
// strings, ids of another organization. No answer may be a 5xx (nor an error logged as
// unexpected, which browser routes turn into a redirect), and a refusal must leave every row of
// the organizations involved exactly as it was. A route file without a spec here fails the test.
// FUZZ_SEED=n replays another set of inputs; FUZZ_TRACE=1 prints every request, its answer and
// the time each route took; FUZZ_ROUTES=a,b limits the calls to the routes under those paths.

const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
vi.mock("@/lib/auth/auth", async (orig) => ({
  ...(await orig<object>()),
  auth: async () => (session.ctx ? { user: { id: session.ctx.userId } } : null),
}));

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
// One API key makes every /api/v1 call here: the per-key limit is not what is fuzzed.
process.env.RATE_LIMIT_API_KEY = "1000000/60";
let apiKey = "";
// Enumerated from the file system, so a new route is fuzzed or fails here as unfuzzed.
const API_DIR = path.join(process.cwd(), "app", "api");
const routeFiles = (readdirSync(API_DIR, { recursive: true }) as string[])
  .filter((f) => /(^|[\\/])route\.ts$/.test(f))
  .map((f) => path.dirname(f).split(path.sep).join("/"))
  .map((d) => (d === "." ? "" : d))
  .sort();

let emu: Emulator;
let dataDir: string;
let a: ResolvedContext;
let b: ResolvedContext;
let orgIds: string[] = [];
let userIds: string[] = [];
const foreign: Partial<Record<IdKind, string>> = {};
const stats = {
  inputs: 0,
  fiveXx: 0,
  unexpectedLogged: 0,
  refusals: 0,
  safetyNet: 0,
  byStatus: {} as Record<number, number>,
  accepted: {} as Record<string, number>,
  /** Calls per platform on the routes fuzzed for every platform. */
  platforms: {} as Record<string, number>,
  /** Choices routes answered 200 per platform: the platform's own settingsChoices was reached. */
  choicesAnswered: {} as Record<string, number>,
};
const failures: string[] = [];
const outbound: string[] = [];

async function resolved(o: { userId: string; organizationId: string }) {
  return (await resolveOrgContext(o.userId, o.organizationId))!;
}

async function seed(ctx: ResolvedContext, tag: string) {
  const x = await connectEmulated(ctx, emu, "x", `fuzz_${tag}_x_${Date.now()}`);
  const masto = await connectEmulated(ctx, emu, "mastodon", `fuzz_${tag}_m_${Date.now()}`);
  const when = new Date(Date.now() + 3 * 86_400_000);
  await createPost(ctx, {
    mode: "schedule",
    publishAt: when,
    targets: [
      { channelId: x, items: [{ text: `seed ${tag}` }] },
      { channelId: masto, items: [{ text: `seed ${tag}` }] },
    ],
  });
  await createPost(ctx, { mode: "draft", targets: [{ channelId: x, items: [{ text: `draft ${tag}` }] }] });
  await ctx.db.media.create({
    data: { organizationId: ctx.organizationId, fileName: "seed.png", mimeType: "image/png", size: 1, path: "missing.png" },
  });
}

/** The ids a request may name: mostly the signed-in organization's own current rows. */
async function currentIds(kind: IdKind): Promise<string[]> {
  const db = a.db;
  switch (kind) {
    case "post":
      return (await db.post.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "target":
      return (await db.postTarget.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "channel":
      return (await db.integration.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "media":
      return (await db.media.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "invite":
      return (await db.invite.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "provider":
      return Object.keys(manifests);
    case "setting":
      // Every platform's settings keys (those reading choices from the channel among them).
      return [...new Set(allManifests().flatMap((m) => settingKeys(m.settings)))];
    case "channelSet":
      return (await db.channelSet.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "signature":
      return (await db.signature.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "channelGroup":
      return (await db.channelGroup.findMany({ select: { id: true }, take: 20 })).map((r) => r.id);
    case "nextauth":
      return ["session", "csrf", "providers", "signin", "signout", "callback/credentials", "error"];
  }
}

function settingKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** The platforms a per-platform route is fuzzed for: by their manifests' auth kinds, or having channel choices. */
function platformsFor(spec: Spec): string[] {
  const want = spec.perPlatform;
  if (!want) return [];
  return allProviders()
    .filter((p) => want.auth?.includes(p.manifest.auth.kind) || (want.choices && p.settingsChoices && choiceFieldsOf(p).length > 0))
    .map((p) => p.identifier);
}

/** A usable channel of `platform` in the signed-in organization, connected through the app when a fuzzed call removed it. */
async function channelOf(platform: string): Promise<string> {
  const row = await a.db.integration.findFirst({ where: { provider: platform, status: "active" }, select: { id: true } });
  return row?.id ?? connectEmulated(a, emu, platform, `fuzz_${platform.replace(/\W/g, "_")}_${Date.now()}`);
}

/** A path value aimed at `platform` for a per-platform call (mostly; sometimes left to chance). */
async function platformParam(rng: Rng, kind: IdKind, platform: string): Promise<string | undefined> {
  if (kind === "provider") return platform;
  if (!rng.chance(0.85)) return undefined;
  if (kind === "channel") return channelOf(platform);
  if (kind === "setting") return rng.pick(choiceFieldsOf(getProvider(platform)!));
  return undefined;
}

async function pickParam(rng: Rng, kind: IdKind): Promise<string | string[]> {
  const r = rng.next();
  let v: string;
  if (r < 0.55) v = rng.pick([...(await currentIds(kind)), "missing"]);
  else if (r < 0.7 && foreign[kind]) v = foreign[kind]!;
  else v = rng.pick(EDGE_STRINGS);
  return kind === "nextauth" ? v.split("/") : v;
}

function pools(rng: Rng, channels: string[], media: string[]): Pools {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    id: (key) =>
      /channel/i.test(key) && channels.length
        ? rng.pick(channels)
        : /media/i.test(key) && media.length
          ? rng.pick(media)
          : rng.pick([...channels, "missing"]),
    date: (key) => new Date(Date.now() + (key === "to" ? 5 : 1 + rng.int(3)) * 86_400_000 + rng.int(3_600_000)).toISOString(),
    day: (key) => (key === "to" ? day(0) : day(-6)),
    // A closed port on this machine; a platform's own server field gets its emulator (connectForm in route-fuzz-specs.ts).
    url: () => "http://127.0.0.1:9/picture.png",
    text: (key) =>
      key === "role"
        ? "member"
        : key === "timezone"
          ? "Europe/Paris"
          : rng.pick(["hello", "Été 2026 ☀️", "a thread, part 1", "x".repeat(rng.int(200))]),
  };
}

async function buildCall(
  rng: Rng,
  route: string,
  method: Method,
  spec: Spec,
  platform?: string,
): Promise<{ call: Call; params: Record<string, string | string[]> }> {
  const params: Record<string, string | string[]> = {};
  for (const [name, kind] of Object.entries(spec.params ?? {}))
    params[name] = (platform && (await platformParam(rng, kind, platform))) || (await pickParam(rng, kind));
  if (platform) stats.platforms[platform] = (stats.platforms[platform] ?? 0) + 1;
  // The URL only has to look right; the handler gets the raw values (lone surrogates included) as params.
  const seg = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, "\ufffd"));
  const urlPath =
    "/api/" +
    route
      .replace(/\[\.\.\.(\w+)\]/g, (_m, k) => (params[k] as string[]).map(seg).join("/"))
      .replace(/\[(\w+)\]/g, (_m, k) => seg(String(params[k])));
  const headers: Record<string, string> = { origin: "http://localhost", "sec-fetch-site": "same-origin" };
  if (spec.bearer) {
    const r = rng.next();
    if (r < 0.9) headers.authorization = `Bearer ${apiKey}`;
    else if (r < 0.95) headers.authorization = rng.pick(["Bearer pm_" + "0".repeat(32), "Basic abc", `Bearer ${apiKey}x`, "Bearer"]);
  }
  const channels = await currentIds("channel");
  const media = await currentIds("media");
  const p = pools(rng, channels, media);
  let url = urlPath;
  let init: Call["init"] = { method, headers };
  if (spec.query) {
    const valid = sampleValid(spec.query, rng, p);
    const q = rng.chance(0.25) ? valid : mutate(valid, rng);
    const search = new URLSearchParams(asQuery(q));
    if (rng.chance(0.05)) search.append("from", "%00");
    url += `?${search}`;
  }
  if (spec.body) {
    const sampled = sampleValid(spec.body, rng, p);
    const valid = spec.fix ? await spec.fix(sampled, rng, { params, emulatorUrl: emu.url }) : sampled;
    const r = rng.next();
    const text =
      r < 0.2
        ? JSON.stringify(valid)
        : r < 0.93
          ? (JSON.stringify(mutate(valid, rng)) ?? "")
          : rng.pick(["", "{", "nul", deepJson(5000), "[" + "1,".repeat(10) + "]", '"\\u0000"', '{"a":"\\ud800"}']);
    init = { method, headers: { ...headers, "content-type": "application/json" }, body: text };
  }
  if (spec.custom) {
    const c = spec.custom(rng, p);
    url += c.suffix ?? "";
    init = { ...c.init, headers: { ...headers, ...(c.init?.headers as Record<string, string>) } };
  }
  return { call: { url, init }, params };
}

beforeAll(async () => {
  emu = await useEmulator();
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-fuzz-"));
  process.env.DATA_DIR = dataDir;
  const [oa, ob] = await Promise.all([makeOwner("fuzz-a"), makeOwner("fuzz-b")]);
  [a, b] = await Promise.all([resolved(oa), resolved(ob)]);
  orgIds = [a.organizationId, b.organizationId];
  userIds = [a.userId, b.userId];
  await seed(a, "a");
  await seed(b, "b");
  apiKey = (await createApiKey(a, { name: "fuzz", scopes: ["read", "write", "publish"] })).secret;
  foreign.post = (await b.db.post.findFirstOrThrow()).id;
  foreign.target = (await b.db.postTarget.findFirstOrThrow()).id;
  foreign.channel = (await b.db.integration.findFirstOrThrow()).id;
  foreign.media = (await b.db.media.findFirstOrThrow()).id;
  foreign.channelGroup = (await b.db.channelGroup.create({ data: { organizationId: b.organizationId, name: "foreign group" } })).id;
  foreign.channelSet = (await b.db.channelSet.create({ data: { organizationId: b.organizationId, name: "foreign set" } })).id;
  foreign.signature = (
    await b.db.signature.create({ data: { organizationId: b.organizationId, name: "foreign signature", body: "— B" } })
  ).id;

  const { GET: authGet } = await import("@/app/api/auth/[...nextauth]/route");
  const res = await authGet(new NextRequest("http://localhost/api/auth/csrf"));
  csrf.token = ((await res.json()) as { csrfToken: string }).csrfToken;
  csrf.cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  // Only the emulator (on 127.0.0.1) may be reached: a generated address elsewhere is recorded
  // and fails the test instead of leaving the machine.
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    const host = URL.canParse(href) ? new URL(href).hostname : "";
    if (host !== "127.0.0.1" && host !== "localhost") {
      outbound.push(href);
      throw new TypeError("fetch failed (the fuzz test allows only 127.0.0.1)");
    }
    return realFetch(input, init);
  });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await stopBoss();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("fuzzing every API route", () => {
  it("has a spec for every route file and method", async () => {
    const unfuzzed: string[] = [];
    for (const route of routeFiles) {
      const mod = (await import(`@/app/api/${route ? `${route}/` : ""}route`)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === "function" && !SPECS[route]?.[m]) unfuzzed.push(`${m} /api/${route}`);
    }
    expect(routeFiles.length).toBeGreaterThan(25);
    expect(unfuzzed, "routes without a fuzz spec in tests/integration/fuzz-routes.test.ts").toEqual([]);
  });

  it("answers no 5xx and writes nothing on refusal", async () => {
    const rng = seededRng(SEED);
    const logged: string[] = [];
    const onError = (...args: unknown[]) => {
      const first = String(args[0]);
      if (/unexpected error/.test(first))
        logged.push(
          `${first} ${args
            .slice(1)
            .map((x) => (x instanceof Error ? x.stack : String(x)))
            .join(" ")}`.slice(0, 2000),
        );
    };
    const errorSpy = vi.spyOn(console, "error").mockImplementation(onError);
    const warnSpy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      if (String(args[0]).includes("refused by the database")) stats.safetyNet++;
    });
    const started = Date.now();
    // FUZZ_ROUTES=posts/import,media fuzzes only the routes under those paths (a quicker run while working on them).
    const only = process.env.FUZZ_ROUTES?.split(",").filter(Boolean);
    try {
      for (const route of routeFiles.filter((r) => !only || only.some((o) => r === o || r.startsWith(`${o}/`)))) {
        const mod = (await import(`@/app/api/${route ? `${route}/` : ""}route`)) as Record<Method, Handler>;
        for (const method of METHODS) {
          const spec = SPECS[route]?.[method];
          if (!spec || typeof mod[method] !== "function") continue;
          if ((await a.db.integration.count()) < 2 || (await a.db.post.count()) < 2 || (await a.db.media.count()) < 1) await seed(a, "a");
          const random = spec.runs ?? (spec.body || spec.query || spec.custom ? 30 : 8);
          // The random calls (any platform id, or none), then a few for each platform of the route's auth kinds.
          const plan: (string | undefined)[] = [
            ...Array<undefined>(random).fill(undefined),
            ...platformsFor(spec).flatMap((id) => Array<string>(spec.perPlatform!.runs).fill(id)),
          ];
          const runs = plan.length;
          const routeStarted = Date.now();
          for (const platform of plan) {
            session.ctx = rng.chance(0.03) ? null : a;
            const { call, params } = await buildCall(rng, route, method, spec, platform);
            const before = await fingerprint(orgIds, userIds);
            const loggedBefore = logged.length;
            const t0 = Date.now();
            // Like Next: a route without dynamic segments gets params that resolve to undefined.
            const routeParams = Promise.resolve(spec.params ? params : undefined) as Promise<Record<string, string | string[]>>;
            const res = await mod[method](new NextRequest(`http://localhost${call.url}`, call.init), { params: routeParams });
            stats.inputs++;
            stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
            await res
              .clone()
              .arrayBuffer()
              .catch(() => undefined);
            if (res.status < 300) stats.accepted[`${method} ${route}`] = (stats.accepted[`${method} ${route}`] ?? 0) + 1;
            if (res.status === 200 && platform && route.includes("choices"))
              stats.choicesAnswered[platform] = (stats.choicesAnswered[platform] ?? 0) + 1;
            if (process.env.FUZZ_TRACE)
              console.log(
                `${Date.now() - t0}ms`,
                res.status,
                method,
                call.url.slice(0, 120),
                typeof call.init?.body === "string" ? call.init.body.slice(0, 200) : "",
                res.status >= 400
                  ? await res
                      .clone()
                      .text()
                      .catch(() => "")
                  : "",
              );
            const what = `${method} ${call.url.slice(0, 200)} ${typeof call.init?.body === "string" ? call.init.body.slice(0, 300) : ""}`;
            if (res.status >= 500) {
              stats.fiveXx++;
              failures.push(`${res.status} ${what}`);
            }
            if (logged.length > loggedBefore) {
              stats.unexpectedLogged++;
              failures.push(`logged as unexpected: ${what}\n${logged.slice(loggedBefore).join("\n")}`);
            }
            if (res.status >= 400 && res.status < 500) {
              stats.refusals++;
              if ((await fingerprint(orgIds, userIds)) !== before) failures.push(`${res.status} but rows changed: ${what}`);
            }
          }
          if (process.env.FUZZ_TRACE) console.log(`[fuzz-time] ${method} ${route}: ${runs} in ${Date.now() - routeStarted} ms`);
        }
      }
    } finally {
      errorSpy.mockRestore();
      warnSpy.mockRestore();
      session.ctx = null;
    }
    console.log(
      `[fuzz] seed ${SEED}: ${stats.inputs} inputs over ${routeFiles.length} route files in ${((Date.now() - started) / 1000).toFixed(1)} s; 5xx seen: ${stats.fiveXx}; logged unexpected: ${stats.unexpectedLogged}; refusals (4xx): ${stats.refusals}; database safety net used: ${stats.safetyNet}; statuses ${JSON.stringify(stats.byStatus)}; accepted per route ${JSON.stringify(stats.accepted)}; calls per platform ${JSON.stringify(stats.platforms)}; choices answered ${JSON.stringify(stats.choicesAnswered)}`,
    );
    // Every registered platform had its connect routes fuzzed (found through its manifest, not a list here),
    // and every platform with channel choices its choices route.
    expect(failures.slice(0, 20)).toEqual([]);
    expect(outbound).toEqual([]);
    expect(stats.safetyNet, "inputs that only the database refused: a schema misses a rule").toBe(0);
    if (only) return;
    expect(Object.keys(stats.platforms).sort()).toEqual(Object.keys(manifests).sort());
    const withChoices = allProviders().filter((p) => p.settingsChoices && choiceFieldsOf(p).length > 0);
    expect(withChoices.length).toBeGreaterThan(0);
    for (const p of withChoices) expect(stats.choicesAnswered[p.identifier], p.identifier).toBeGreaterThan(0);
    expect(stats.inputs).toBeGreaterThan(1000);
  }, 240_000);
});
