import { escapeHtml } from "@/emulator/kit/html";
import { authorizeRoute, clientSecretFor } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { messageRoutes } from "./messages";
import {
  argsOf,
  BOT_PREFIX,
  channelsOf,
  convObject,
  isAnswer,
  newWorkspace,
  ok,
  PLATFORM,
  REFRESH_PREFIX,
  requireBot,
  slackError,
  type Workspace,
} from "./support";

// Slack as docs.slack.dev describes it (../shared/platforms/slack.md), never from providers/ (a
// lint rule refuses the import): the OAuth v2 install (/oauth/v2/authorize with comma-separated
// bot scopes, oauth.v2.access with the client in the form or HTTP Basic, token rotation on: 12-hour
// xoxb- tokens renewed with xoxe- refresh tokens), auth.test, conversations.list/info/join,
// chat.postMessage, chat.getPermalink and the external file upload flow (messages.ts).

const PAGE_SIZE = 2;

function tokenRoute(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/oauth.v2.access",
    name: "token",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      let clientId = String(args.client_id ?? "");
      let secret = String(args.client_secret ?? "");
      const basic = req.headers.authorization ?? "";
      if (!clientId && basic.startsWith("Basic "))
        [clientId = "", secret = ""] = Buffer.from(basic.slice(6), "base64").toString().split(":");
      if (!clientSecretFor(state, PLATFORM, clientId)) return slackError("invalid_client_id");
      if (clientSecretFor(state, PLATFORM, clientId) !== secret) return slackError("bad_client_secret");
      const answer = (t: ReturnType<EmulatorState["issueTokens"]>, scopes: string[], accountId: string) => {
        const acc = state.getAccount(PLATFORM, accountId)!;
        return ok({
          access_token: `${BOT_PREFIX}${t.accessToken}`,
          token_type: "bot",
          scope: scopes.join(","),
          bot_user_id: "UBOT000001",
          app_id: "AEMULATOR1",
          team: { id: teamId(accountId), name: `${acc.name} workspace` },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: `U${teamId(accountId).slice(1)}` },
          expires_in: t.expiresIn,
          refresh_token: `${REFRESH_PREFIX}${t.refreshToken}`,
        });
      };
      const grantType = String(args.grant_type ?? "authorization_code");
      if (grantType === "refresh_token") {
        const raw = String(args.refresh_token ?? "");
        const rotated = raw.startsWith(REFRESH_PREFIX) ? state.rotate(PLATFORM, raw.slice(REFRESH_PREFIX.length)) : "invalid";
        if (typeof rotated === "string") return slackError("invalid_refresh_token");
        const g = state.grants.get(rotated.grantId)!;
        return answer(rotated, g.scopes, g.accountId);
      }
      if (grantType !== "authorization_code") return slackError("invalid_grant_type");
      if (!args.code) return slackError("invalid_code");
      const code = state.redeemCode(String(args.code), {
        clientId,
        redirectUri: args.redirect_uri === undefined ? undefined : String(args.redirect_uri),
      });
      if (typeof code === "string") return slackError(/redirect_uri/.test(code) ? "bad_redirect_uri" : "invalid_code");
      return answer(state.issueTokens(PLATFORM, code.accountId, clientId, code.scopes, true), code.scopes, code.accountId);
    },
  };
}

const teamId = (accountId: string) =>
  `T${accountId
    .replace(/[^a-z0-9]/gi, "")
    .slice(-8)
    .toUpperCase()}`;

function authTest(state: EmulatorState): Route {
  return {
    method: "POST",
    path: "/auth.test",
    name: "profile",
    handle(req, _params) {
      const grant = requireBot(state, req);
      if (isAnswer(grant)) return grant;
      const acc = state.getAccount(PLATFORM, grant.accountId)!;
      return ok({
        url: `${req.base}/`,
        team: `${acc.name} workspace`,
        user: "postmill",
        team_id: teamId(acc.id),
        user_id: "UBOT000001",
        bot_id: "BEMULATOR1",
      });
    },
  };
}

function conversationsList(state: EmulatorState, w: Workspace): Route {
  return {
    method: "GET",
    path: "/conversations.list",
    name: "channels",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const types = String(args.types ?? "public_channel").split(",");
      const wantsPrivate = types.includes("private_channel");
      const grant = requireBot(state, req, wantsPrivate ? ["channels:read", "groups:read"] : "channels:read");
      if (isAnswer(grant)) return grant;
      if (wantsPrivate && !grant.scopes.includes("groups:read"))
        return slackError("missing_scope", { needed: "groups:read", provided: grant.scopes.join(",") });
      const limit = Number(args.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return slackError("invalid_limit");
      const all = channelsOf(w, grant.accountId).filter(
        (c) =>
          types.includes(c.isPrivate ? "private_channel" : "public_channel") &&
          !(args.exclude_archived === "true" && c.isArchived) &&
          // A private channel is listed only to its members.
          (!c.isPrivate || c.members.has("bot")),
      );
      const start = args.cursor ? Number(Buffer.from(String(args.cursor), "base64").toString().replace("next:", "")) : 0;
      if (!Number.isInteger(start) || start < 0) return slackError("invalid_cursor");
      const size = Math.min(limit, PAGE_SIZE);
      const next = start + size < all.length ? Buffer.from(`next:${start + size}`).toString("base64") : "";
      return ok({ channels: all.slice(start, start + size).map(convObject), response_metadata: { next_cursor: next } });
    },
  };
}

function conversationsInfo(state: EmulatorState, w: Workspace): Route {
  return {
    method: "GET",
    path: "/conversations.info",
    name: "channel",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req, ["channels:read", "groups:read"]);
      if (isAnswer(grant)) return grant;
      const c = channelsOf(w, grant.accountId).find((x) => x.id === args.channel);
      if (!c || (c.isPrivate && !c.members.has("bot"))) return slackError("channel_not_found");
      return ok({ channel: convObject(c) });
    },
  };
}

function conversationsJoin(state: EmulatorState, w: Workspace): Route {
  return {
    method: "POST",
    path: "/conversations.join",
    name: "join",
    handle(req) {
      const args = argsOf(req);
      if (isAnswer(args)) return args;
      const grant = requireBot(state, req, "channels:join");
      if (isAnswer(grant)) return grant;
      if (!args.channel) return slackError("invalid_arguments");
      const c = channelsOf(w, grant.accountId).find((x) => x.id === args.channel);
      if (!c || (c.isPrivate && !c.members.has("bot"))) return slackError("channel_not_found");
      if (c.isPrivate) return slackError("method_not_supported_for_channel_type");
      if (c.isArchived) return slackError("is_archived");
      const already = c.members.has("bot");
      c.members.add("bot");
      return ok({
        channel: convObject(c),
        ...(already ? { warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } } : {}),
      });
    },
  };
}

function archivePage(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/archives/:channel/:p",
    name: "message-page",
    handle(_req, params) {
      const ts = params.p!.replace(/^p(\d+)(\d{6})$/, "$1.$2");
      const post = state.posts.find((p) => p.platform === PLATFORM && p.id === ts);
      if (!post) return { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Message not found</h1>" };
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<main><h1>Slack message</h1><pre>${escapeHtml(post.text)}</pre></main>`,
      };
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Slack",
  notes:
    "<p>Install through <code>/slack/oauth/v2/authorize</code> (comma-separated scopes); methods at <code>/slack/&lt;method&gt;</code> with <code>Authorization: Bearer xoxb-…</code>. Each workspace has #general (the bot must join), #random, a private channel the bot is in and an archived one.</p>",
  routes(state) {
    const w = newWorkspace();
    const get = (r: Route): Route[] => [r, { ...r, method: "POST" }];
    return [
      authorizeRoute(state, {
        platform: PLATFORM,
        platformName: "Slack",
        path: "/oauth/v2/authorize",
        pkceRequired: false,
        scopeSeparator: ",",
        responseType: null,
      }),
      tokenRoute(state),
      ...get({ ...authTest(state), method: "GET" }),
      ...get(conversationsList(state, w)),
      ...get(conversationsInfo(state, w)),
      conversationsJoin(state, w),
      ...messageRoutes(state, w),
      archivePage(state),
    ];
  },
  faults: {
    // Token rotation on: an expired token is refused with token_expired (HTTP 200).
    "expired-token": () => slackError("token_expired"),
    "missing-scope": () => slackError("missing_scope", { needed: "chat:write", provided: "channels:read" }),
    // docs.slack.dev rate limits: HTTP 429 with Retry-After (seconds).
    "rate-limit": ({ retryAfterSeconds }) => json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfterSeconds) }),
    "server-error": () => json(500, { ok: false, error: "internal_error" }),
  },
};

export default emulator;
