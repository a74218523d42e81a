import { escapeHtml } from "@/emulator/kit/html";
import { authorizeRoute, tokenRoute } from "@/emulator/kit/oauth";
import type { EmulatorState } from "@/emulator/state";
import { json, type PlatformEmulator, type Route } from "@/emulator/types";
import { messageRoutes } from "./messages";
import {
  botIsIn,
  channelFor,
  channelObject,
  discordError,
  install,
  newWorld,
  PLATFORM,
  requireBot,
  SANDBOX_BOT_TOKEN,
  type World,
} from "./support";

// Discord as its documentation describes it (discord-api-docs: oauth2.mdx, guild.mdx, channel.mdx,
// message.mdx, rate-limits.mdx; ../shared/platforms/discord.md), never from providers/ (a lint rule
// refuses the import). Installing the bot: /oauth2/authorize with scope "bot" (plus another scope,
// which makes it a code grant) and a permissions integer; POST /oauth2/token (client by HTTP Basic)
// answers the token with the `guild` the bot joined. Every emulated account has one server with a
// category, #general (text), #announcements, a voice channel and a forum. Bot calls need
// "Authorization: Bot <bot token>".

/** The permissions integer must be a whole number, and include Send Messages (1 << 11) to be of use. */
const SEND_MESSAGES = 1n << 11n;

function authorize(state: EmulatorState): Route {
  const page = authorizeRoute(state, {
    platform: PLATFORM,
    platformName: "Discord",
    path: "/oauth2/authorize",
    pkceRequired: false,
    scopeSeparator: " ",
  });
  return {
    ...page,
    handle(req, params) {
      const scopes = (req.query.get("scope") ?? "").split(" ");
      const perms = req.query.get("permissions") ?? "0";
      const problems: string[] = [];
      if (!scopes.includes("bot")) problems.push("scope must include bot to add the bot to a server");
      if (scopes.filter((s) => s && s !== "bot" && s !== "applications.commands").length === 0)
        problems.push(
          "with scope bot alone Discord adds the bot without sending a code back: request another scope (identify) for a code grant",
        );
      if (!/^\d+$/.test(perms) || (BigInt(perms) & SEND_MESSAGES) === 0n)
        problems.push("permissions must be an integer including SEND_MESSAGES (1 << 11)");
      if (problems.length)
        return {
          status: 400,
          headers: { "content-type": "text/html" },
          body: `<h1>Invalid OAuth2 request</h1><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>`,
        };
      return page.handle(req, params);
    },
  };
}

/** The token endpoint; a code grant that included "bot" names the server the bot was added to. */
function token(state: EmulatorState, world: World): Route {
  const base = tokenRoute(state, {
    platform: PLATFORM,
    path: "/oauth2/token",
    clientAuth: "basic",
    refresh: true,
    scopeSeparator: " ",
    error: (status, error, description) => json(status, { error, error_description: description }),
  });
  return {
    ...base,
    async handle(req, params) {
      const answer = await base.handle(req, params);
      const body = answer.body as { access_token?: string; scope?: string } | undefined;
      if (answer.status !== 200 || !body?.access_token || req.form().get("grant_type") !== "authorization_code") return answer;
      const at = state.accessTokens.get(body.access_token)!;
      const grant = state.grants.get(at.grantId)!;
      if (!grant.scopes.includes("bot")) return answer;
      const account = state.getAccount(PLATFORM, grant.accountId)!;
      const g = install(world, account.id, account.name, grant.id);
      return {
        ...answer,
        body: { ...body, token_type: "Bearer", expires_in: 604800, guild: { id: g.id, name: g.name, icon: null, owner_id: "1" } },
      };
    },
  };
}

function guildChannels(state: EmulatorState, world: World): Route {
  return {
    method: "GET",
    path: "/guilds/:guildId/channels",
    name: "channels",
    handle(req, params) {
      const denied = requireBot(req);
      if (denied) return denied;
      const g = world.guilds.get(params.guildId!);
      if (!g) return discordError(404, 10004, "Unknown Guild");
      if (!botIsIn(state, g)) return discordError(403, 50001, "Missing Access");
      return json(200, g.channels.map(channelObject));
    },
  };
}

function getChannel(state: EmulatorState, world: World): Route {
  return {
    method: "GET",
    path: "/channels/:channelId",
    name: "channel",
    handle(req, params) {
      const denied = requireBot(req);
      if (denied) return denied;
      const found = channelFor(state, world, params.channelId!);
      return "status" in found ? found : json(200, channelObject(found.channel));
    },
  };
}

/** https://discord.com/channels/{guild}/{channel}/{message}: the message's page, for the links the app shows. */
function messagePage(state: EmulatorState): Route {
  return {
    method: "GET",
    path: "/channels/:guildId/:channelId/:messageId",
    name: "message-page",
    handle(_req, params) {
      const post = state.posts.find((p) => p.platform === PLATFORM && p.id === params.messageId);
      if (!post) return { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Unknown message</h1>" };
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<main><h1>Discord message</h1><pre>${escapeHtml(post.text)}</pre></main>`,
      };
    },
  };
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Discord",
  notes: `<p>Add the bot through <code>/discord/oauth2/authorize</code> (scope <code>bot identify</code>, a permissions integer). Bot calls take <code>Authorization: Bot ${SANDBOX_BOT_TOKEN}</code>. Each account has one server with #general, #announcements, a voice channel and a forum.</p>`,
  routes(state) {
    const world = newWorld();
    return [
      authorize(state),
      token(state, world),
      guildChannels(state, world),
      getChannel(state, world),
      ...messageRoutes(state, world),
      messagePage(state),
    ];
  },
  faults: {
    "expired-token": () => discordError(401, 0, "401: Unauthorized"),
    "missing-scope": () => discordError(403, 50013, "Missing Permissions"),
    // rate-limits.mdx: a 429 with retry_after (seconds) in the body and the bucket's headers.
    "rate-limit": ({ retryAfterSeconds }) =>
      json(
        429,
        { message: "You are being rate limited.", retry_after: retryAfterSeconds, global: false },
        {
          "retry-after": String(retryAfterSeconds),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": ((Date.now() + retryAfterSeconds * 1000) / 1000).toFixed(3),
          "x-ratelimit-reset-after": retryAfterSeconds.toFixed(3),
          "x-ratelimit-bucket": "emulated-channel-messages",
          "x-ratelimit-scope": "user",
        },
      ),
    "server-error": () => discordError(500, 0, "500: Internal Server Error"),
  },
};

export default emulator;
