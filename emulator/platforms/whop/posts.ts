import { isAnswer } from "@/emulator/kit/access";
import { postCounter } from "@/emulator/kit/metrics";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type Route } from "@/emulator/types";
import { authorized, jsonBody, PLATFORM, whopError } from "./common";
import { filesOf } from "./files";
import { forumFor, paged } from "./forums";

// Forum posts (docs.whop.com: Create forum post, Retrieve forum post). POST /forum_posts needs
// forum:post:create and an experience_id the user can post in; content is Markdown; attachments
// are [{id}] of files that finished processing; parent_id makes a comment under a post of the same
// experience; a paywalled post needs a title. The answer is the ForumPost object. GET /forum_posts
// lists an experience's posts (or a post's comments) in Whop's cursor pages.

type CreateBody = {
  experience_id?: unknown;
  content?: unknown;
  title?: unknown;
  attachments?: unknown;
  parent_id?: unknown;
  pinned?: unknown;
  is_mention?: unknown;
  visibility?: unknown;
  paywall_amount?: unknown;
};

const VISIBILITIES = new Set(["members_only", "globally_visible"]);
const optionalString = (v: unknown) => v === undefined || v === null || typeof v === "string";

function forumPost(state: EmulatorState, p: RecordedPost) {
  const acc = state.getAccount(PLATFORM, p.accountId);
  const files = filesOf(state);
  const stamp = new Date(p.receivedAt).toISOString();
  return {
    id: p.id,
    title: (p.extra?.title as string | undefined) ?? null,
    content: p.text,
    created_at: stamp,
    updated_at: stamp,
    is_edited: false,
    is_poster_admin: true,
    is_pinned: p.extra?.pinned === true,
    parent_id: p.replyTo ?? null,
    user: { id: p.accountId, username: acc?.username ?? "", name: acc?.name ?? "" },
    attachments: p.media.map((id) => ({
      id,
      filename: files.get(id)?.filename ?? id,
      content_type: files.get(id)?.contentType ?? null,
      url: null,
    })),
    view_count: postCounter(p.id, "views", p.receivedAt),
    like_count: postCounter(p.id, "likes", p.receivedAt),
    comment_count: recorded(state, PLATFORM).repliesTo(p.id).length,
  };
}

export function postRoutes(state: EmulatorState): Route[] {
  const posts = recorded(state, PLATFORM);
  return [
    {
      method: "POST",
      path: "/forum_posts",
      name: "post",
      handle(req) {
        const grant = authorized(state, req, "forum:post:create");
        if (isAnswer(grant)) return grant;
        const parsed = jsonBody<CreateBody>(req);
        if ("error" in parsed) return parsed.error;
        const b = parsed.body;
        if (typeof b.experience_id !== "string" || !b.experience_id) return whopError(400, "invalid_request", "experience_id is required");
        const forum = forumFor(state, grant.accountId, b.experience_id);
        if (!forum) return whopError(404, "not_found", `Experience ${b.experience_id} not found`);
        for (const k of ["content", "title", "parent_id"] as const)
          if (!optionalString(b[k])) return whopError(400, "invalid_request", `${k} must be a string`);
        if (b.visibility !== undefined && b.visibility !== null && !VISIBILITIES.has(String(b.visibility)))
          return whopError(400, "invalid_request", "visibility must be members_only or globally_visible");
        if (b.paywall_amount && !(typeof b.title === "string" && b.title.trim()))
          return whopError(422, "invalid_request", "A title is required for paywalled posts");
        if (b.attachments !== undefined && b.attachments !== null && !Array.isArray(b.attachments))
          return whopError(400, "invalid_request", "attachments must be a list of {id}");
        const ids: string[] = [];
        for (const a of (b.attachments as unknown[] | null | undefined) ?? []) {
          const id = a && typeof a === "object" ? (a as { id?: unknown }).id : undefined;
          const file = typeof id === "string" ? filesOf(state).get(id) : undefined;
          if (!file) return whopError(400, "invalid_request", `Attachment ${String(id)} is not a known file`);
          if (file.status !== "ready")
            return whopError(422, "invalid_request", `Attachment ${file.id} has not finished uploading (${file.status})`);
          ids.push(file.id);
        }
        const content = typeof b.content === "string" ? b.content : "";
        if (!content.trim() && !ids.length) return whopError(400, "invalid_request", "A post needs content or attachments");
        let replyTo: string | undefined;
        if (typeof b.parent_id === "string" && b.parent_id) {
          const parent = posts.find(b.parent_id);
          if (!parent || parent.extra?.experienceId !== forum.experienceId)
            return whopError(404, "not_found", `Parent post ${b.parent_id} not found in this experience`);
          replyTo = parent.id;
        }
        const post = posts.record({
          id: `post_${state.nextId()}`,
          accountId: grant.accountId,
          text: content,
          media: ids,
          replyTo,
          extra: {
            experienceId: forum.experienceId,
            ...(typeof b.title === "string" && b.title ? { title: b.title } : {}),
            pinned: b.pinned === true,
            isMention: b.is_mention === true,
            ...(b.visibility ? { visibility: b.visibility } : {}),
          },
        });
        return json(200, forumPost(state, post));
      },
    },
    {
      // List forum posts: an experience's top-level posts, or the comments under parent_id; newest first.
      method: "GET",
      path: "/forum_posts",
      name: "post-list",
      handle(req) {
        const grant = authorized(state, req, "forum:read");
        if (isAnswer(grant)) return grant;
        const experienceId = req.query.get("experience_id");
        if (!experienceId) return whopError(400, "invalid_request", "experience_id is required");
        if (!forumFor(state, grant.accountId, experienceId)) return whopError(404, "not_found", `Experience ${experienceId} not found`);
        const parentId = req.query.get("parent_id") ?? undefined;
        const items = state.posts
          .filter((p) => p.platform === PLATFORM && p.extra?.experienceId === experienceId && p.replyTo === parentId)
          .sort((a, b) => b.receivedAt - a.receivedAt)
          .map((p) => forumPost(state, p));
        return paged(items, req.query.get("first"), req.query.get("after"));
      },
    },
    {
      method: "GET",
      path: "/forum_posts/:id",
      name: "post-read",
      handle(req, params) {
        const grant = authorized(state, req, "forum:read");
        if (isAnswer(grant)) return grant;
        const post = posts.find(params.id ?? "");
        if (!post || !forumFor(state, grant.accountId, String(post.extra?.experienceId ?? "")))
          return whopError(404, "not_found", `Forum post ${params.id} not found`);
        return json(200, forumPost(state, post));
      },
    },
  ];
}
