import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createInvite } from "@/lib/orgs/invites";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { fingerprint } from "../helpers/fuzz-db";
import { makeOwner } from "../helpers/factories";
import { edgeValue, EDGE_STRINGS, seededRng, type Rng } from "../helpers/zod-fuzz";

// Server actions are endpoints too: any client can call one with any arguments it can serialize.
// A thrown error answers 500, so each action, called with broken arguments and form fields, must
// return its refusal (or redirect) and write nothing when it refuses.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.ctx ? { user: { id: session.ctx.userId } } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (k: string) => (jar.has(k) ? { value: jar.get(k) } : undefined),
    set: (k: string, v: string) => jar.set(k, v),
    delete: (k: string) => jar.delete(k),
  }),
  headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const ACTION_FILES = (readdirSync(path.join(process.cwd(), "app"), { recursive: true }) as string[])
  .filter((f) => /(^|[\\/])actions\.ts$/.test(f))
  .map((f) => f.split(path.sep).join("/"))
  .sort();

const FORM_KEYS = ["name", "email", "password", "timezone", "invite", "next", "role"];
let a: ResolvedContext;
let b: ResolvedContext;

function formData(rng: Rng): FormData {
  const form = new FormData();
  for (const k of FORM_KEYS) {
    if (rng.chance(0.2)) continue;
    const v = rng.chance(0.6)
      ? edgeValue(rng)
      : rng.pick(["Acme", "member", "UTC", "someone@example.test", "correct horse battery", "/calendar"]);
    form.set(k, typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
  }
  return form;
}

/** An argument as a client could send one: an id, a role, junk of any type, or a form. */
function argument(rng: Rng, ids: string[]): unknown {
  const r = rng.next();
  if (r < 0.3) return rng.pick(ids);
  if (r < 0.4) return rng.pick(["owner", "admin", "member"]);
  if (r < 0.55) return formData(rng);
  if (r < 0.7) return rng.pick(EDGE_STRINGS);
  return edgeValue(rng);
}

beforeAll(async () => {
  const [oa, ob] = await Promise.all([makeOwner("act-a"), makeOwner("act-b")]);
  a = (await resolveOrgContext(oa.userId, oa.organizationId))!;
  b = (await resolveOrgContext(ob.userId, ob.organizationId))!;
}, 60_000);
afterAll(() => {
  session.ctx = null;
});

describe("fuzzing every server action", () => {
  it("returns a refusal or redirects for any arguments, and writes nothing when it refuses", async () => {
    const rng = seededRng(SEED);
    const failures: string[] = [];
    const logged: string[] = [];
    const errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => logged.push(args.map(String).join(" ")));
    let calls = 0;
    let refusals = 0;
    try {
      expect(ACTION_FILES.length).toBeGreaterThanOrEqual(4);
      for (const file of ACTION_FILES) {
        const mod = (await import(`@/app/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
        for (const [name, fn] of Object.entries(mod)) {
          if (typeof fn !== "function") continue;
          for (let i = 0; i < 40; i++) {
            session.ctx = rng.chance(0.1) ? null : a;
            const invite = await createInvite(b, { role: "member" });
            const ids = [
              b.organizationId,
              a.organizationId,
              invite.id,
              invite.token,
              (await a.db.membership.findFirstOrThrow()).id,
              "missing",
            ];
            const args = Array.from({ length: 1 + rng.int(2) }, () => argument(rng, ids));
            if (name.endsWith("Action") && fn.length === 2 && rng.chance(0.7)) args.splice(0, args.length, {}, formData(rng));
            const before = await fingerprint([a.organizationId], [a.userId]);
            const what = `${file} ${name}(${args.map((x) => (x instanceof FormData ? JSON.stringify(Object.fromEntries(x)) : (JSON.stringify(x) ?? String(x))).slice(0, 150)).join(", ")})`;
            calls++;
            try {
              const res = (await (fn as (...xs: unknown[]) => Promise<unknown>)(...args)) as
                { fields?: unknown; error?: unknown } | undefined;
              if (res && (res.fields || res.error)) {
                refusals++;
                if ((await fingerprint([a.organizationId], [a.userId])) !== before) failures.push(`refused but rows changed: ${what}`);
              }
            } catch (e) {
              if ((e as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) continue;
              failures.push(`threw (a 500): ${what}\n  ${(e as Error).stack?.split("\n").slice(0, 4).join("\n  ")}`);
            }
          }
        }
      }
    } finally {
      errorSpy.mockRestore();
    }
    console.log(
      `[fuzz] server actions, seed ${SEED}: ${calls} calls over ${ACTION_FILES.length} files; thrown (500): ${failures.filter((f) => f.startsWith("threw")).length}; refusals: ${refusals}`,
    );
    if (process.env.FUZZ_TRACE) for (const f of failures) console.log("FAIL", f);
    expect(failures.slice(0, 15)).toEqual([]);
    expect(logged.filter((l) => /unexpected/.test(l))).toEqual([]);
  }, 180_000);
});
