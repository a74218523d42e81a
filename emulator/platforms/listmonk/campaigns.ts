import { randomUUID } from "node:crypto";
import sanitize from "sanitize-html";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { mediaIn } from "./media";
import { renderTemplate } from "./template";
import { isAnswer, lacks, lmError, P, apiUser } from "./users";

// Campaigns as Listmonk's API documents them (docs: apis/campaigns.md; cmd/campaigns.go
// validateCampaignFields): created as drafts, started or scheduled through their status, read
// back one by one or as a filtered, paginated list. Each campaign is recorded once, when it is
// created, with the text a subscriber reads.

export const LISTS = [
  { id: 1, uuid: "ce13e971-c2ed-4069-bd0c-240669f2c46a", name: "Default list", type: "private", optin: "single", subscriber_count: 3 },
  { id: 2, uuid: "f7e2b1c4-6d0a-4b8e-9c1f-2a3b4c5d6e7f", name: "Opt-in list", type: "public", optin: "double", subscriber_count: 0 },
];
export const TEMPLATES = [
  { id: 1, name: "Default campaign template", type: "campaign", is_default: true },
  { id: 2, name: "Default archive template", type: "campaign", is_default: false },
  { id: 3, name: "Sample visual template", type: "campaign_visual", is_default: false },
  { id: 4, name: "Sample transactional template", type: "tx", is_default: false },
];

const CONTENT_TYPES = new Set(["richtext", "html", "markdown", "plain", "visual"]);
const FROM_RE = /^(.+?)\s<(.+?)@(.+?)>$|^[^\s<>@]+@[^\s<>@]+$/;

export type Campaign = {
  id: number;
  uuid: string;
  created_at: string;
  updated_at: string;
  name: string;
  subject: string;
  from_email: string;
  body: string;
  altbody: string | null;
  send_at: string | null;
  started_at: string | null;
  status: string;
  type: string;
  content_type: string;
  tags: string[];
  template_id: number;
  messenger: string;
  lists: { id: number; name: string }[];
  to_send: number;
  sent: number;
  archive: boolean;
  archive_slug: string | null;
  archive_template_id: number;
};

const campaignOf = (p: RecordedPost) => p.extra!.campaign as Campaign;
const allCampaigns = (state: EmulatorState) => state.posts.filter((p) => p.platform === P).map(campaignOf);

export function findCampaign(state: EmulatorState, id: string): Campaign | undefined {
  const p = recorded(state, P).find(id);
  return p && campaignOf(p);
}

/** What a subscriber reads: the rendered body without its markup. */
export function readerText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|h[1-6]|li|blockquote|pre)>/gi, "$&\n");
  return sanitize(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(lt|gt|quot|amp|#39);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&", "#39": "'" })[e]!)
    .trim();
}

/** The counters Listmonk keeps for a campaign; nothing is viewed or clicked before it is sent. */
function withStats(c: Campaign, noBody: boolean) {
  const started = c.started_at ? Date.parse(c.started_at) : undefined;
  const n = (metric: string) => (started === undefined ? 0 : postCounter(String(c.id), metric, started));
  return { ...c, ...(noBody ? { body: "" } : {}), views: n("views"), clicks: n("clicks"), bounces: n("bounces") };
}

type CreateBody = Partial<{
  name: unknown;
  subject: unknown;
  lists: unknown;
  from_email: unknown;
  type: unknown;
  content_type: unknown;
  body: unknown;
  altbody: unknown;
  send_at: unknown;
  messenger: unknown;
  template_id: unknown;
  tags: unknown;
  archive: unknown;
  archive_slug: unknown;
  archive_template_id: unknown;
}>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const len = (s: string) => [...s].length;

export function createCampaign(state: EmulatorState, req: EmuRequest): EmuResponse {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "campaigns:manage_all");
  if (refused) return refused;
  let b: CreateBody;
  try {
    b = req.json<CreateBody>();
  } catch {
    return lmError(400, "Invalid JSON in request body.");
  }
  const from = str(b.from_email).trim() || "Emulated Listmonk <noreply@listmonk.emulator.test>";
  if (!FROM_RE.test(from)) return lmError(400, "Invalid `from_email`.");
  if (len(str(b.name)) < 1 || len(str(b.name)) > 2000) return lmError(400, "Invalid length for name.");
  if (len(str(b.subject)) < 1 || len(str(b.subject)) > 5000) return lmError(400, "Invalid length for subject.");
  const sendAt = b.send_at === undefined || b.send_at === null ? null : Date.parse(str(b.send_at));
  if (sendAt !== null && (Number.isNaN(sendAt) || sendAt < Date.now())) return lmError(400, "Scheduled date should be in the future.");
  const listIds = Array.isArray(b.lists) ? b.lists.filter((x): x is number => Number.isInteger(x)) : [];
  if (!listIds.length) return lmError(400, "Invalid list IDs.");
  const messenger = str(b.messenger) || "email";
  if (messenger !== "email") return lmError(400, `Unknown messenger ${messenger}.`);
  const body = str(b.body);
  const altbody = typeof b.altbody === "string" ? b.altbody : null;
  const rendered = renderTemplate(body);
  if ("error" in rendered) return lmError(400, `Error compiling campaign body: ${rendered.error}`);
  const alt = altbody === null ? undefined : renderTemplate(altbody);
  if (alt && "error" in alt) return lmError(400, `Error compiling campaign body: ${alt.error}`);
  const templateId = b.template_id === undefined ? 1 : Number(b.template_id);
  const template = TEMPLATES.find((t) => t.id === templateId);
  if (!template || template.type === "tx") return lmError(404, "Template not found.");
  const lists = LISTS.filter((l) => listIds.includes(l.id));
  const toSend = lists.reduce((s, l) => s + l.subscriber_count, 0);
  if (!toSend) return lmError(400, "There are no subscribers in the selected lists to create the campaign.");

  const now = new Date().toISOString();
  const id = Math.max(0, ...allCampaigns(state).map((c) => c.id)) + 1;
  const contentType = CONTENT_TYPES.has(str(b.content_type)) ? str(b.content_type) : "richtext";
  const campaign: Campaign = {
    id,
    uuid: randomUUID(),
    created_at: now,
    updated_at: now,
    name: str(b.name),
    subject: str(b.subject),
    from_email: from,
    body,
    altbody,
    send_at: sendAt === null ? null : new Date(sendAt).toISOString(),
    started_at: null,
    status: "draft",
    type: str(b.type) === "optin" ? "optin" : "regular",
    content_type: contentType,
    tags: Array.isArray(b.tags) ? b.tags.filter((t): t is string => typeof t === "string") : [],
    template_id: templateId,
    messenger,
    lists: lists.map((l) => ({ id: l.id, name: l.name })),
    to_send: toSend,
    sent: 0,
    archive: b.archive === true,
    archive_slug: typeof b.archive_slug === "string" ? b.archive_slug : null,
    archive_template_id: b.archive_template_id === undefined ? templateId : Number(b.archive_template_id),
  };
  recorded(state, P).record({
    id: String(id),
    accountId: user.account.id,
    text: readerText(rendered.text),
    media: mediaIn(state, req.base, body),
    extra: { campaign },
  });
  return json(200, { data: withStats(campaign, false) });
}

// The documented state machine of PUT /api/campaigns/{id}/status.
const FROM_STATES: Record<string, { from: string[]; refusal: string }> = {
  running: { from: ["draft", "paused"], refusal: "Only paused campaigns and drafts can be started." },
  scheduled: { from: ["draft"], refusal: "Only draft or paused campaigns can be scheduled." },
  draft: { from: ["scheduled"], refusal: "Only scheduled campaigns can be unscheduled." },
  paused: { from: ["running"], refusal: "Only running campaigns can be paused." },
  cancelled: { from: ["running"], refusal: "Only running campaigns can be cancelled." },
};

export function updateStatus(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "campaigns:send");
  if (refused) return refused;
  const c = findCampaign(state, id);
  if (!c) return lmError(404, "Campaign not found.");
  let status = "";
  try {
    status = str(req.json<{ status?: unknown }>().status);
  } catch {
    return lmError(400, "Invalid JSON in request body.");
  }
  const rule = FROM_STATES[status];
  if (!rule) return lmError(400, "Invalid status.");
  if (!rule.from.includes(c.status)) return lmError(400, rule.refusal);
  if (status === "scheduled" && (!c.send_at || Date.parse(c.send_at) < Date.now()))
    return lmError(400, "Scheduled date should be in the future.");
  c.status = status;
  c.updated_at = new Date().toISOString();
  if (status === "running") {
    c.started_at ??= c.updated_at;
    // The emulator "sends" at once.
    c.sent = c.to_send;
  }
  return json(200, { data: withStats(c, false) });
}

export function getCampaign(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "campaigns:get_all");
  if (refused) return refused;
  const c = findCampaign(state, id);
  if (!c) return lmError(404, "Campaign not found.");
  return json(200, { data: withStats(c, req.query.get("no_body") === "true") });
}

/** GET /api/campaigns: filtered by status and tags (a campaign must carry every tag asked), newest first by default. */
export function queryCampaigns(state: EmulatorState, req: EmuRequest): EmuResponse {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "campaigns:get_all");
  if (refused) return refused;
  const statuses = req.query.getAll("status");
  const tags = req.query.getAll("tags");
  const orderBy = req.query.get("order_by") || "created_at";
  const asc = (req.query.get("order") || "desc").toLowerCase() === "asc";
  const key = (c: Campaign) =>
    orderBy === "name" ? c.name : orderBy === "status" ? c.status : orderBy === "updated_at" ? c.updated_at : c.created_at;
  const matching = allCampaigns(state)
    .filter((c) => (!statuses.length || statuses.includes(c.status)) && tags.every((t) => c.tags.includes(t)))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (asc ? 1 : -1));
  const perPageRaw = req.query.get("per_page");
  const perPage = perPageRaw === "all" ? matching.length || 1 : Math.min(Math.max(Number(perPageRaw) || 20, 1), 50);
  const page = Math.max(Number(req.query.get("page")) || 1, 1);
  const noBody = req.query.get("no_body") === "true";
  const results = matching.slice((page - 1) * perPage, page * perPage).map((c) => withStats(c, noBody));
  return json(200, { data: { results, query: "", total: matching.length, per_page: perPage, page } });
}

export function deleteCampaign(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const user = apiUser(state, req);
  if (isAnswer(user)) return user;
  const refused = lacks(user, "campaigns:manage_all");
  if (refused) return refused;
  const c = findCampaign(state, id);
  if (!c) return lmError(404, "Campaign not found.");
  if (c.status === "running") return lmError(400, "Cannot delete a running campaign.");
  state.posts = state.posts.filter((p) => !(p.platform === P && p.id === id));
  return json(200, { data: true });
}
