import { z } from "zod";
import { newFeedSchema } from "@/lib/feeds/schemas";
import { FEED_MODES } from "@/lib/feeds/timing";
import { idText } from "@/lib/validation";
import { defineOperation } from "../operation";

// RSS and Atom feeds (docs/planning.md, "RSS and Atom feeds") on the Feeds page's own lib/feeds
// functions. Handlers: app/api/v1/feeds/**/route.ts.

const idParams = z.object({ id: idText("id must be a feed id") });

export const feedSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  template: z.string(),
  channels: z.array(z.object({ channelId: z.string(), template: z.string().optional() })),
  mode: z.enum(FEED_MODES),
  intervalMinutes: z.number().int(),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      link: z.string().nullable(),
      state: z.string(),
      error: z.string().nullable(),
      postId: z.string().nullable(),
      postAt: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

const checkSchema = z.object({
  status: z.enum(["ok", "not-modified", "error"]),
  newItems: z.number().int().optional(),
  posted: z.number().int().optional(),
  failed: z.number().int().optional(),
  error: z.string().optional(),
  paused: z.boolean().optional(),
});

// A feed that publishes at once or into the queue makes posts that go out.
const publishesWhen = {
  scope: "publish" as const,
  when: 'when mode is "now" or "queue"',
  needed: ({ body }: { body: unknown }) => (body as { mode?: string }).mode !== "draft",
};

export const listFeedsOp = defineOperation({
  id: "listFeeds",
  method: "GET",
  path: "/api/v1/feeds",
  scope: "read",
  summary: "List the organization's feeds",
  description: "Each feed with its settings, its last check (status, error) and its 10 latest items with the post each became.",
  tags: ["Feeds"],
  response: z.object({ data: z.array(feedSchema) }),
});

export const addFeedOp = defineOperation({
  id: "addFeed",
  method: "POST",
  path: "/api/v1/feeds",
  scope: "write",
  extraScope: publishesWhen,
  summary: "Follow an RSS or Atom feed",
  description:
    'The feed is read once (refused on the url field if it is unreachable or not a feed); the items already in it are only marked seen, unless postLatest posts the newest. New items then become posts from the template ({title}, {link}, {summary}, {author}, {feed}) on the channels given: at once (mode "now"), into each channel\'s next free queue slot ("queue") or as drafts ("draft").',
  tags: ["Feeds"],
  body: newFeedSchema,
  response: z.object({ id: z.string(), newItems: z.number().int(), posted: z.number().int(), failed: z.number().int() }),
  successStatus: 201,
});

export const deleteFeedOp = defineOperation({
  id: "deleteFeed",
  method: "DELETE",
  path: "/api/v1/feeds/{id}",
  scope: "write",
  summary: "Stop following a feed",
  description: "The posts it made stay.",
  tags: ["Feeds"],
  params: idParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const checkFeedOp = defineOperation({
  id: "checkFeed",
  method: "POST",
  path: "/api/v1/feeds/{id}/check",
  scope: "publish",
  summary: "Check a feed now",
  description: "The same check the schedule runs; the next scheduled one is an interval later.",
  tags: ["Feeds"],
  params: idParams,
  response: checkSchema,
});
