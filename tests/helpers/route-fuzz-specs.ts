import { groupInputSchema, groupPatchSchema } from "@/lib/channel-groups/schemas";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { periodQuery } from "@/lib/analytics/periods";
import { refreshBodySchema } from "@/lib/analytics/query";
import { listPostsQuerySchema } from "@/lib/api/v1/operations/posts";
import { profileSchema } from "@/lib/auth/schemas";
import { channelPatchSchema, connectFieldsSchema, pagePickSchema } from "@/lib/channels/schemas";
import { fromUrlSchema } from "@/lib/media/from-url";
import { altSchema, listQuerySchema } from "@/lib/media/library";
import { TOOLS } from "@/lib/mcp/tools";
import { createInviteSchema } from "@/lib/orgs/invites";
import { organizationSchema } from "@/lib/orgs/members";
import { importRequestSchema } from "@/lib/imports/schemas";
import { newFeedSchema } from "@/lib/feeds/schemas";
import { linkPreviewQuerySchema } from "@/lib/link-preview/schemas";
import { bulkActionSchema } from "@/lib/posts/bulk.schema";
import { calendarQuerySchema, postInputSchema, postRangeQuerySchema, rescheduleSchema } from "@/lib/posts/schemas";
import { setInputSchema, setPatchSchema } from "@/lib/sets/schemas";
import { signatureInputSchema, signaturePatchSchema } from "@/lib/signatures/schemas";
import { occurrenceDeleteQuerySchema, occurrenceEditSchema, seriesInputSchema } from "@/lib/posts/series-schemas";
import { db } from "@/lib/db/client";
import { evergreenInputSchema } from "@/lib/evergreen/schemas";
import { freeSlotsQuerySchema, queueInputSchema, scheduleInputSchema } from "@/lib/schedules/schemas";
import type { AuthKind } from "@/providers/core/manifest";
import { manifestOf } from "@/providers/manifests";
import { recipeOf } from "./channels";
import * as bytes from "./media-bytes";
import { deepJson, edgeValue, mutate, sampleValid, type Pools, type Rng } from "./zod-fuzz";

// What tests/integration/fuzz-routes.test.ts feeds each route under app/api: per route file and
// method, which ids its path takes, the zod schemas of its body and query (the routes' own), and
// generators for the routes whose input is not JSON. A route file missing here fails that test.

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (req: NextRequest, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type IdKind =
  "post" | "target" | "channel" | "media" | "invite" | "provider" | "nextauth" | "setting" | "channelSet" | "signature" | "channelGroup";
export type Call = { url: string; init: ConstructorParameters<typeof NextRequest>[1] };
export type Spec = {
  params?: Record<string, IdKind>;
  body?: z.ZodType;
  query?: z.ZodType;
  /** For routes whose input is not JSON (uploads, byte ranges, Auth.js forms). */
  custom?: (rng: Rng, pools: Pools) => Omit<Call, "url"> & { suffix?: string };
  /** Makes a generated body valid across fields (rules a per-field generator cannot know), given the call's path values. */
  fix?: (valid: unknown, rng: Rng, call: FixContext) => unknown;
  runs?: number;
  /**
   * For routes about one platform: besides the `runs` random calls, `runs` more for each registered
   * platform that connects with one of these auth kinds, or (choices) has settings whose choices are
   * read from the channel — found through the manifests, so a new platform is fuzzed without an edit
   * here. In those calls the path names that platform, a channel of it and one of its choice fields.
   */
  perPlatform?: { auth?: AuthKind[]; choices?: boolean; runs: number };
  /** An /api/v1 route: calls carry the signed-in organization's API key (Authorization: Bearer), a few none or a wrong one. */
  bearer?: boolean;
};
export type FixContext = { params: Record<string, string | string[]>; emulatorUrl: string };

// Query strings of the browser routes (OAuth connect and callback): they have no zod schema of
// their own, so their shape is written here.
const SIGN_IN: AuthKind[] = ["oauth2", "oauth2-pick", "instance-oauth"];
const FORM: AuthKind[] = ["fields", "bot"];
const linkQuery = z.object({ code: z.string().optional() });
const connectQuery = z.object({ instance: z.string().optional(), channel: z.string().optional() });
const callbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export const SPECS: Record<string, Partial<Record<Method, Spec>>> = {
  "analytics/channels/[id]": { GET: { params: { id: "channel" }, query: periodQuery } },
  "analytics/posts/[id]": { GET: { params: { id: "target" } } },
  "analytics/records": { GET: { query: periodQuery } },
  "analytics/refresh": { POST: { body: refreshBodySchema, runs: 25 } },
  analytics: { GET: { query: periodQuery } },
  "analytics/status": { GET: {} },
  "auth/[...nextauth]": {
    GET: { params: { nextauth: "nextauth" }, runs: 15 },
    POST: { params: { nextauth: "nextauth" }, custom: credentialsForm, runs: 12 },
  },
  calendar: { GET: { query: calendarQuerySchema, runs: 60 } },
  "link-preview": { GET: { query: linkPreviewQuerySchema, runs: 20 } },
  "channels/[id]/choices/[field]": {
    GET: { params: { id: "channel", field: "setting" }, runs: 30, perPlatform: { choices: true, runs: 6 } },
  },
  "channels/[id]/pages": { GET: { params: { id: "channel" } }, POST: { params: { id: "channel" }, body: pagePickSchema } },
  "channels/[id]": {
    GET: { params: { id: "channel" } },
    PATCH: { params: { id: "channel" }, body: channelPatchSchema },
    DELETE: { params: { id: "channel" }, runs: 10 },
  },
  "channels/[id]/scheduled": { GET: { params: { id: "channel" } } },
  channels: { GET: {} },
  health: { GET: {} },
  "integrations/[provider]/callback": {
    GET: { params: { provider: "provider" }, query: callbackQuery, perPlatform: { auth: SIGN_IN, runs: 5 } },
  },
  "integrations/[provider]/connect": {
    GET: { params: { provider: "provider" }, query: connectQuery, perPlatform: { auth: SIGN_IN, runs: 6 } },
  },
  "integrations/[provider]/fields": {
    POST: {
      params: { provider: "provider" },
      body: connectFieldsSchema,
      fix: connectForm,
      runs: 40,
      perPlatform: { auth: FORM, runs: 10 },
    },
  },
  // Bot platforms that link a chat by a one-time code: issue one, and ask whether it linked (any code, any platform).
  "integrations/[provider]/link": {
    POST: { params: { provider: "provider" }, runs: 10, perPlatform: { auth: ["bot"], runs: 4 } },
    GET: { params: { provider: "provider" }, query: linkQuery, runs: 20, perPlatform: { auth: ["bot"], runs: 8 } },
  },
  integrations: { GET: {} },
  "invites/[id]": { DELETE: { params: { id: "invite" } } },
  invites: { GET: {}, POST: { body: createInviteSchema } },
  me: { GET: {}, PATCH: { body: profileSchema } },
  "media/[id]/file": { GET: { params: { id: "media" }, custom: rangeHeader } },
  "media/[id]": {
    GET: { params: { id: "media" } },
    PATCH: { params: { id: "media" }, body: altSchema },
    DELETE: { params: { id: "media" }, runs: 10 },
  },
  media: { GET: { query: listQuerySchema, runs: 50 }, POST: { custom: upload, runs: 40 } },
  members: { GET: {} },
  organizations: { GET: {}, POST: { body: organizationSchema } },
  "posts/[id]/cancel": { POST: { params: { id: "post" } } },
  "posts/[id]/duplicate": { POST: { params: { id: "post" } } },
  "posts/[id]/reschedule": { POST: { params: { id: "post" }, body: rescheduleSchema, runs: 60 } },
  "posts/[id]": {
    GET: { params: { id: "post" } },
    PUT: { params: { id: "post" }, body: postInputSchema, fix: validPost, runs: 120 },
    DELETE: { params: { id: "post" }, runs: 10 },
  },
  posts: { GET: { query: postRangeQuerySchema, runs: 60 }, POST: { body: postInputSchema, fix: validPost, runs: 200 } },
  "posts/import": { POST: { body: importRequestSchema, fix: csvImport, runs: 60 } },
  "posts/import/template": { GET: {} },
  "posts/bulk": { POST: { body: bulkActionSchema, runs: 60 } },
  "targets/[id]/retry": { POST: { params: { id: "target" } } },
  "channel-sets": { GET: {}, POST: { body: setInputSchema, fix: plainSet, runs: 60 } },
  "channel-sets/[id]": {
    PATCH: { params: { id: "channelSet" }, body: setPatchSchema, fix: plainSet, runs: 60 },
    DELETE: { params: { id: "channelSet" }, runs: 10 },
  },
  "channel-groups": { GET: {}, POST: { body: groupInputSchema, runs: 60 } },
  "channel-groups/[id]": {
    PATCH: { params: { id: "channelGroup" }, body: groupPatchSchema, runs: 60 },
    DELETE: { params: { id: "channelGroup" }, runs: 10 },
  },
  signatures: { GET: {}, POST: { body: signatureInputSchema, fix: knownPlatforms, runs: 60 } },
  "signatures/[id]": {
    PATCH: { params: { id: "signature" }, body: signaturePatchSchema, fix: knownPlatforms, runs: 60 },
    DELETE: { params: { id: "signature" }, runs: 10 },
  },
  series: { POST: { body: seriesInputSchema, fix: validSeries, runs: 80 } },
  "posts/[id]/occurrence": {
    PUT: { params: { id: "post" }, body: occurrenceEditSchema, fix: validSeries, runs: 40 },
    DELETE: { params: { id: "post" }, query: occurrenceDeleteQuerySchema, runs: 10 },
  },
  "posts/[id]/series": { GET: { params: { id: "post" } }, DELETE: { params: { id: "post" }, runs: 10 } },
  schedules: { GET: {}, PUT: { body: scheduleInputSchema, fix: validSchedule, runs: 60 } },
  "schedules/slots": { GET: { query: freeSlotsQuerySchema, runs: 40 } },
  queue: { POST: { body: queueInputSchema, fix: queueable, runs: 80 } },
  evergreen: { GET: {} },
  "posts/[id]/evergreen": {
    PUT: { params: { id: "post" }, body: evergreenInputSchema, runs: 30 },
    DELETE: { params: { id: "post" }, runs: 10 },
  },
  // The public API (/api/v1): API keys instead of the session.
  "v1/openapi.json": { GET: { runs: 3 } },
  "v1/channels": { GET: { bearer: true } },
  "v1/channels/[id]": { GET: { params: { id: "channel" }, bearer: true } },
  "v1/channels/[id]/disable": { POST: { params: { id: "channel" }, bearer: true, runs: 10 } },
  "v1/posts": {
    GET: { query: listPostsQuerySchema, bearer: true, runs: 25 },
    POST: { body: postInputSchema, fix: validPost, bearer: true, runs: 50 },
  },
  "v1/posts/[id]": {
    GET: { params: { id: "post" }, bearer: true },
    PUT: { params: { id: "post" }, body: postInputSchema, fix: validPost, bearer: true, runs: 30 },
    DELETE: { params: { id: "post" }, bearer: true, runs: 10 },
  },
  "v1/posts/[id]/reschedule": { POST: { params: { id: "post" }, body: rescheduleSchema, bearer: true, runs: 20 } },
  "v1/posts/[id]/cancel": { POST: { params: { id: "post" }, bearer: true } },
  "v1/posts/[id]/duplicate": { POST: { params: { id: "post" }, bearer: true } },
  "v1/posts/import": { POST: { body: importRequestSchema, fix: csvImport, runs: 40, bearer: true } },
  "v1/feeds": { GET: { bearer: true }, POST: { body: newFeedSchema, runs: 40, bearer: true } },
  "v1/feeds/[id]": { DELETE: { params: { id: "post" }, runs: 10, bearer: true } },
  "v1/feeds/[id]/check": { POST: { params: { id: "post" }, runs: 10, bearer: true } },
  "v1/targets/[id]/retry": { POST: { params: { id: "target" }, bearer: true } },
  "v1/media": { GET: { query: listQuerySchema, bearer: true, runs: 30 }, POST: { custom: upload, bearer: true, runs: 30 } },
  "v1/media/from-url": { POST: { body: fromUrlSchema, bearer: true, runs: 30 } },
  "v1/media/[id]": { DELETE: { params: { id: "media" }, bearer: true, runs: 10 } },
  "v1/analytics/overview": { GET: { query: periodQuery, bearer: true } },
  "v1/analytics/channels/[id]": { GET: { params: { id: "channel" }, query: periodQuery, bearer: true } },
  "v1/analytics/posts/[id]": { GET: { params: { id: "target" }, bearer: true } },
  "v1/schedules": { GET: { bearer: true }, PUT: { body: scheduleInputSchema, fix: validSchedule, bearer: true, runs: 30 } },
  "v1/schedules/free-slots": { GET: { query: freeSlotsQuerySchema, bearer: true, runs: 20 } },
  "v1/queue": { POST: { body: queueInputSchema, fix: queueable, bearer: true, runs: 30 } },
  "v1/series": { POST: { body: seriesInputSchema, fix: validSeries, bearer: true, runs: 30 } },
  "v1/posts/[id]/series": { DELETE: { params: { id: "post" }, bearer: true, runs: 10 } },
  "v1/channel-sets": { GET: { bearer: true }, POST: { body: setInputSchema, fix: plainSet, bearer: true, runs: 30 } },
  "v1/channel-groups": { GET: { bearer: true }, POST: { body: groupInputSchema, bearer: true, runs: 30 } },
  "v1/signatures": { GET: { bearer: true }, POST: { body: signatureInputSchema, fix: knownPlatforms, bearer: true, runs: 30 } },
  // The MCP endpoint: JSON-RPC calls of every tool with arguments from its own schema, then broken.
  mcp: { POST: { custom: mcpCall, bearer: true, runs: 80 }, GET: { bearer: true, runs: 3 }, DELETE: { bearer: true, runs: 3 } },
};

// A recurring post whose content every seeded channel accepts (as validPost) and whose rule is
// mostly short, so the series' occurrences are created and written.
function validSeries(raw: unknown, rng: Rng): unknown {
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
function validPost(raw: unknown, rng: Rng): unknown {
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
function plainSet(raw: unknown, rng: Rng): unknown {
  const body = raw as { channels?: { settings?: unknown }[] };
  for (const c of body.channels ?? []) if (rng.chance(0.7)) c.settings = {};
  return body;
}

// Signatures limited to platforms this server has, mostly.
function knownPlatforms(raw: unknown, rng: Rng): unknown {
  const body = raw as { providers?: string[] };
  if (body.providers && rng.chance(0.7)) body.providers = rng.chance(0.5) ? [] : ["x"];
  return body;
}

// A schedule that could be saved: a real zone, real times, and channels of the seed (either
// organization's, so some are foreign), most of the time.
async function validSchedule(raw: unknown, rng: Rng): Promise<unknown> {
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
async function queueable(raw: unknown, rng: Rng): Promise<unknown> {
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
async function connectForm(raw: unknown, rng: Rng, { params, emulatorUrl }: FixContext): Promise<unknown> {
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

function credentialsForm(rng: Rng) {
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

function rangeHeader(rng: Rng) {
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

function mcpCall(rng: Rng, pools: Pools) {
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

function upload(rng: Rng) {
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
async function csvImport(raw: unknown, rng: Rng): Promise<unknown> {
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
