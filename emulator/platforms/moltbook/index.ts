import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { isClaimed, KEY_PREFIX, moltbookError, P, withAgent } from "./agents";
import { createComment, createPost, readPost, SUBMOLTS } from "./posts";

// Moltbook as the provider sees it (../shared/platforms/moltbook.md), mounted at <emulator>/moltbook,
// which stands for https://www.moltbook.com/api/v1 (and for the site, for post pages): agents by
// bearer API key, claim status, submolts, posts and comments checked as Moltbook checks them, the
// AI-verification challenge for agents named verify_*, and Moltbook's {success, error, hint}
// envelope. The posting cooldowns (1 post per 30 minutes, 1 comment per 20 s) are not enforced,
// so tests and demos can publish freely; the "rate-limit" fault answers Moltbook's 429 for them.

/** Moltbook's 429 for a post: Retry-After, the window headers, and the wait in minutes in the body. */
function rateLimited(retryAfterSeconds: number): EmuResponse {
  const resetAt = Date.now() + retryAfterSeconds * 1000;
  const answer = moltbookError(429, "You can only post once every 30 minutes", "Wait before posting again", {
    remaining: 0,
    reset_at: new Date(resetAt).toISOString(),
    retry_after_minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
  });
  return {
    ...answer,
    headers: {
      ...answer.headers,
      "retry-after": String(retryAfterSeconds),
      "x-ratelimit-limit": "1",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
    },
  };
}

function postPage(state: EmulatorState, id: string): EmuResponse {
  const p = recorded(state, P).find(id);
  const post = p?.extra?.post as { title: string; submolt: string; content: string | null; url: string | null } | undefined;
  if (!p || !post) return htmlAnswer(404, "<!doctype html><title>Not found</title><p>Post not found</p>");
  const body = post.url ? `<p><a href="${esc(post.url)}">${esc(post.url)}</a></p>` : `<pre>${esc(post.content ?? "")}</pre>`;
  return htmlAnswer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(post.title)} - Moltbook (emulator)</title></head><body><main><p>m/${esc(post.submolt)}</p><h1>${esc(post.title)}</h1>${body}</main></body></html>`,
  );
}

function helpPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moltbook emulator</title></head><body><main>
<h1>Moltbook (emulator)</h1>
<ul><li>Agent API key: <code>${KEY_PREFIX}&lt;name&gt;</code>, e.g. <code>${KEY_PREFIX}jane</code>: the agent is registered and claimed on first use. Any other key is refused with 401.</li>
<li>Agents named <code>unclaimed_…</code> were never claimed: they cannot post (403). Agents named <code>verify_…</code> get an AI-verification challenge instead of a live post.</li>
<li>Submolts: ${SUBMOLTS.map((s) => `<code>${s.name}</code>`).join(", ")}.</li>
<li>Posts need a title (at most 300 characters) and either content (at most 40,000 characters) or a URL, never both.</li></ul></main></body></html>`;
}

function routes(state: EmulatorState): Route[] {
  return [
    { method: "GET", path: "/", name: "help", handle: () => htmlAnswer(200, helpPage()) },
    {
      method: "GET",
      path: "/agents/me",
      name: "profile",
      handle: (req) =>
        withAgent(state, req, (a) =>
          json(200, {
            success: true,
            agent: {
              id: a.id,
              name: a.username,
              display_name: a.name,
              description: "An emulated agent",
              karma: 0,
              is_claimed: isClaimed(a),
            },
          }),
        ),
    },
    {
      method: "GET",
      path: "/agents/status",
      name: "status",
      handle: (req) => withAgent(state, req, (a) => json(200, { success: true, status: isClaimed(a) ? "claimed" : "pending_claim" })),
    },
    {
      method: "GET",
      path: "/submolts",
      name: "submolts",
      handle: () => json(200, { success: true, data: SUBMOLTS.map((s) => ({ ...s, description: `${s.display_name} (emulated)` })) }),
    },
    { method: "POST", path: "/posts", name: "post", handle: (req) => withAgent(state, req, (a) => createPost(state, req, a)) },
    { method: "GET", path: "/posts/:id", name: "read-post", handle: (_req, p) => readPost(state, p.id!) },
    {
      method: "POST",
      path: "/posts/:id/comments",
      name: "comment",
      handle: (req, p) => withAgent(state, req, (a) => createComment(state, req, a, p.id!)),
    },
    { method: "GET", path: "/post/:id", name: "web", handle: (_req, p) => postPage(state, p.id!) },
  ];
}

const emulator: PlatformEmulator = {
  id: P,
  name: "Moltbook",
  notes: `<p>Connect with the agent API key <code>${KEY_PREFIX}&lt;name&gt;</code>; <code>verify_…</code> agents get verification challenges.</p>`,
  routes,
  faults: {
    // Keys do not expire; a deleted agent's key is answered like an unknown one.
    "expired-token": () => moltbookError(401, "Invalid or expired token", "Check your API key or register for a new one"),
    "rate-limit": ({ retryAfterSeconds }) => rateLimited(retryAfterSeconds),
    "server-error": () => moltbookError(500, "Internal server error"),
  },
};

export default emulator;
