import type { AuthKind } from "@/providers/core/manifest";
import { TOOLS } from "@/lib/mcp/tools";
import { db } from "@/lib/db/client";
import { manifestOf } from "@/providers/manifests";
import { recipeOf } from "./channels";
import * as bytes from "./media-bytes";
import { deepJson, edgeValue, mutate, sampleValid, type Pools, type Rng } from "./zod-fuzz";
import type { FixContext } from "./route-fuzz-specs";

// The generators behind route-fuzz-specs.ts: inputs that reach past a route's refusals (a post
// every seeded channel accepts, a schedule that could be saved, a platform's own connect form…) and
// the calls of routes whose input is not JSON (uploads, CSV, MCP).

/** The platforms connected by a form (fields or a bot token), not by signing in. */
export const FORM: AuthKind[] = ["fields", "bot"];

// A recurring post whose content every seeded channel accepts (as validPost) and whose rule is
// mostly short, so the series' occurrences are created and written.
export function validSeries(raw: unknown, rng: Rng): unknown {
  const body = validPost({ ...(raw as object), mode: "schedule" }, rng) as Record<string, unknown>;
  delete body.mode;
  const repeat = body.repeat as { end?: { kind?: string; count?: number } } | undefined;
  if (repeat && rng.chance(0.7)) repeat.end = { kind: "count", count: 1 + rng.int(3) };
  return body;
}

// Auth.js checks a double-submit CSRF token before it reads the credentials; most sign-ins carry
// a real one (fetched once) so the fuzzed email and password reach the app's own authorize().
export const csrf = { token: "", cookie: "" };
type PostBody = {
  mode: string;
  publishAt?: unknown;
  targets: { channelId: string; items: { text: string; media: { mediaId?: string; url?: string }[]; poll?: unknown }[] }[];
};

// A post every channel of the seed accepts: one channel once, an attachment given one way, a
// short text, polls with two short options and no media beside them.
export function validPost(raw: unknown, rng: Rng): unknown {
  const p = raw as PostBody;
  const seen = new Set<string>();
  p.targets = p.targets.filter((t) => !seen.has(t.channelId) && seen.add(t.channelId));
  for (const t of p.targets) {
    t.items = t.items.slice(0, 2);
    for (const item of t.items) {
      item.text = item.text.slice(0, 200);
      item.media = (item.media ?? [])
        .slice(0, 1)
        .map((m) => (rng.chance(0.5) && m.mediaId ? { mediaId: m.mediaId } : { url: "http://127.0.0.1:9/picture.png" }));
      if (item.poll) item.media = [];
      if (item.poll) item.poll = { options: ["yes", "no"], durationMinutes: 60 * 24 };
    }
  }
  if (p.mode === "schedule" && !p.publishAt) p.publishAt = new Date(Date.now() + 86_400_000).toISOString();
  return p;
}

// Sets whose channels mostly carry no settings (random keys are refused by every platform's
// schema), so saving a set is reached, not only its refusals.
export function plainSet(raw: unknown, rng: Rng): unknown {
  const body = raw as { channels?: { settings?: unknown }[] };
  for (const c of body.channels ?? []) if (rng.chance(0.7)) c.settings = {};
  return body;
}

// Signatures limited to platforms this server has, mostly.
export function knownPlatforms(raw: unknown, rng: Rng): unknown {
  const body = raw as { providers?: string[] };
  if (body.providers && rng.chance(0.7)) body.providers = rng.chance(0.5) ? [] : ["x"];
  return body;
}

// A schedule that could be saved: a real zone, real times, and channels of the seed (either
// organization's, so some are foreign), most of the time.
export async function validSchedule(raw: unknown, rng: Rng): Promise<unknown> {
  const body = raw as { channelIds: unknown[]; timeZone: unknown; slots: { weekday: unknown; time: unknown }[] };
  if (rng.chance(0.2)) return body;
  const seeded = await db.integration.findMany({ where: { username: { startsWith: "fuzz_" } }, select: { id: true } });
  if (seeded.length && rng.chance(0.8)) body.channelIds = [rng.pick(seeded).id];
  if (rng.chance(0.8)) body.timeZone = rng.pick(["UTC", "America/New_York", "Europe/Berlin", "Pacific/Kiritimati"]);
  for (const s of body.slots ?? []) {
    if (rng.chance(0.8)) s.weekday = rng.int(7);
    if (rng.chance(0.8)) s.time = `${String(rng.int(24)).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}`;
  }
  return body;
}

// A post to queue: valid like a posted one, on channels that (mostly) have an hourly schedule, so
// the queue itself is reached. The schedules are written before the call, outside what it is judged on.
export async function queueable(raw: unknown, rng: Rng): Promise<unknown> {
  const body = validPost({ mode: "schedule", ...(raw as object) }, rng) as PostBody;
  const ids = (body.targets ?? []).map((t) => t.channelId).filter((id) => typeof id === "string");
  if (ids.length && rng.chance(0.7)) {
    const slots = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
      [0, 6, 12, 18].map((h) => ({ weekday, time: `${String(h).padStart(2, "0")}:00` })),
    );
    await db.$executeRaw`INSERT INTO channel_schedules (integration_id, organization_id, time_zone, slots)
      SELECT id, organization_id, 'UTC', ${JSON.stringify(slots)}::jsonb FROM integrations WHERE id = ANY(${ids}::text[])
      ON CONFLICT (integration_id) DO UPDATE SET paused = false, slots = excluded.slots, time_zone = 'UTC'`;
  }
  return { targets: body.targets };
}

// A connect form of the platform in the path: its recipe's values for an emulator account (what a
// user would type), or the same field names with generated values, so the platform's own
// connectWithFields is reached rather than only the form's generic checks.
export async function connectForm(raw: unknown, rng: Rng, { params, emulatorUrl }: FixContext): Promise<unknown> {
  const body = raw as { values: Record<string, string>; channelId?: string };
  const id = String(params.provider);
  const kind = manifestOf(id)?.auth.kind;
  if (!kind || !FORM.includes(kind)) return body;
  // A platform that is not offered has no emulator account to type: its form is refused before any call.
  if (manifestOf(id)?.availability?.status === "unavailable") return body;
  const typed = (await recipeOf(id)).fields?.(`${emulatorUrl}/${id}`, `fuzz_form_${rng.int(1e6)}`) ?? {};
  const generated = Object.values(body.values);
  // Half the forms as the emulator's user would fill them (then the connection itself is fuzzed), half partly generated.
  const asTyped = rng.chance(0.5);
  body.values = Object.fromEntries(
    Object.entries(typed).map(([k, v], i) => [k, asTyped || rng.chance(0.5) ? v : (generated[i] ?? String(edgeValue(rng)).slice(0, 300))]),
  );
  if (rng.chance(0.8)) delete body.channelId;
  return body;
}

export function credentialsForm(rng: Rng) {
  const email = rng.chance(0.5) ? String(edgeValue(rng)).slice(0, 5000) : `nobody-${rng.int(1e6)}@example.test`;
  const password = rng.chance(0.5) ? String(edgeValue(rng)).slice(0, 5000) : "wrong password 123";
  const real = rng.chance(0.8);
  const form = new URLSearchParams({ email, password, csrfToken: real ? csrf.token : String(edgeValue(rng)).slice(0, 500) });
  return {
    suffix: "/callback/credentials",
    init: {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", ...(real ? { cookie: csrf.cookie } : {}) },
    },
  };
}

export function rangeHeader(rng: Rng) {
  const range = rng.pick([
    "bytes=0-0",
    "bytes=-1",
    "bytes=5-",
    "bytes=99999999999999999999-",
    "bytes=1-0",
    "bytes=0-1,2-3",
    "items=0-1",
    "bytes=-",
    "bytes=\u00e9",
    "bytes=0-9007199254740993",
    String(rng.int(1e9)),
  ]);
  return { init: { method: "GET", headers: { range } } };
}

export function mcpCall(rng: Rng, pools: Pools) {
  const tool = rng.pick(TOOLS);
  const valid = sampleValid(tool.input, rng, pools);
  const args = rng.chance(0.3) ? valid : mutate(valid, rng);
  const r = rng.next();
  const message =
    r < 0.8
      ? JSON.stringify({
          jsonrpc: "2.0",
          id: rng.int(1000),
          method: "tools/call",
          params: { name: rng.chance(0.95) ? tool.name : String(edgeValue(rng)), arguments: args },
        })
      : r < 0.9
        ? JSON.stringify({ jsonrpc: "2.0", id: 1, method: rng.pick(["tools/list", "initialize", "ping", "resources/list"]), params: {} })
        : rng.pick(["", "{", "[]", deepJson(5000), '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":null}']);
  return {
    init: { method: "POST", body: message, headers: { "content-type": "application/json", accept: "application/json, text/event-stream" } },
  };
}

export function upload(rng: Rng) {
  const name = rng.chance(0.5) ? "photo.png" : String(edgeValue(rng)).slice(0, 400);
  let header: string;
  try {
    header = rng.chance(0.8) ? encodeURIComponent(name) : rng.pick(["%E0%A4%A", "%", "%00.png", "a%2Fb.png"]);
  } catch {
    header = "%ED%A0%80.png"; // a lone surrogate cannot be URI-encoded; its UTF-8 bytes are what a client would send
  }
  const body = rng.pick([
    bytes.png(2, 2),
    new Uint8Array(0),
    new Uint8Array([0, 0, 0]),
    new TextEncoder().encode("<svg onload=alert(1)>"),
    bytes.png(3, 1).slice(0, 20),
  ]);
  const type = rng.pick(["image/png", "text/html", "", "image/png; charset=\u00e9", "video/mp4", "application/octet-stream"]);
  const headers: Record<string, string> = { "x-file-name": header, "content-type": type };
  if (rng.chance(0.8)) headers["content-length"] = rng.pick([String(body.length), "-1", "1e3", "99999999999999", "abc"]);
  return { init: { method: "POST", body: Buffer.from(body), headers } };
}

// A CSV of the import's columns, half the time: channels named by id (of both organizations, so
// another's are tried), handle or garbage, dates good and bad, texts edge-case or too long, cells
// with quotes, line breaks and semicolons; the rest keeps the generated text as the file.
export async function csvImport(raw: unknown, rng: Rng): Promise<unknown> {
  const body = raw as { csv: string; action: string; rows?: string };
  if (rng.chance(0.4)) return body;
  const { db } = await import("@/lib/db/client");
  const channels = await db.integration.findMany({ select: { id: true, username: true }, take: 6 });
  const ref = () =>
    rng.pick([...channels.map((c) => c.id), ...channels.map((c) => `@${c.username}`), String(edgeValue(rng)).slice(0, 50), "nobody"]);
  const when = () =>
    rng.pick([
      new Date(Date.now() + (1 + rng.int(30)) * 86_400_000).toISOString(),
      "2027-03-14 02:30",
      "2026-02-30 10:00",
      "not a date",
      "",
      String(edgeValue(rng)).slice(0, 40),
    ]);
  const text = () => rng.pick(["hello", '"quoted, with ""quotes""\nand a line"', "x".repeat(400), String(edgeValue(rng)).slice(0, 200)]);
  const header = rng.pick(["date,channels,text", "date;channels;text;mode", "\uFEFFdate,timezone,channels,text,text:x,media", "date,body"]);
  const sep = header.includes(";") ? ";" : ",";
  const width = header.split(sep).length;
  const rows = Array.from({ length: 1 + rng.int(6) }, () =>
    [
      when(),
      ...Array.from({ length: width - 1 }, (_, i) => (i === 0 && !header.includes("timezone") ? ref() : i === 1 ? ref() : text())),
    ].join(sep),
  );
  body.csv = [header, ...rows].join(rng.chance(0.5) ? "\n" : "\r\n");
  return body;
}
