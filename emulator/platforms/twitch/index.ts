import { bearerGrant, isAnswer } from "@/emulator/kit/access";
import { envelope } from "@/emulator/kit/envelope";
import { rateLimitFault } from "@/emulator/kit/faults";
import { escapeHtml as esc } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import { withRateLimits } from "@/emulator/kit/rate-limit";
import { recorded } from "@/emulator/kit/recording";
import type { Account, EmulatorState, Grant } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";

// Twitch as dev.twitch.tv documents it (../shared/platforms/twitch.md), never from providers/ (a
// lint rule refuses the import). The OAuth server (id.twitch.tv): /oauth2/authorize, /oauth2/token
// (client id and secret in the form; the granted scopes as a JSON array; refresh tokens rotate) and
// /oauth2/validate ("Authorization: OAuth <token>"). Helix (api.twitch.tv/helix): every call needs
// Client-Id matching the token's client besides the bearer token, answers errors as
// {error, status, message} and carries Ratelimit-Limit/Remaining/Reset (800 points a minute).
// Get Users, Send Chat Message (500 characters; a dropped message is 200 with is_sent false) and
// Send Chat Announcement (colours blue, green, orange, purple, primary; 204; one every 2 seconds).

const PLATFORM = "twitch";
const MAX_MESSAGE = 500;
const COLOURS = new Set(["blue", "green", "orange", "purple", "primary"]);
const HELIX_POINTS = 800;
const ANNOUNCEMENT_GAP_MS = 2000;
/** A message containing this is held by AutoMod in the emulated channel: answered is_sent false. */
export const AUTOMOD_WORD = "automod-blocked";

const reasons: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
};
/** Helix's error envelope. */
const helixError = envelope((status, message: string) => ({ error: reasons[status] ?? "Error", status, message }));

/** Twitch user ids are numeric strings: the emulated account's, derived from its id. */
export const twitchUserId = (a: Account) => String(Number.parseInt(a.id.replace(/^twitch-/, ""), 16));

const refusals = {
  missing: () => helixError(401, "OAuth token is missing"),
  invalid: () => helixError(401, "Invalid OAuth token"),
  expired: () => helixError(401, "Invalid OAuth token"),
};

type Caller = { grant: Grant; account: Account; userId: string };

/** What every Helix call checks: a user token, and Client-Id naming the client it was issued to. */
function helixCaller(state: EmulatorState, req: EmuRequest, scope?: string, scopeMessage?: string): Caller | EmuResponse {
  const grant = bearerGrant(state, PLATFORM, req.bearer(), refusals);
  if (isAnswer(grant)) return grant;
  const clientId = req.headers["client-id"];
  if (!clientId) return helixError(401, "Client-Id header is missing");
  if (clientId !== grant.clientId) return helixError(401, "Client ID and OAuth token do not match");
  if (scope && !grant.scopes.includes(scope)) return helixError(401, scopeMessage ?? `Missing scope: ${scope}`);
  const account = state.getAccount(PLATFORM, grant.accountId)!;
  return { grant, account, userId: twitchUserId(account) };
}

function validateRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/oauth2/validate",
    name: "validate",
    handle(req) {
      const h = req.headers.authorization ?? "";
      // The documented scheme is "OAuth"; without a token the answer is 401 too.
      const token = /^OAuth /i.test(h) ? h.slice(6).trim() : undefined;
      const grant = state.checkAccess(PLATFORM, token);
      if (typeof grant === "string")
        return json(401, { status: 401, message: token ? "invalid access token" : "missing authorization token" });
      const account = state.getAccount(PLATFORM, grant.accountId)!;
      const at = state.accessTokens.get(token!)!;
      return json(200, {
        client_id: grant.clientId,
        login: account.username,
        scopes: grant.scopes,
        user_id: twitchUserId(account),
        expires_in: Math.max(0, Math.floor((at.expiresAt - Date.now()) / 1000)),
      });
    },
  };
}

function usersRoute(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/helix/users",
    name: "profile",
    handle(req) {
      const c = helixCaller(state, req);
      if (isAnswer(c)) return c;
      return json(200, {
        data: [
          {
            id: c.userId,
            login: c.account.username,
            display_name: c.account.name,
            type: "",
            broadcaster_type: "",
            description: "",
            profile_image_url: `${req.base}/avatars/${c.userId}.png`,
            offline_image_url: "",
            view_count: 0,
            created_at: "2020-01-01T00:00:00Z",
          },
        ],
      });
    },
  };
}

/** The body of a JSON call, or Helix's 400. */
function jsonBodyOf(req: EmuRequest): Record<string, unknown> | EmuResponse {
  if (!(req.headers["content-type"] ?? "").includes("application/json")) return helixError(400, "Content-Type must be application/json");
  try {
    const b = req.json<unknown>();
    if (b && typeof b === "object" && !Array.isArray(b)) return b as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  return helixError(400, "The request body is not valid JSON");
}

function messagesRoute(state: EmulatorState): Route {
  const posts = recorded(state, PLATFORM);
  return {
    method: "POST",
    path: "/helix/chat/messages",
    name: "post",
    handle(req) {
      const c = helixCaller(state, req, "user:write:chat", "The user access token must include the user:write:chat scope");
      if (isAnswer(c)) return c;
      const b = jsonBodyOf(req);
      if (isAnswer(b)) return b;
      for (const f of ["broadcaster_id", "sender_id", "message"])
        if (typeof b[f] !== "string" || !(b[f] as string).trim()) return helixError(400, `Missing required parameter: ${f}`);
      if (b.for_source_only !== undefined) return helixError(400, "for_source_only may only be set with an app access token");
      if (b.sender_id !== c.userId) return helixError(401, "The ID in sender_id must match the user ID in the user access token");
      if (b.broadcaster_id !== c.userId)
        return helixError(403, "The sender is not permitted to send chat messages to the broadcaster's chat room");
      const message = b.message as string;
      if ([...message].length > MAX_MESSAGE) return helixError(422, "The message is too large");
      if (message.includes(AUTOMOD_WORD))
        return json(200, {
          data: [
            {
              message_id: "",
              is_sent: false,
              drop_reason: { code: "msg_rejected", message: "Your message is being checked by mods and has not been sent." },
            },
          ],
        });
      const parent = b.reply_parent_message_id;
      if (parent !== undefined && (typeof parent !== "string" || !posts.find(parent)))
        return helixError(400, "The reply_parent_message_id is not valid");
      const p = posts.record({
        accountId: c.account.id,
        text: message,
        media: [],
        replyTo: parent as string | undefined,
        extra: { kind: "message" },
      });
      return json(200, { data: [{ message_id: p.id, is_sent: true, drop_reason: null }] });
    },
  };
}

function announcementsRoute(state: EmulatorState): Route {
  const posts = recorded(state, PLATFORM);
  const last = new Map<string, number>();
  return {
    method: "POST",
    path: "/helix/chat/announcements",
    name: "announcement",
    handle(req) {
      const c = helixCaller(state, req, "moderator:manage:announcements", "Missing scope: moderator:manage:announcements");
      if (isAnswer(c)) return c;
      const broadcaster = req.query.get("broadcaster_id");
      const moderator = req.query.get("moderator_id");
      if (!broadcaster) return helixError(400, 'Missing required parameter "broadcaster_id"');
      if (!moderator) return helixError(400, 'Missing required parameter "moderator_id"');
      if (moderator !== c.userId) return helixError(403, "The ID in moderator_id must match the user ID in the user access token");
      if (broadcaster !== c.userId) return helixError(403, "The user in moderator_id is not one of the broadcaster's moderators");
      const b = jsonBodyOf(req);
      if (isAnswer(b)) return b;
      if (typeof b.message !== "string" || !b.message.trim()) return helixError(400, 'Missing required parameter "message"');
      const color = b.color ?? "primary";
      if (typeof color !== "string" || !COLOURS.has(color))
        return helixError(400, "The value in the color field is not valid: use blue, green, orange, purple or primary");
      const now = Date.now();
      if (state.rateLimits && now - (last.get(broadcaster) ?? 0) < ANNOUNCEMENT_GAP_MS)
        return helixError(
          429,
          "The sender has exceeded the number of announcements they may send to this broadcaster_id within a given time period",
        );
      last.set(broadcaster, now);
      // Announcements longer than 500 characters are truncated, not refused.
      const text = [...b.message].slice(0, MAX_MESSAGE).join("");
      posts.record({ accountId: c.account.id, text, media: [], extra: { kind: "announcement", color } });
      return { status: 204 };
    },
  };
}

/** https://www.twitch.tv/<login>: the channel's page, with what was said in its chat. */
function channelPage(state: EmulatorState): Route {
  const posts = recorded(state, PLATFORM);
  return {
    method: "GET",
    path: "/:login",
    name: "channel-page",
    handle(_req, params) {
      const login = params.login ?? "";
      const account = [...state.accounts.values()].find((a) => a.id.startsWith(`${PLATFORM}-`) && a.username === login);
      if (!account)
        return {
          status: 404,
          headers: { "content-type": "text/html" },
          body: "<h1>Sorry. Unless you've got a time machine, that content is unavailable.</h1>",
        };
      const lines = posts
        .byAccount(account.id)
        .map((p) => `<li>${esc(p.text)}</li>`)
        .join("");
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<h1>${esc(account.name)}</h1><ul>${lines}</ul>`,
      };
    },
  };
}

const helixLimit = (state: EmulatorState, route: Route) =>
  withRateLimits(state, route, {
    platform: PLATFORM,
    limit: HELIX_POINTS,
    windowSeconds: 60,
    dialect: "ratelimit",
    refuse: () => helixError(429, "Too Many Requests"),
  });

function routes(state: EmulatorState): Route[] {
  return [
    authorizeRoute(state, {
      platform: PLATFORM,
      platformName: "Twitch",
      path: "/oauth2/authorize",
      pkceRequired: false,
      scopeSeparator: " ",
    }),
    tokenRoute(state, {
      platform: PLATFORM,
      path: "/oauth2/token",
      clientAuth: "body",
      refresh: true,
      scopeSeparator: " ",
      // The OAuth server's errors: {"status":400,"message":"Invalid refresh token"}.
      error: (status, _error, description) => json(status, { status, message: description }),
      // Twitch lists the granted scopes as a JSON array.
      extra: (scopes) => ({ scope: scopes }),
    }),
    validateRoute(state),
    helixLimit(state, usersRoute(state)),
    helixLimit(state, messagesRoute(state)),
    helixLimit(state, announcementsRoute(state)),
    channelPage(state),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Twitch",
  notes: `Chat messages and announcements to the signed-in broadcaster's own chat. A message containing "${AUTOMOD_WORD}" is held by AutoMod (is_sent false).`,
  routes,
  faults: {
    "expired-token": () => helixError(401, "Invalid OAuth token"),
    "missing-scope": () => helixError(401, "The user access token must include the user:write:chat scope"),
    "rate-limit": rateLimitFault("ratelimit", HELIX_POINTS, () => helixError(429, "Too Many Requests")),
    "server-error": () => helixError(500, "Internal Server Error"),
  },
};

export default emulator;
