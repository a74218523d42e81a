import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { insightRoutes } from "./insights";
import { oauthRoutes } from "./oauth";
import { postRoutes } from "./posts";
import { graphError, PLATFORM, requireUser, VERSION } from "./support";

// Threads as its documentation describes it (developers.facebook.com/docs/threads, fact sheet
// ../shared/platforms/threads.md), never from providers/ (a lint rule refuses the import): sign-in
// and the long-lived token exchange (oauth.ts), media containers, their status, publishing and the
// publishing quota (posts.ts), and insights (insights.ts), all under graph.threads.net/v1.0.

function profileRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: `${VERSION}/me`,
    name: "profile",
    handle(req) {
      const acc = requireUser(state, req, ["threads_basic"]);
      if ("status" in acc) return acc;
      const fields = (req.query.get("fields") ?? "id").split(",").map((s) => s.trim());
      const all: Record<string, unknown> = {
        id: acc.id,
        username: acc.username,
        name: acc.name,
        threads_profile_picture_url: `${req.base}/avatar/${encodeURIComponent(acc.username)}.jpg`,
        threads_biography: "An emulated Threads profile",
      };
      return json(200, Object.fromEntries(["id", ...fields].filter((f) => f in all).map((f) => [f, all[f]])));
    },
  };
}

function webRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/@:username/post/:id",
    name: "web",
    handle(_req, p) {
      const post = recorded(state, PLATFORM).find(p.id!);
      const page = (body: string) =>
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Threads emulator</title></head><body><main>${body}</main></body></html>`;
      if (!post) return htmlAnswer(404, page("<h1>Post not found</h1>"));
      return htmlAnswer(200, page(`<h1>@${esc(p.username!)}</h1><p>${esc(post.text)}</p>`));
    },
  };
}

const throttled = () => graphError(400, 4, "Application request limit reached", { transient: true });

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Threads",
  notes:
    "<p>Sign in at <code>/threads/oauth/authorize</code>. Containers are made at <code>/threads/v1.0/{user-id}/threads</code>; images and videos are downloaded from their URL (a video reads IN_PROGRESS once), and <code>threads_publish</code> keeps to 250 posts and 1,000 replies per 24 hours.</p>",
  routes(state) {
    return [...oauthRoutes(state), profileRoute(state), ...postRoutes(state), ...insightRoutes(state), webRoute(state)];
  },
  faults: {
    "expired-token": () => graphError(400, 190, "Error validating access token: Session has expired.", { subcode: 463 }),
    "missing-scope": () => graphError(403, 10, "Application does not have permission for this action"),
    // Graph throttling carries no reset time in the body or a Retry-After header.
    "rate-limit": () => throttled(),
    "server-error": () => graphError(500, 2, "An unexpected error has occurred. Please retry your request later.", { transient: true }),
  },
};

export default emulator;
