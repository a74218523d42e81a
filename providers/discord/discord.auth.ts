import { z } from "zod";
import { appCredentials, hostOf } from "../core/hosts";
import { ProviderError } from "../core/errors";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { AuthResult, AuthUrlContext, OAuthStart } from "../social.integrations.interface";
import { discordApi, discordHeaders, discordWeb } from "./discord.api";
import { classifyDiscordTokenError } from "./discord.errors";
import { DISCORD_BOT_PERMISSIONS, discordManifest } from "./discord.manifest";

// Installing the bot (../shared/platforms/discord.md §1; oauth2.mdx "Advanced Bot Authorization"):
// the link asks for scope "bot" with the bot's permissions plus "identify", which makes it a full
// authorization-code grant; Discord sends the user back with ?code&guild_id&permissions, and the
// code exchange (POST /oauth2/token, client authenticated with HTTP Basic) answers the token with
// the `guild` the bot was added to. That answer, server to server, is what names the server: the
// guild_id in the redirect's query is the user's browser's word, and is not trusted.

export function discordInstallLink(ctx: AuthUrlContext): OAuthStart {
  const { clientId } = appCredentials("discord");
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    scope: discordManifest.auth.scopes.join(" "),
    permissions: DISCORD_BOT_PERMISSIONS,
    // A server install (not a user install of the app).
    integration_type: "0",
    redirect_uri: ctx.redirectUri,
    state: ctx.state,
  });
  return { url: `${discordWeb("/oauth2/authorize")}?${params}`, codeVerifier: ctx.codeVerifier, state: ctx.state };
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  guild: z.object({ id: z.string().min(1), name: z.string().optional(), icon: z.string().nullish() }).optional(),
});

export async function discordInstall(api: SocialAbstract, code: string, redirectUri: string): Promise<AuthResult> {
  const { clientId, clientSecret } = appCredentials("discord");
  const action = "finish adding the bot to your server";
  const res = await api
    .fetch(
      discordApi("/oauth2/token"),
      {
        method: "POST",
        headers: {
          ...discordHeaders(),
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`,
        },
        body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
      },
      { action, idempotent: false, maxRetries: 0, classify: classifyDiscordTokenError },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  // The answer holds a token: never quoted into an error.
  const parsed = tokenAnswer.safeParse(
    parseJsonAnswer(await res.text(), "Discord token endpoint", action, { status: res.status, secret: true }),
  );
  if (!parsed.success) throw new ProviderError("retry", "Discord sent a token answer without an access token", { status: res.status });
  const { guild, scope } = parsed.data;
  const scopes = scope?.split(/\s+/).filter(Boolean);
  if (!guild || (scopes && !scopes.includes("bot")))
    throw new ProviderError(
      "bad-body",
      "Discord did not add the bot to a server: choose a server you manage when adding the bot, then try again",
    );
  const name = guild.name?.trim() || `Server ${guild.id}`;
  return {
    id: guild.id,
    name,
    ...(guild.icon ? { picture: `${hostOf(discordManifest, "cdn")}/icons/${guild.id}/${encodeURIComponent(guild.icon)}.png` } : {}),
    // Kept to identify the install; posting uses the bot's token, so it is neither refreshed nor
    // given an expiry here (it lapses after 7 days without consequence).
    accessToken: parsed.data.access_token,
    ...(scopes ? { scopes } : {}),
    profile: { guildId: guild.id, guildName: name },
    needsPagePick: true,
  };
}
