import { tweetPublicMetrics } from "./metrics";
import twitterText from "twitter-text";
import type { EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { isAnswer } from "@/emulator/kit/access";
import { duplicate, guard, invalidRequest, problem, readText, uploads, withRateLimits } from "./common";
import { recorded } from "@/emulator/kit/recording";

// POST /2/tweets checked against the documented contract, and GET /2/tweets/:id.

const FIELDS = new Set([
  "text",
  "media",
  "poll",
  "reply",
  "quote_tweet_id",
  "reply_settings",
  "community_id",
  "share_with_followers",
  "geo",
  "for_super_followers_only",
  "made_with_ai",
  "paid_partnership",
  "nullcast",
  "card_uri",
  "edit_options",
  "direct_message_deep_link",
]);
const REPLY_SETTINGS = ["following", "mentionedUsers", "subscribers", "verified"];
export const MAX_WEIGHTED = 280;
// X counts with twitter-text, its published reference (docs.x.com, "Counting characters"): NFC,
// links as 23, CJK and emoji as 2. The emulator asks the library itself rather than the
// provider's counter, which re-implements the weights, so a mistake there is refused here.
export const weightedLength = (text: string) => twitterText.parseTweet(text).weightedLength;
// Ids are numeric strings (the shared emulator state makes them longer than X's 19 digits).
const digits = (v: unknown) => typeof v === "string" && /^\d+$/.test(v);

type TweetBody = {
  text?: unknown;
  media?: { media_ids?: unknown };
  poll?: { options?: unknown; duration_minutes?: unknown };
  reply?: { in_reply_to_tweet_id?: unknown };
  quote_tweet_id?: unknown;
  reply_settings?: unknown;
  community_id?: unknown;
};

/** Schema-level checks: each broken parameter becomes one errors[] entry. */
function schemaProblems(b: TweetBody): string[] {
  const out: string[] = [];
  for (const k of Object.keys(b))
    if (!FIELDS.has(k)) out.push(`$.${k}: is not defined in the schema and the schema does not allow additional properties`);
  if (b.text !== undefined && typeof b.text !== "string") out.push("$.text: string found, but a different type was given");
  const ids = b.media?.media_ids;
  if (b.media !== undefined) {
    if (!Array.isArray(ids)) out.push("$.media.media_ids: is missing but it is required");
    else if (ids.length < 1) out.push("$.media.media_ids: there must be a minimum of 1 items in the array");
    else if (ids.length > 4) out.push("$.media.media_ids: there must be a maximum of 4 items in the array");
    else if (!ids.every(digits)) out.push("$.media.media_ids: every item must be a numeric id string");
  }
  if (!(typeof b.text === "string" && b.text.length) && b.media === undefined) out.push("$.text: is required unless media is present");
  if ([b.poll, b.media, b.quote_tweet_id].filter((x) => x !== undefined).length > 1)
    out.push("$: poll, media and quote_tweet_id are mutually exclusive");
  if (b.poll !== undefined) {
    const o = b.poll.options;
    if (!Array.isArray(o) || o.length < 2 || o.length > 4) out.push("$.poll.options: there must be 2 to 4 items in the array");
    else
      o.forEach((opt, i) => {
        if (typeof opt !== "string" || [...opt].length < 1 || [...opt].length > 25)
          out.push(`$.poll.options[${i}]: must be 1 to 25 characters`);
      });
    const d = b.poll.duration_minutes;
    if (!Number.isInteger(d) || (d as number) < 5 || (d as number) > 10080)
      out.push("$.poll.duration_minutes: must be an integer from 5 to 10080");
  }
  if (b.reply !== undefined && !digits(b.reply.in_reply_to_tweet_id)) out.push("$.reply.in_reply_to_tweet_id: must be a numeric id string");
  if (b.reply_settings !== undefined && !REPLY_SETTINGS.includes(b.reply_settings as string))
    out.push(`$.reply_settings: must be one of ${REPLY_SETTINGS.join(", ")}`);
  if (b.community_id !== undefined && !digits(b.community_id)) out.push("$.community_id: must be a numeric id string");
  return out;
}

/** The media must be this user's, finished processing, and one video/GIF or up to 4 images. */
function mediaProblem(state: EmulatorState, grant: Grant, ids: string[]): EmuResponse | undefined {
  for (const id of ids) {
    const m = state.media.get(id);
    if (!m || m.platform !== "x" || m.accountId !== grant.accountId) return invalidRequest("Your media IDs are invalid.");
    const u = uploads(state).get(id);
    if (u && u.state !== "succeeded") return invalidRequest(`Media ${id} cannot be used: its processing state is ${u.state}.`);
  }
  const moving = ids.filter((id) => uploads(state).get(id)?.category !== "tweet_image").length;
  if (moving && ids.length > 1) return invalidRequest("$.media.media_ids: a post carries up to 4 images, or 1 video, or 1 GIF");
  return undefined;
}

function createTweet(state: EmulatorState, req: EmuRequest): EmuResponse {
  const grant = guard(state, req, ["tweet.read", "tweet.write", "users.read"]);
  if (isAnswer(grant)) return grant;
  if (!(req.headers["content-type"] ?? "").includes("application/json")) return invalidRequest("Content-Type must be application/json");
  let b: TweetBody;
  try {
    b = req.json<TweetBody>();
  } catch {
    return invalidRequest("The request body is not valid JSON");
  }
  const schema = schemaProblems(b);
  if (schema.length) return invalidRequest(...schema);
  const text = (b.text as string | undefined) ?? "";
  if (weightedLength(text) > MAX_WEIGHTED) {
    return problem(
      400,
      "Bad Request",
      "Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.",
    );
  }
  const mediaIds = (b.media?.media_ids as string[] | undefined) ?? [];
  const bad = mediaProblem(state, grant, mediaIds);
  if (bad) return bad;
  const replyTo = b.reply?.in_reply_to_tweet_id as string | undefined;
  if (replyTo && !recorded(state, "x").find(replyTo)) {
    return problem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.");
  }
  if (
    text &&
    recorded(state, "x")
      .byAccount(grant.accountId)
      .some((p) => p.text === text)
  )
    return duplicate();
  const extra = Object.fromEntries(
    Object.entries({ reply_settings: b.reply_settings, community_id: b.community_id }).filter(([, v]) => v !== undefined),
  );
  const post = recorded(state, "x").record({
    accountId: grant.accountId,
    text,
    media: mediaIds,
    replyTo,
    poll: b.poll ? { options: b.poll.options, duration_minutes: b.poll.duration_minutes } : undefined,
    extra,
  });
  return json(201, { data: { id: post.id, text, edit_history_post_ids: [post.id] } });
}

/** A missing post is a 200 with errors[], as X answers lookups. */
function getTweet(state: EmulatorState, req: EmuRequest, id: string): EmuResponse {
  const grant = guard(state, req, ["tweet.read", "users.read"]);
  if (isAnswer(grant)) return grant;
  const post = recorded(state, "x").find(id);
  if (!post) {
    return json(200, {
      errors: [
        {
          value: id,
          detail: `Could not find tweet with id: [${id}].`,
          title: "Not Found Error",
          resource_type: "tweet",
          parameter: "id",
          resource_id: id,
          type: "https://api.x.com/2/problems/resource-not-found",
        },
      ],
    });
  }
  const fields = (req.query.get("tweet.fields") ?? req.query.get("post.fields") ?? "").split(",");
  return json(200, {
    data: {
      id: post.id,
      text: readText(post.text),
      author_id: post.accountId,
      edit_history_post_ids: [post.id],
      ...(fields.includes("created_at") ? { created_at: new Date(post.receivedAt).toISOString() } : {}),
      ...(fields.includes("public_metrics") ? { public_metrics: tweetPublicMetrics(state, post) } : {}),
    },
  });
}

export function tweetRoutes(state: EmulatorState): Route[] {
  return [
    withRateLimits(state, { method: "POST", path: "/2/tweets", name: "post", handle: (req) => createTweet(state, req) }, 100),
    withRateLimits(state, { method: "GET", path: "/2/tweets/:id", name: "tweet", handle: (req, p) => getTweet(state, req, p.id!) }, 900),
  ];
}
