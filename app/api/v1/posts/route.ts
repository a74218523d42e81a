import { v1Handler } from "@/lib/api/v1/handler";
import { createPostOp, listPostsOp } from "@/lib/api/v1/operations/posts";
import { decodeCursor, encodeCursor, postView } from "@/lib/api/v1/views/posts";
import { createPost } from "@/lib/posts/operations";
import { getPost, listPostsPage } from "@/lib/posts/queries";

export const GET = v1Handler(listPostsOp, async ({ ctx, query }) => {
  const { posts, last } = await listPostsPage(ctx, {
    range: query.from && query.to ? { from: query.from, to: query.to } : undefined,
    targetStatus: query.status,
    channelId: query.channel,
    after: query.cursor ? (decodeCursor(query.cursor) ?? undefined) : undefined,
    limit: query.limit ?? 50,
  });
  return { data: posts.map(postView), next_cursor: last ? encodeCursor(last) : null };
});

export const POST = v1Handler(createPostOp, async ({ ctx, body }) => postView(await getPost(ctx, (await createPost(ctx, body)).id)));
