import { dailyFigure, dayOf, postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import type { Upload } from "./media";
import { boardsOf, paged, pinError, PLATFORM, requireUser } from "./support";

// Pins (../shared/platforms/pinterest.md §2, §3, §5): POST /v5/pins checks the body as the
// OpenAPI spec's PinCreate does (a numeric board_id the account owns, a section of that board,
// the length limits, one media_source of a known source_type), answers 201 with the Pin;
// GET /v5/pins lists the account's pins newest first; the analytics routes serve deterministic
// figures for at most the last 90 days.

const IMAGE_TYPES = ["image/jpeg", "image/png"];
const MAX = { title: 100, description: 800, link: 2048, alt_text: 500 };
const ACCOUNT_METRICS = [
  "ENGAGEMENT",
  "ENGAGEMENT_RATE",
  "IMPRESSION",
  "OUTBOUND_CLICK",
  "OUTBOUND_CLICK_RATE",
  "PIN_CLICK",
  "PIN_CLICK_RATE",
  "SAVE",
  "SAVE_RATE",
];
const PIN_METRICS = [
  "IMPRESSION",
  "OUTBOUND_CLICK",
  "PIN_CLICK",
  "SAVE",
  "SAVE_RATE",
  "TOTAL_COMMENTS",
  "TOTAL_REACTIONS",
  "USER_FOLLOW",
  "PROFILE_VISIT",
];
const DAY_MS = 86_400_000;

const bad = (message: string) => pinError(400, 1, message);

/** A base64 image whose bytes are what content_type says; else the refusal. */
function checkImage(v: { content_type?: unknown; data?: unknown }, at: string): string | undefined {
  if (typeof v.content_type !== "string" || !IMAGE_TYPES.includes(v.content_type))
    return `${at}.content_type must be one of ${IMAGE_TYPES.join(", ")}`;
  if (typeof v.data !== "string" || !v.data) return `${at}.data is required`;
  const bytes = Buffer.from(v.data, "base64");
  const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!(v.content_type === "image/png" ? png : jpeg)) return `${at}.data is not a ${v.content_type} image`;
  return undefined;
}

function checkSource(src: Record<string, unknown>, accountId: string, uploads: Map<string, Upload>): string | undefined {
  switch (src.source_type) {
    case "image_base64":
      return checkImage(src, "media_source");
    case "image_url":
      return typeof src.url === "string" && /^https?:\/\//.test(src.url) ? undefined : "media_source.url must be an http(s) URL";
    case "multiple_image_base64": {
      const items = src.items;
      if (!Array.isArray(items)) return "media_source.items is required";
      if (items.length < 2) return `media_source.items: constraint: minItems=2`;
      if (items.length > 5) return `media_source.items: constraint: maxItems=5`;
      for (const [i, it] of items.entries()) {
        const p = checkImage((it ?? {}) as Record<string, unknown>, `media_source.items[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    case "video_id": {
      const u = typeof src.media_id === "string" ? uploads.get(src.media_id) : undefined;
      if (!u || u.accountId !== accountId) return `media_source.media_id ${String(src.media_id)} is not a media upload of this account`;
      if (u.status !== "succeeded") return `Media upload ${String(src.media_id)} is not ready (status ${u.status})`;
      const cover =
        typeof src.cover_image_url === "string" ||
        (typeof src.cover_image_data === "string" && typeof src.cover_image_content_type === "string") ||
        typeof src.cover_image_key_frame_time === "number";
      return cover
        ? undefined
        : "A video Pin needs a cover: cover_image_url or cover_image_content_type and cover_image_data, or cover_image_key_frame_time";
    }
    default:
      return `media_source.source_type ${String(src.source_type)} is not supported`;
  }
}

const pinOf = (p: RecordedPost) => ({
  id: p.id,
  created_at: new Date(p.receivedAt).toISOString(),
  board_id: p.extra?.board_id,
  board_section_id: p.extra?.board_section_id ?? null,
  title: p.extra?.title ?? null,
  description: p.text,
  link: p.extra?.link ?? null,
  alt_text: p.extra?.alt_text ?? null,
  media: { media_type: p.extra?.media_type },
});

function createPin(state: EmulatorState, req: EmuRequest, uploads: Map<string, Upload>): EmuResponse {
  const acc = requireUser(state, req, ["boards:read", "pins:write"]);
  if ("status" in acc) return acc;
  if (!(req.headers["content-type"] ?? "").includes("application/json")) return bad("Content-Type must be application/json");
  let b: Record<string, unknown>;
  try {
    b = req.json();
  } catch {
    return bad("Invalid JSON body");
  }
  if (typeof b.board_id !== "string") return bad("Missing field: board_id");
  if (!/^\d+$/.test(b.board_id)) return bad(`'${b.board_id}' does not match '^\\d+$' - 'board_id'`);
  const board = boardsOf(acc).find((x) => x.id === b.board_id);
  if (!board) return pinError(404, 40, "Board not found.");
  if (b.board_section_id != null && !board.sections.some((s) => s.id === b.board_section_id))
    return pinError(404, 41, "Board section not found.");
  for (const [field, max] of Object.entries(MAX)) {
    const v = b[field];
    if (v == null) continue;
    if (typeof v !== "string") return bad(`${field} must be a string`);
    if ([...v].length > max) return bad(`'${field}' is too long: constraint: maxLength=${max}`);
  }
  if (typeof b.link === "string" && !/^https?:\/\//.test(b.link)) return bad("link must be an http(s) URL");
  const src = b.media_source;
  if (!src || typeof src !== "object") return bad("Missing field: media_source");
  const problem = checkSource(src as Record<string, unknown>, acc.id, uploads);
  if (problem) return bad(problem);
  const s = src as Record<string, unknown>;
  const media =
    s.source_type === "multiple_image_base64"
      ? (s.items as unknown[]).map(() => state.nextId())
      : [s.source_type === "video_id" ? String(s.media_id) : state.nextId()];
  const post = recorded(state, PLATFORM).record({
    accountId: acc.id,
    text: typeof b.description === "string" ? b.description : "",
    media,
    extra: {
      board_id: board.id,
      board_section_id: b.board_section_id ?? null,
      title: b.title ?? null,
      link: b.link ?? null,
      alt_text: b.alt_text ?? null,
      source_type: s.source_type,
      media_type: s.source_type === "video_id" ? "video" : s.source_type === "multiple_image_base64" ? "multiple_images" : "image",
    },
  });
  return json(201, pinOf(post));
}

function listPins(state: EmulatorState, req: EmuRequest): EmuResponse {
  const acc = requireUser(state, req, ["boards:read", "pins:read"]);
  if ("status" in acc) return acc;
  const mine = recorded(state, PLATFORM)
    .byAccount(acc.id)
    .sort((a, b) => b.receivedAt - a.receivedAt)
    .map(pinOf);
  const page = paged(mine, req);
  return "status" in page ? page : json(200, page);
}

/** start_date/end_date as Pinterest checks them: ISO dates, start not after end, start at most 90 days back. */
function dateRange(req: EmuRequest): { days: string[] } | EmuResponse {
  const start = req.query.get("start_date") ?? "";
  const end = req.query.get("end_date") ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end))
    return bad("start_date and end_date are required (YYYY-MM-DD)");
  const s = Date.parse(`${start}T00:00:00Z`);
  const e = Date.parse(`${end}T00:00:00Z`);
  if (s > e) return bad("start_date must be before end_date");
  if (s < Date.now() - 91 * DAY_MS) return bad("start_date cannot be more than 90 days ago");
  const days: string[] = [];
  for (let d = s; d <= e; d += DAY_MS) days.push(dayOf(d));
  return { days };
}

function metricTypes(req: EmuRequest, allowed: string[]): string[] | EmuResponse {
  const types = (req.query.get("metric_types") ?? "").split(",").filter(Boolean);
  if (!types.length) return bad("metric_types is required");
  const unknown = types.find((t) => !allowed.includes(t));
  return unknown ? bad(`metric_types: '${unknown}' is not a valid value`) : types;
}

function accountAnalytics(state: EmulatorState, req: EmuRequest): EmuResponse {
  const acc = requireUser(state, req, ["user_accounts:read"]);
  if ("status" in acc) return acc;
  const range = dateRange(req);
  if ("status" in range) return range;
  const types = metricTypes(req, ACCOUNT_METRICS);
  if ("status" in types) return types;
  const today = dayOf(Date.now());
  const daily = range.days.map((date) => ({
    date,
    // Today's figures are still being counted.
    data_status: date === today ? "PROCESSING" : "READY",
    metrics: Object.fromEntries(types.map((t) => [t, dailyFigure(acc.id, t, date, t.endsWith("_RATE") ? 1 : 120)])),
  }));
  const summary = Object.fromEntries(types.map((t) => [t, daily.reduce((s, d) => s + (d.metrics[t] ?? 0), 0)]));
  return json(200, { all: { daily_metrics: daily, summary_metrics: summary } });
}

function pinAnalytics(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const acc = requireUser(state, req, ["boards:read", "pins:read"]);
  if ("status" in acc) return acc;
  const pin = recorded(state, PLATFORM).find(id);
  if (!pin || pin.accountId !== acc.id) return pinError(404, 50, "Pin not found.");
  const range = dateRange(req);
  if ("status" in range) return range;
  const types = metricTypes(req, PIN_METRICS);
  if ("status" in types) return types;
  const totals = Object.fromEntries(types.map((t) => [t, postCounter(pin.id, t.toLowerCase(), pin.receivedAt)]));
  return json(200, { all: { daily_metrics: [], summary_metrics: totals, lifetime_metrics: totals } });
}

export function pinRoutes(state: EmulatorState, uploads: Map<string, Upload>): Route[] {
  return [
    { method: "POST", path: "/v5/pins", name: "post", handle: (req) => createPin(state, req, uploads) },
    { method: "GET", path: "/v5/pins", name: "pins", handle: (req) => listPins(state, req) },
    { method: "GET", path: "/v5/pins/:id/analytics", name: "pin-analytics", handle: (req, p) => pinAnalytics(state, req, p.id!) },
    { method: "GET", path: "/v5/user_account/analytics", name: "analytics", handle: (req) => accountAnalytics(state, req) },
  ];
}
