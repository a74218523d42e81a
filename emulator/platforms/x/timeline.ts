import { tweetPublicMetrics } from "./metrics";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { isAnswer } from "@/emulator/kit/access";
import { guard, invalidParameters, readText, withRateLimits } from "./common";
import { mediaKeyOf } from "./media";
import { recorded } from "@/emulator/kit/recording";

// GET /2/users/:id/tweets: a user's posts, newest first, any user's (the endpoint reads public
// timelines), limited to the 3,200 most recent, filtered by start_time (inclusive) and end_time
// (exclusive) at second granularity, paged by max_results (5..100) and opaque pagination tokens.

const TIMELINE_CAP = 3200;
const EXCLUDES = ["replies", "retweets"];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Problem = { name: string; value: string; message: string };
const second = (ms: number) => Math.floor(ms / 1000);
const tokenOf = (id: string) => Buffer.from(`x-emu:${id}`).toString("base64url");
const idOf = (token: string) => {
  const s = Buffer.from(token, "base64url").toString("utf8");
  return s.startsWith("x-emu:") ? s.slice(6) : undefined;
};

function timestamp(req: EmuRequest, name: string, problems: Problem[]): number | undefined {
  const value = req.query.get(name);
  if (value === null) return undefined;
  // The message is in X's format; its exact words for a bad date are not documented.
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push({ name, value, message: `The \`${name}\` query parameter value [${value}] is not a valid RFC3339 date-time` });
    return undefined;
  }
  return second(Date.parse(value));
}

/** The first post of the conversation a post belongs to. */
function conversationOf(state: EmulatorState, post: RecordedPost): string {
  let p = post;
  for (let hops = 0; p.replyTo && hops < 1000; hops++) {
    const parent = recorded(state, "x").find(p.replyTo);
    if (!parent) break;
    p = parent;
  }
  return p.id;
}

function render(state: EmulatorState, post: RecordedPost, fields: string[]) {
  const parent = post.replyTo ? recorded(state, "x").find(post.replyTo) : undefined;
  const has = (f: string) => fields.includes(f);
  return {
    id: post.id,
    text: readText(post.text),
    edit_history_post_ids: [post.id],
    ...(has("created_at") ? { created_at: new Date(second(post.receivedAt) * 1000).toISOString() } : {}),
    ...(has("author_id") ? { author_id: post.accountId } : {}),
    ...(has("conversation_id") ? { conversation_id: conversationOf(state, post) } : {}),
    ...(has("referenced_tweets") && post.replyTo ? { referenced_tweets: [{ type: "replied_to", id: post.replyTo }] } : {}),
    ...(has("in_reply_to_user_id") && parent ? { in_reply_to_user_id: parent.accountId } : {}),
    ...(has("public_metrics") ? { public_metrics: tweetPublicMetrics(state, post) } : {}),
    ...(has("attachments") && post.media.length ? { attachments: { media_keys: post.media.map((id) => mediaKeyOf(state, id)) } } : {}),
  };
}

function userTweets(state: EmulatorState, req: EmuRequest, userId: string): EmuResponse {
  const grant = guard(state, req, ["tweet.read", "users.read"]);
  if (isAnswer(grant)) return grant;

  const problems: Problem[] = [];
  const rawMax = req.query.get("max_results");
  const max = rawMax === null ? 10 : Number(rawMax);
  if (rawMax !== null && (!/^\d+$/.test(rawMax) || max < 5 || max > 100)) {
    problems.push({
      name: "max_results",
      value: rawMax,
      message: `The \`max_results\` query parameter value [${rawMax}] is not between 5 and 100`,
    });
  }
  const start = timestamp(req, "start_time", problems);
  const end = timestamp(req, "end_time", problems);
  const exclude = (req.query.get("exclude") ?? "").split(",").filter(Boolean);
  for (const e of exclude) {
    if (!EXCLUDES.includes(e))
      problems.push({
        name: "exclude",
        value: e,
        message: `The \`exclude\` query parameter value [${e}] is not one of [${EXCLUDES.join(",")}]`,
      });
  }
  if (problems.length) return invalidParameters(...problems);

  if (!state.getAccount("x", userId)) {
    return json(200, {
      errors: [
        {
          value: userId,
          detail: `Could not find user with id: [${userId}].`,
          title: "Not Found Error",
          resource_type: "user",
          parameter: "id",
          resource_id: userId,
          type: "https://api.x.com/2/problems/resource-not-found",
        },
      ],
    });
  }

  const posts = state.posts
    .filter((p) => p.platform === "x" && p.accountId === userId)
    .reverse()
    .slice(0, TIMELINE_CAP)
    .filter((p) => (start === undefined || second(p.receivedAt) >= start) && (end === undefined || second(p.receivedAt) < end))
    .filter((p) => !(exclude.includes("replies") && p.replyTo));

  const token = req.query.get("pagination_token");
  let from = 0;
  if (token !== null) {
    const id = idOf(token);
    from = id === undefined ? -1 : posts.findIndex((p) => p.id === id);
    if (from < 0)
      return invalidParameters({
        name: "pagination_token",
        value: token,
        message: `The \`pagination_token\` query parameter value [${token}] is not valid`,
      });
  }
  const page = posts.slice(from, from + max);
  if (!page.length) return json(200, { meta: { result_count: 0 } });
  const next = posts[from + max];
  const fields = (req.query.get("tweet.fields") ?? req.query.get("post.fields") ?? "").split(",");
  return json(200, {
    data: page.map((p) => render(state, p, fields)),
    meta: {
      result_count: page.length,
      newest_id: page[0]!.id,
      oldest_id: page[page.length - 1]!.id,
      ...(next ? { next_token: tokenOf(next.id) } : {}),
    },
  });
}

export function timelineRoutes(state: EmulatorState): Route[] {
  return [
    withRateLimits(
      state,
      { method: "GET", path: "/2/users/:id/tweets", name: "timeline", handle: (req, p) => userTweets(state, req, p.id!) },
      900,
    ),
  ];
}
