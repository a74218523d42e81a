import { isAnswer } from "@/emulator/kit/access";
import { inOpenWindow, rateLimitFault } from "@/emulator/kit/faults";
import { escapeHtml as esc, htmlAnswer } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { duplicate, guard, notPermitted, serviceUnavailable, tooManyRequests, unauthorized, withRateLimits } from "./common";
import { seedXHistory, userPublicMetrics } from "./metrics";
import { mediaRoutes } from "./media";
import { timelineRoutes } from "./timeline";
import { tweetRoutes } from "./tweets";

// The X API v2 emulator: OAuth 2.0 with PKCE and rotating refresh tokens, the signed-in user,
// posts, the user timeline and media upload, each answering in X's documented shapes.

const DEFAULT_AVATAR = "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png";

/** X's token endpoint says invalid_request where RFC 6749 says invalid_grant. */
function oauthError(status: number, error: string, description: string): EmuResponse {
  const code = error === "invalid_grant" ? "invalid_request" : error === "invalid_client" ? "unauthorized_client" : error;
  return json(status, { error: code, error_description: description });
}

function me(state: EmulatorState, req: EmuRequest): EmuResponse {
  const grant = guard(state, req, ["tweet.read", "users.read"]);
  if (isAnswer(grant)) return grant;
  const account = state.getAccount("x", grant.accountId);
  if (!account) return unauthorized();
  const fields = (req.query.get("user.fields") ?? "").split(",");
  return json(200, {
    data: {
      id: account.id,
      name: account.name,
      username: account.username,
      ...(fields.includes("profile_image_url") ? { profile_image_url: account.picture ?? DEFAULT_AVATAR } : {}),
      ...(fields.includes("public_metrics") ? { public_metrics: userPublicMetrics(state, account.id) } : {}),
    },
  });
}

/** The public page a published link points to, so sandbox links lead somewhere. */
function webPost(state: EmulatorState, username: string, id: string): EmuResponse {
  const post = recorded(state, "x").find(id);
  const author = post && state.getAccount("x", post.accountId);
  const html = (body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post · X emulator</title></head><body><main>${body}</main></body></html>`;
  if (!post || (author && author.username !== username && username !== "web")) {
    return htmlAnswer(404, html("<h1>This post doesn’t exist</h1>"));
  }
  const reply = post.replyTo ? `<p>Replying to post ${esc(post.replyTo)}</p>` : "";
  return htmlAnswer(
    200,
    html(`<h1>@${esc(author?.username ?? "unknown")}</h1>${reply}<p>${esc(post.text)}</p><p>${post.media.length} attachment(s)</p>`),
  );
}

function routes(state: EmulatorState): Route[] {
  return [
    authorizeRoute(state, { platform: "x", platformName: "X", path: "/i/oauth2/authorize", pkceRequired: true, scopeSeparator: " " }),
    tokenRoute(state, {
      platform: "x",
      path: "/2/oauth2/token",
      clientAuth: "basic",
      refresh: true,
      scopeSeparator: " ",
      error: oauthError,
    }),
    withRateLimits(state, { method: "GET", path: "/2/users/me", name: "profile", handle: (req) => me(state, req) }, 75),
    ...tweetRoutes(state),
    ...timelineRoutes(state),
    ...mediaRoutes(state),
    { method: "GET", path: "/:username/status/:id", name: "web", handle: (_req, p) => webPost(state, p.username!, p.id!) },
  ];
}

const emulator: PlatformEmulator = {
  id: "x",
  name: "X",
  routes,
  faults: {
    "expired-token": () => unauthorized(),
    "missing-scope": () => notPermitted(),
    "rate-limit": rateLimitFault("x-rate-limit", 100, tooManyRequests),
    // X sends x-rate-limit-* on every answer, errors included: a 503 still shows the window.
    "server-error": () => inOpenWindow(serviceUnavailable(), "x-rate-limit", 300, 15 * 60),
    duplicate: () => duplicate(),
  },
  seedHistory: seedXHistory,
};

export default emulator;
