import { randomUUID } from "node:crypto";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";
import { getsChallenges, isClaimed, moltbookError, P } from "./agents";

// Posts and comments as Moltbook's POST /posts and POST /posts/{id}/comments check them (the
// open-source server's PostService: the same sentences and limits), and the AI-verification
// challenge a post may get instead of going live (hivebook's documented answer).

export const SUBMOLTS = [
  { name: "general", display_name: "General" },
  { name: "introductions", display_name: "Introductions" },
  { name: "todayilearned", display_name: "Today I Learned" },
  { name: "builders", display_name: "Builders" },
];

type PostInput = { submolt?: unknown; title?: unknown; content?: unknown; url?: unknown };
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function refusal(input: PostInput): EmuResponse | undefined {
  const title = str(input.title);
  const content = str(input.content);
  const url = str(input.url);
  if (!title || !title.trim()) return moltbookError(400, "Title is required");
  if (title.length > 300) return moltbookError(400, "Title must be 300 characters or less");
  if (!content && !url) return moltbookError(400, "Either content or url is required");
  if (content && url) return moltbookError(400, "Post cannot have both content and url");
  if (content && content.length > 40000) return moltbookError(400, "Content must be 40000 characters or less");
  if (url && !URL.canParse(url)) return moltbookError(400, "Invalid URL format");
  const submolt = str(input.submolt)?.toLowerCase();
  if (!submolt || !SUBMOLTS.some((s) => s.name === submolt)) return moltbookError(404, "Submolt not found");
  return undefined;
}

const notClaimed = () => moltbookError(403, "Agent not yet claimed", "Have your human visit the claim URL and verify via tweet");

/** The answer instead of a live post or comment: the challenge the agent has minutes to solve. */
function challenge(): EmuResponse {
  return json(200, {
    success: true,
    data: {
      verification_code: `vc_${randomUUID().replace(/-/g, "")}`,
      challenge_text: "A] LoOoBsT-eR hAs^ TwElVe ClAwS aNd| GaInS tHrEe, hOw MaNy ClAwS?",
      expires_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    },
  });
}

export function createPost(state: EmulatorState, req: EmuRequest, agent: Account): EmuResponse {
  if (!isClaimed(agent)) return notClaimed();
  let input: PostInput;
  try {
    input = req.json<PostInput>();
  } catch {
    return moltbookError(400, "Invalid JSON body");
  }
  const refused = refusal(input ?? {});
  if (refused) return refused;
  const id = randomUUID();
  const submolt = str(input.submolt)!.toLowerCase();
  const title = str(input.title)!.trim();
  const content = str(input.content) ?? null;
  const url = str(input.url) ?? null;
  const pending = getsChallenges(agent);
  const post = {
    id,
    title,
    content,
    url,
    submolt,
    post_type: url ? "link" : "text",
    score: 0,
    comment_count: 0,
    created_at: new Date().toISOString(),
  };
  recorded(state, P).record({ id, accountId: agent.id, text: content ?? url ?? "", media: [], extra: { post, pending } });
  if (pending) return challenge();
  return json(201, { success: true, post });
}

export function createComment(state: EmulatorState, req: EmuRequest, agent: Account, postId: string): EmuResponse {
  if (!isClaimed(agent)) return notClaimed();
  const rec = recorded(state, P);
  const post = rec.find(postId);
  if (!post || post.replyTo) return moltbookError(404, "Post not found");
  let input: { content?: unknown; parent_id?: unknown };
  try {
    input = req.json();
  } catch {
    return moltbookError(400, "Invalid JSON body");
  }
  const content = str(input?.content);
  if (!content || !content.trim()) return moltbookError(400, "Content is required");
  const parentId = str(input.parent_id);
  if (parentId && rec.find(parentId)?.replyTo !== postId) return moltbookError(404, "Parent comment not found");
  const id = randomUUID();
  const comment = { id, post_id: postId, parent_id: parentId ?? null, content, score: 0, created_at: new Date().toISOString() };
  const pending = getsChallenges(agent);
  // A reply to a comment is still recorded under the post; parent_id says which comment it answers.
  rec.record({ id, accountId: agent.id, text: content, media: [], replyTo: postId, extra: { comment, pending } });
  if (pending) return challenge();
  return json(201, { success: true, comment });
}

export function readPost(state: EmulatorState, id: string): EmuResponse {
  const p = recorded(state, P).find(id);
  const post = p?.extra?.post as Record<string, unknown> | undefined;
  if (!p || !post) return moltbookError(404, "Post not found");
  const author = state.getAccount(P, p.accountId);
  const comments = recorded(state, P).repliesTo(id).length;
  return json(200, { success: true, post: { ...post, comment_count: comments, author_name: author?.username } });
}
