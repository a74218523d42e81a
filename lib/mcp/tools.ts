import { z } from "zod";
import { channelAnalytics } from "@/lib/analytics/channel";
import { analyticsOverview } from "@/lib/analytics/overview";
import { periodFrom, periodQuery } from "@/lib/analytics/periods";
import { postAnalytics } from "@/lib/analytics/post";
import type { ApiKeyContext, ApiScope } from "@/lib/api-keys/keys";
import { channelView } from "@/lib/api/v1/views/channels";
import { listChannels } from "@/lib/channels/queries";
import { listFailedTargets } from "@/lib/posts/failures";
import { freeSlotsSchema } from "@/lib/posts/free-slots";
import { createPost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";
import { postInputSchema } from "@/lib/posts/schemas";
import { addToQueue } from "@/lib/schedules/add-to-queue";
import { queueInputSchema } from "@/lib/schedules/schemas";
import { boundedDate, idText, parseOrThrow } from "@/lib/validation";
import { freeSlotsForTool } from "./free-slots";

// The MCP tools: each one the same lib/ operation the app and /api/v1 call, with the same zod
// schema as its input (published to the client as JSON Schema) and the same scope rules.

export type ToolContext = { ctx: ApiKeyContext; timeZone: string };
export type Tool = {
  name: string;
  description: string;
  input: z.ZodType;
  /** The scope the key needs; `extraScope` for inputs that need more (a scheduled post needs publish). */
  scope: ApiScope;
  extraScope?: (args: unknown) => { scope: ApiScope; why: string } | null;
  run: (t: ToolContext, args: unknown) => Promise<unknown>;
};

const modeOf = (args: unknown) => (args && typeof args === "object" ? (args as { mode?: unknown }).mode : undefined);

const analyticsInput = z.discriminatedUnion("kind", [
  periodQuery.safeExtend({ kind: z.literal("overview") }),
  periodQuery.safeExtend({ kind: z.literal("channel"), channelId: idText("channelId must be a channel id") }),
  z.object({ kind: z.literal("post"), targetId: idText("targetId must be a post target id") }),
]);

const failuresInput = z.object({
  since: boundedDate("since").optional(),
  limit: z.number().int("limit must be a whole number").min(1, "limit is at least 1").max(200, "limit is at most 200").default(50),
});

export const TOOLS: Tool[] = [
  {
    name: "list_channels",
    description:
      "The organization's connected channels (id, platform, name, status) with each platform's rules: text limit and how it is counted, media rules (types, sizes, counts), threads, polls, and the JSON Schema of the per-channel settings a post's target takes.",
    input: z.object({}),
    scope: "read",
    run: async ({ ctx }) => ({ channels: (await listChannels(ctx)).map(channelView) }),
  },
  {
    name: "create_post",
    description:
      'Create a post on one or more channels, each with its own variant (items: the post, then thread replies or comments). mode "draft" saves it; "schedule" needs publishAt (ISO 8601) and the publish scope; "now" publishes at once (publish scope). Each channel\'s rules are checked (see list_channels); a refusal names the field and the rule. Media: { mediaId } from the library or { url }.',
    input: postInputSchema,
    scope: "write",
    extraScope: (args) => {
      const mode = modeOf(args);
      return mode === "schedule" || mode === "now" ? { scope: "publish", why: `to create a post with mode "${mode}"` } : null;
    },
    run: async ({ ctx }, args) => {
      const { id } = await createPost(ctx, args);
      const post = await getPost(ctx, id);
      return {
        id: post.id,
        status: post.status,
        publishAt: post.publishAt,
        targets: post.targets.map((t) => ({
          id: t.id,
          channelId: t.channel.id,
          channel: t.channel.name,
          status: t.status,
          dueAt: t.dueAt,
        })),
      };
    },
  },
  {
    name: "find_free_slots",
    description:
      'Free times for the given channels in [from, to), per channel in `channels` with its `source`. A channel with a posting schedule (not paused) gets "schedule": its schedule\'s free slots, the times add_to_queue would use (up to limit). The others get "calendar": steps through the range (hourly by default) within working hours (9 to 18 by default, weekdays only by default) in the user\'s time zone, keeping the times where none of those channels has a post scheduled or published within the step; `slots` is that calendar list.',
    input: freeSlotsSchema,
    scope: "read",
    run: async ({ ctx, timeZone }, args) => freeSlotsForTool(ctx, args, timeZone),
  },
  {
    name: "add_to_queue",
    description:
      "Add a post to the queue: the same targets as create_post (one variant per channel) without a time; each channel's variant is scheduled in that channel's next free posting-schedule slot. Channels without an open schedule (none, paused or no slots) are skipped and listed with the reason. Needs the write and publish scopes.",
    input: queueInputSchema,
    scope: "write",
    extraScope: () => ({ scope: "publish", why: "to add a post to the queue (a queued post is scheduled)" }),
    run: async ({ ctx }, args) => addToQueue(ctx, args),
  },
  {
    name: "get_analytics",
    description:
      'Analytics as the dashboards show them. kind "overview": every channel\'s followers, impressions, engagements and posts published with their change; kind "channel" (channelId): one channel\'s daily series and top posts; kind "post" (targetId, a published post target): its metrics per collection day. Period: range 7|30|90 (default 30) or from/to (YYYY-MM-DD).',
    input: analyticsInput,
    scope: "read",
    run: async ({ ctx, timeZone }, args) => {
      const q = parseOrThrow(analyticsInput, args);
      if (q.kind === "post") return postAnalytics(ctx, q.targetId);
      const period = periodFrom(q, timeZone);
      return q.kind === "overview"
        ? analyticsOverview(ctx, { period, timeZone })
        : channelAnalytics(ctx, q.channelId, { period, timeZone });
    },
  },
  {
    name: "list_failures",
    description:
      'Posts that did not go out: each failed or unconfirmed channel post with the reason in words, newest first. "unconfirmed" means the platform may have it: check before retrying.',
    input: failuresInput,
    scope: "read",
    run: async ({ ctx }, args) => {
      const q = parseOrThrow(failuresInput, args);
      return { failures: await listFailedTargets(ctx, q) };
    },
  },
];

/** The JSON Schema a client sees for a tool's arguments: the input side of its zod schema. */
export function inputJsonSchema(t: Tool): { type: "object"; [k: string]: unknown } {
  const out = z.toJSONSchema(t.input, { io: "input", unrepresentable: "any", reused: "inline" }) as Record<string, unknown>;
  delete out.$schema;
  // A discriminated union is an object too; MCP requires the top level to say so.
  return { ...out, type: "object" };
}
