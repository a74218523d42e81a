import { randomUUID } from "node:crypto";
import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import { envelope, withHeaders } from "@/emulator/kit/envelope";
import { escapeHtml as esc } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";

// Kick's public API as docs.kick.com documents it (../shared/platforms/kick.md), never from
// providers/ (a lint rule refuses the import). OAuth 2.1 on id.kick.com: /oauth/authorize requires
// PKCE (code_challenge, S256) and /oauth/token the client id and secret in the form plus the
// code_verifier; every refresh returns a new refresh token and spends the old one. The API
// (api.kick.com/public/v1) answers {data, message}: GET /users and GET /channels for the token's
// user, POST /chat (type "user" with broadcaster_user_id, or "bot"; content of at most 500
// characters) answering {data: {is_sent, message_id}}. Kick documents no rate-limit headers.

const PLATFORM = "kick";
const MAX_CONTENT = 500;

/** Kick's API envelope: {data, message}. */
const kickError = envelope((_status, message: string, data: unknown = null) => ({ data, message }));

/** Kick user ids are numbers: the emulated account's, derived from its id. */
export const kickUserId = (a: Account) => Number.parseInt(a.id.replace(/^kick-/, ""), 16);
/** A channel's slug: the username in lower case, underscores as hyphens. */
export const kickSlug = (a: Account) => a.username.toLowerCase().replace(/_/g, "-");

const refusals = {
  missing: () => kickError(401, "Unauthorized"),
  invalid: () => kickError(401, "Unauthorized"),
  expired: () => kickError(401, "Unauthorized"),
};

function caller(state: EmulatorState, req: EmuRequest, scope: string): Account | EmuResponse {
  // A token without the scope is refused like an invalid one (KickDevDocs issue #289: 401 with data {}).
  const grant = bearerGrant(state, PLATFORM, req.bearer(), { ...refusals, scope: () => kickError(401, "Unauthorized", {}) }, (held) =>
    held.includes(scope),
  );
  if (isAnswer(grant)) return grant;
  return state.getAccount(PLATFORM, grant.accountId)!;
}

function usersRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/public/v1/users",
    name: "profile",
    handle(req) {
      const a = caller(state, req, "user:read");
      if (isAnswer(a)) return a;
      const ids = req.query.getAll("id");
      if (ids.length && !ids.includes(String(kickUserId(a)))) return json(200, { data: [], message: "OK" });
      return json(200, {
        data: [
          {
            user_id: kickUserId(a),
            name: a.username,
            email: `${a.username}@example.test`,
            profile_picture: `${req.base}/avatars/${kickUserId(a)}.png`,
          },
        ],
        message: "OK",
      });
    },
  };
}

function channelsRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/public/v1/channels",
    name: "channel",
    handle(req) {
      const a = caller(state, req, "channel:read");
      if (isAnswer(a)) return a;
      return json(200, {
        data: [
          {
            broadcaster_user_id: kickUserId(a),
            slug: kickSlug(a),
            channel_description: "",
            banner_picture: "",
            stream_title: "",
            category: { id: 0, name: "Just Chatting", thumbnail: "" },
          },
        ],
        message: "OK",
      });
    },
  };
}

function chatRoute(state: EmulatorState): Route {
  const posts = recorded(state, PLATFORM);
  return {
    method: "POST",
    path: "/public/v1/chat",
    name: "post",
    handle(req) {
      const a = caller(state, req, "chat:write");
      if (isAnswer(a)) return a;
      if (!(req.headers["content-type"] ?? "").includes("application/json")) return kickError(400, "content type must be application/json");
      let b: Record<string, unknown>;
      try {
        b = req.json();
      } catch {
        return kickError(400, "invalid request body");
      }
      if (b.type !== "user" && b.type !== "bot") return kickError(400, "type: must be one of user, bot");
      if (typeof b.content !== "string" || !b.content.trim()) return kickError(400, "content: is required");
      if ([...b.content].length > MAX_CONTENT) return kickError(400, `content: must be at most ${MAX_CONTENT} characters`);
      let broadcaster = kickUserId(a);
      if (b.type === "user") {
        // Required for type "user", and a number.
        if (typeof b.broadcaster_user_id !== "number" || !Number.isInteger(b.broadcaster_user_id))
          return kickError(400, "broadcaster_user_id: is required for type user and must be an integer");
        broadcaster = b.broadcaster_user_id;
      }
      const owner = [...state.accounts.values()].find((x) => x.id.startsWith(`${PLATFORM}-`) && kickUserId(x) === broadcaster);
      if (!owner) return kickError(404, "channel not found");
      if (owner.id !== a.id) return kickError(403, "Forbidden");
      const reply = b.reply_to_message_id;
      if (reply !== undefined && (typeof reply !== "string" || !posts.find(reply)))
        return kickError(400, "reply_to_message_id: is invalid");
      const p = posts.record({
        id: randomUUID(),
        accountId: a.id,
        text: b.content,
        media: [],
        replyTo: reply as string | undefined,
        extra: { type: b.type },
      });
      return json(200, { data: { is_sent: true, message_id: p.id }, message: "OK" });
    },
  };
}

/** https://kick.com/<slug>: the channel's page, with its chat. */
function channelPage(state: EmulatorState): Route {
  const posts = recorded(state, PLATFORM);
  return {
    method: "GET",
    path: "/:slug",
    name: "channel-page",
    handle(_req, params) {
      const a = [...state.accounts.values()].find((x) => x.id.startsWith(`${PLATFORM}-`) && kickSlug(x) === params.slug);
      if (!a) return { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Oops, something went wrong</h1>" };
      const lines = posts
        .byAccount(a.id)
        .map((p) => `<li>${esc(p.text)}</li>`)
        .join("");
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: `<h1>${esc(a.username)}</h1><ul>${lines}</ul>` };
    },
  };
}

function routes(state: EmulatorState): Route[] {
  return [
    authorizeRoute(state, { platform: PLATFORM, platformName: "Kick", path: "/oauth/authorize", pkceRequired: true, scopeSeparator: " " }),
    tokenRoute(state, {
      platform: PLATFORM,
      path: "/oauth/token",
      clientAuth: "body",
      refresh: true,
      scopeSeparator: " ",
      error: (status, error, description) => json(status, { error, error_description: description }),
      extra: () => ({ token_type: "Bearer" }),
    }),
    usersRoute(state),
    channelsRoute(state),
    chatRoute(state),
    channelPage(state),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Kick",
  notes: "Chat messages to the signed-in user's own channel (type user); PKCE is required at sign-in.",
  routes,
  faults: {
    "expired-token": () => kickError(401, "Unauthorized", {}),
    "missing-scope": () => kickError(401, "Unauthorized", {}),
    // Kick documents no rate-limit headers; its 429 is assumed to carry Retry-After.
    "rate-limit": ({ retryAfterSeconds }) =>
      withHeaders(kickError(429, "Too Many Requests"), { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) }),
    "server-error": () => kickError(500, "Internal server error"),
  },
};

export default emulator;
