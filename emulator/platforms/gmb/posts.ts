import { isAnswer } from "@/emulator/kit/access";
import { fetchMedia, type MediaFetch } from "@/emulator/kit/fetch-media";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { accountOf, authorized, badField, gError, locationsOf, PLATFORM } from "./common";

// v4 local posts (developers.google.com/my-business/reference/rest/v4/accounts.locations.localPosts and
// content/posts-data): topicType STANDARD | EVENT | OFFER | ALERT; summary up to 1,500 characters;
// event (title + schedule) required for EVENT and OFFER; offer fields only on OFFER; a
// callToAction of BOOK, ORDER, SHOP, LEARN_MORE, SIGN_UP or CALL, with a url except for CALL
// (ignored on OFFER); media[{mediaFormat: PHOTO, sourceUrl}], which Google downloads: JPG or PNG,
// at most 5 MB, at least 250×250 (Business Profile photo guidelines). The answer is the LocalPost
// with name, state and searchUrl.

const TOPICS = new Set(["STANDARD", "EVENT", "OFFER", "ALERT"]);
const ACTIONS = new Set(["BOOK", "ORDER", "SHOP", "LEARN_MORE", "SIGN_UP", "CALL"]);
const SUMMARY_MAX = 1500;
const PHOTO_MAX = 5 * 1024 * 1024;
const PHOTO_MIN_SIDE = 250;

type Dt = { year?: unknown; month?: unknown; day?: unknown };
type Tod = { hours?: unknown; minutes?: unknown };
type Body = {
  summary?: unknown;
  topicType?: unknown;
  languageCode?: unknown;
  callToAction?: { actionType?: unknown; url?: unknown };
  event?: { title?: unknown; schedule?: { startDate?: Dt; startTime?: Tod; endDate?: Dt; endTime?: Tod } };
  offer?: { couponCode?: unknown; redeemOnlineUrl?: unknown; termsConditions?: unknown };
  media?: { mediaFormat?: unknown; sourceUrl?: unknown }[];
};

const isUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/[^\s]+$/.test(v);
const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : NaN);

function instant(field: string, d: Dt | undefined, t: Tod | undefined): number | EmuResponse {
  if (!d) return badField(field.replace("X", "Date"), "Required.");
  const [y, m, day] = [int(d.year), int(d.month), int(d.day)];
  const ms = Date.UTC(y, m - 1, day, t ? int(t.hours ?? 0) : 0, t ? int(t.minutes ?? 0) : 0);
  if (!Number.isFinite(ms) || m < 1 || m > 12 || day < 1 || day > 31) return badField(field.replace("X", "Date"), "Invalid date.");
  return ms;
}

/** The checks Google makes on a LocalPost body, in the order a request meets them; undefined when it passes. */
function check(b: Body): EmuResponse | undefined {
  if (typeof b.topicType !== "string" || !TOPICS.has(b.topicType))
    return badField("topic_type", "Required: STANDARD, EVENT, OFFER or ALERT.");
  if (b.summary !== undefined && typeof b.summary !== "string") return badField("summary", "Must be a string.");
  if (typeof b.summary === "string" && [...b.summary].length > SUMMARY_MAX)
    return badField("summary", `Must be at most ${SUMMARY_MAX} characters.`);
  const scheduled = b.topicType === "EVENT" || b.topicType === "OFFER";
  if (scheduled) {
    if (!b.event || typeof b.event !== "object") return badField("event", `Required for topic type ${b.topicType}.`);
    if (typeof b.event.title !== "string" || !b.event.title.trim()) return badField("event.title", "Required.");
    const s = b.event.schedule;
    if (!s) return badField("event.schedule", "Required.");
    const start = instant("event.schedule.startX", s.startDate, s.startTime);
    if (typeof start !== "number") return start;
    const end = instant("event.schedule.endX", s.endDate, s.endTime);
    if (typeof end !== "number") return end;
    if (end <= start) return badField("event.schedule.end_date", "The end must be after the start.");
  } else if (b.event) return badField("event", `Not allowed for topic type ${b.topicType}.`);
  if (b.offer && b.topicType !== "OFFER") return badField("offer", "Only for topic type OFFER.");
  if (b.offer?.redeemOnlineUrl !== undefined && !isUrl(b.offer.redeemOnlineUrl)) return badField("offer.redeem_online_url", "Invalid URL.");
  if (b.callToAction && b.topicType !== "OFFER") {
    const a = b.callToAction.actionType;
    if (typeof a !== "string" || !ACTIONS.has(a)) return badField("call_to_action.action_type", "Invalid action type.");
    if (a === "CALL" && b.callToAction.url !== undefined) return badField("call_to_action.url", "Not allowed for CALL.");
    if (a !== "CALL" && !isUrl(b.callToAction.url)) return badField("call_to_action.url", "Required: a valid URL.");
  }
  if (b.media !== undefined) {
    if (!Array.isArray(b.media)) return badField("media", "Must be a list.");
    for (const [i, m] of b.media.entries()) {
      if (m?.mediaFormat !== "PHOTO") return badField(`media[${i}].media_format`, "Only PHOTO is supported for local posts.");
      if (!isUrl(m.sourceUrl)) return badField(`media[${i}].source_url`, "Required: a public URL.");
    }
  }
  if (!(typeof b.summary === "string" && b.summary.trim()) && !b.media?.length && b.topicType === "STANDARD")
    return badField("summary", "A post needs a summary or a photo.");
  return undefined;
}

/** Google could not use the photo it downloaded: the reason, or undefined when it is fine. */
function photoProblem(f: MediaFetch): string | undefined {
  if (f.status !== 200) return `could not be fetched (${f.error ?? `HTTP ${f.status}`})`;
  if (!f.ok || !(f.sniffedType === "image/jpeg" || f.sniffedType === "image/png")) return "is not a JPG or PNG image";
  if (f.size > PHOTO_MAX) return "is larger than 5 MB";
  if (f.width !== undefined && f.height !== undefined && (f.width < PHOTO_MIN_SIDE || f.height < PHOTO_MIN_SIDE))
    return `is ${f.width}×${f.height}; photos must be at least ${PHOTO_MIN_SIDE}×${PHOTO_MIN_SIDE}`;
  return undefined;
}

function localPost(req: EmuRequest, p: RecordedPost) {
  const stamp = new Date(p.receivedAt).toISOString();
  const body = p.extra?.body as Body;
  const id = p.id.split("/").pop()!;
  return {
    ...body,
    name: p.id,
    state: "LIVE",
    createTime: stamp,
    updateTime: stamp,
    searchUrl: `${req.base}/local/posts?lpsid=${encodeURIComponent(id)}`,
  };
}

function ownLocation(state: EmulatorState, req: EmuRequest, params: Record<string, string>): { userId: string } | EmuResponse {
  const grant = authorized(state, req);
  if (isAnswer(grant)) return grant;
  const account = `accounts/${params.account}`;
  const location = `locations/${params.location}`;
  if (account !== accountOf(grant.accountId) || !locationsOf(grant.accountId).some((l) => l.name === location))
    return gError("NOT_FOUND", "Requested entity was not found.");
  return { userId: grant.accountId };
}

export function postRoutes(state: EmulatorState): Route[] {
  const posts = recorded(state, PLATFORM);
  const path = "/v4/accounts/:account/locations/:location/localPosts";
  return [
    {
      method: "POST",
      path,
      name: "post",
      async handle(req, params) {
        const owner = ownLocation(state, req, params);
        if (isAnswer(owner)) return owner;
        if (!(req.headers["content-type"] ?? "").includes("application/json"))
          return gError("INVALID_ARGUMENT", "Invalid JSON payload received. Content-Type must be application/json.");
        let b: Body;
        try {
          b = req.json<Body>();
          if (!b || typeof b !== "object" || Array.isArray(b)) throw new Error("not an object");
        } catch {
          return gError("INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        const refused = check(b);
        if (refused) return refused;
        // Google downloads the photo from sourceUrl; the emulator does too, and refuses what it cannot use.
        const mediaFetches: MediaFetch[] = [];
        for (const [i, m] of (b.media ?? []).entries()) {
          const f = await fetchMedia(String(m.sourceUrl));
          mediaFetches.push(f);
          const problem = photoProblem(f);
          if (problem) return badField(`media[${i}].source_url`, `The photo ${problem}.`);
        }
        const parent = `accounts/${params.account}/locations/${params.location}`;
        const post = posts.record({
          id: `${parent}/localPosts/${state.nextId()}`,
          accountId: owner.userId,
          text: typeof b.summary === "string" ? b.summary : "",
          media: (b.media ?? []).map((m) => String(m.sourceUrl)),
          extra: { body: b, parent, topicType: b.topicType, mediaFetches },
        });
        return json(200, localPost(req, post));
      },
    },
    {
      // accounts.locations.localPosts.list: newest first, pageSize up to 100.
      method: "GET",
      path,
      name: "post-list",
      handle(req, params) {
        const owner = ownLocation(state, req, params);
        if (isAnswer(owner)) return owner;
        const parent = `accounts/${params.account}/locations/${params.location}`;
        const size = Math.min(100, Math.max(1, Number(req.query.get("pageSize") ?? 20) || 20));
        const offset = Math.max(0, Number(req.query.get("pageToken") ?? 0) || 0);
        const all = state.posts
          .filter((p) => p.platform === PLATFORM && p.extra?.parent === parent)
          .sort((a, b) => b.receivedAt - a.receivedAt);
        const page = all.slice(offset, offset + size).map((p) => localPost(req, p));
        return json(200, { localPosts: page, ...(offset + size < all.length ? { nextPageToken: String(offset + size) } : {}) });
      },
    },
  ];
}
