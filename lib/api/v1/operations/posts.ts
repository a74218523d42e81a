import { z } from "zod";
import { postInputSchema, rescheduleSchema } from "@/lib/posts/schemas";
import { boundedDate, idText, safeText } from "@/lib/validation";
import { defineOperation } from "../operation";
import { decodeCursor, postSchema, targetStatusSchema } from "../views/posts";

// Declarations of the post operations (handlers: app/api/v1/posts/**/route.ts). The body of a
// post is the composer's own schema (postInputSchema), so the API takes exactly what the UI
// takes and refuses it with the same messages.

const idParams = z.object({ id: idText("id must be a post id") });
const MAX_RANGE_DAYS = 400;

/** The channel a post's per-channel field belongs to: "targets.2.items.0.text" -> targets[2].channelId. */
export function postChannelOfField(field: string, body: unknown): string | undefined {
  const m = /^targets\.(\d+)(\.|$)/.exec(field);
  const targets = (body as { targets?: unknown } | null)?.targets;
  if (!m || !Array.isArray(targets)) return undefined;
  const id = (targets[Number(m[1])] as { channelId?: unknown } | undefined)?.channelId;
  return typeof id === "string" ? id : undefined;
}

export const listPostsQuerySchema = z
  .object({
    from: boundedDate("from").optional().describe("Start of the range (inclusive), ISO 8601; with to"),
    to: boundedDate("to").optional().describe(`End of the range (exclusive), ISO 8601; at most ${MAX_RANGE_DAYS} days after from`),
    status: targetStatusSchema.optional().describe("Only posts with at least one channel in this status"),
    channel: idText("channel must be a channel id").optional().describe("Only posts with a target on this channel"),
    cursor: safeText()
      .max(500, "cursor is not a cursor this API gave")
      .refine((c) => decodeCursor(c) !== null, "cursor is not a cursor this API gave")
      .optional()
      .describe("next_cursor of the previous page"),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, "limit must be a whole number from 1 to 100")
      .transform(Number)
      .pipe(z.number().min(1, "limit must be a whole number from 1 to 100").max(100, "limit must be a whole number from 1 to 100"))
      .optional()
      .describe("Posts per page, 1 to 100 (50 unless given)"),
  })
  .superRefine((q, ctx) => {
    const from = q.from instanceof Date ? q.from : undefined;
    const to = q.to instanceof Date ? q.to : undefined;
    if (q.from !== undefined && q.to === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "to is required with from" });
    if (q.to !== undefined && q.from === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "from is required with to" });
    if (from && to && to <= from) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
    else if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["to"], message: `a range is at most ${MAX_RANGE_DAYS} days` });
  });

const publishesWhen = {
  scope: "publish" as const,
  when: 'when mode is "schedule" or "now"',
  needed: ({ body }: { body: unknown }) => (body as { mode?: string }).mode !== "draft",
};

export const listPostsOp = defineOperation({
  id: "listPosts",
  method: "GET",
  path: "/api/v1/posts",
  scope: "read",
  summary: "List posts",
  description:
    "Posts with a time in [from, to), in time order then by id; without from/to, the drafts that have no time. Pages of `limit` posts: pass next_cursor as cursor to get the next page (null on the last).",
  tags: ["Posts"],
  query: listPostsQuerySchema,
  response: z.object({ data: z.array(postSchema), next_cursor: z.string().nullable() }),
});

export const getPostOp = defineOperation({
  id: "getPost",
  method: "GET",
  path: "/api/v1/posts/{id}",
  scope: "read",
  summary: "Get one post",
  tags: ["Posts"],
  params: idParams,
  response: postSchema,
});

export const createPostOp = defineOperation({
  id: "createPost",
  method: "POST",
  path: "/api/v1/posts",
  scope: "write",
  extraScope: publishesWhen,
  summary: "Create a post",
  description:
    'One post for one or more channels, each with its own items (the first is the post, the others a thread), media, poll and settings (see each channel\'s platform in GET /api/v1/channels). mode "draft" saves it, "schedule" publishes it at publishAt, "now" at once. Every channel\'s rules are checked before anything is saved.',
  tags: ["Posts"],
  body: postInputSchema,
  response: postSchema,
  successStatus: 201,
  channelOfField: postChannelOfField,
});

export const updatePostOp = defineOperation({
  id: "updatePost",
  method: "PUT",
  path: "/api/v1/posts/{id}",
  scope: "write",
  extraScope: publishesWhen,
  summary: "Replace a post",
  description:
    "The same body as creating one. Channels already published (or publishing) cannot change; channels left out are removed from the post unless already published.",
  tags: ["Posts"],
  params: idParams,
  body: postInputSchema,
  response: postSchema,
  channelOfField: postChannelOfField,
});

export const deletePostOp = defineOperation({
  id: "deletePost",
  method: "DELETE",
  path: "/api/v1/posts/{id}",
  scope: "write",
  summary: "Delete a post",
  description:
    "Removes it from Postmill and its schedule; what was already published stays on the platforms. 409 while it is being published.",
  tags: ["Posts"],
  params: idParams,
  response: z.object({ id: z.string(), deleted: z.literal(true) }),
});

export const reschedulePostOp = defineOperation({
  id: "reschedulePost",
  method: "POST",
  path: "/api/v1/posts/{id}/reschedule",
  scope: "publish",
  summary: "Move a post to another time",
  description: "Moves the channels that have not been published yet. 409 when nothing is left to move.",
  tags: ["Posts"],
  params: idParams,
  body: rescheduleSchema,
  response: postSchema,
});

export const cancelPostOp = defineOperation({
  id: "cancelPost",
  method: "POST",
  path: "/api/v1/posts/{id}/cancel",
  scope: "write",
  summary: "Cancel what has not gone out yet",
  description: "Scheduled channels become cancelled; a channel being published right now cannot be called back (counted in inFlight).",
  tags: ["Posts"],
  params: idParams,
  response: z.object({ post: postSchema, cancelled: z.number().int(), inFlight: z.number().int() }),
});

export const duplicatePostOp = defineOperation({
  id: "duplicatePost",
  method: "POST",
  path: "/api/v1/posts/{id}/duplicate",
  scope: "write",
  summary: "Copy a post as a new draft",
  tags: ["Posts"],
  params: idParams,
  response: postSchema,
  successStatus: 201,
});

export const retryTargetOp = defineOperation({
  id: "retryTarget",
  method: "POST",
  path: "/api/v1/targets/{id}/retry",
  scope: "publish",
  summary: "Retry a failed, unconfirmed or cancelled channel of a post",
  description: "Queues that channel of the post again at once (items already published stay published). Answers the whole post.",
  tags: ["Posts"],
  params: z.object({ id: idText("id must be a target id") }),
  response: postSchema,
});
