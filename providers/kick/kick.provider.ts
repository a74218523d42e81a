import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiSession } from "../core/api-session";
import { ProviderError, type HandledError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config } from "../core/oauth2-provider";
import type { AuthResult, ChannelAccess, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { classifyKickError } from "./kick.errors";
import { kickManifest } from "./kick.manifest";
import type { KickSettings } from "./kick.settings";

// Kick's public API (../shared/platforms/kick.md). Connecting is OAuth 2.1 on id.kick.com with PKCE
// (S256, required) and the client secret in the form; each refresh returns a new refresh token,
// which the shared token store keeps (lib/channels/tokens.ts, under a row lock). The account is
// GET /public/v1/users (no id: the token's user) and its channel GET /public/v1/channels (the slug
// for links). A post is POST /public/v1/chat, type "user", into the user's own channel
// (broadcaster_user_id = the user's id); an answer with is_sent false is a refusal.

const users = z.object({
  data: z
    .array(
      z.object({
        user_id: z.coerce.number().int().positive(),
        name: z.string().min(1),
        profile_picture: z.string().nullish(),
      }),
    )
    .min(1),
});
const channels = z.object({
  data: z.array(z.object({ broadcaster_user_id: z.coerce.number().int(), slug: z.string().min(1) })).default([]),
});
const sent = z.object({
  data: z.object({ is_sent: z.boolean(), message_id: z.string().nullish() }),
  message: z.string().optional(),
});

export class KickProvider extends OAuth2Provider<KickSettings> implements SocialProvider<KickSettings> {
  readonly manifest = kickManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(kickManifest, "auth")}/oauth/authorize`,
    tokenUrl: () => `${hostOf(kickManifest, "auth")}/oauth/token`,
    credentialsPrefix: "kick",
    pkce: true,
    clientAuth: "body",
    scopeSeparator: " ",
  };

  private api(accessToken: string, ctx?: PublishContext): ApiSession {
    return new ApiSession(this, { base: () => `${hostOf(kickManifest, "api")}/public/v1` }, accessToken, ctx);
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    const api = this.api(accessToken);
    const me = users.safeParse(await api.get("/users", "read the Kick account"));
    if (!me.success) throw new ProviderError("retry", "Kick did not say which account signed in");
    const u = me.data.data[0]!;
    const ch = channels.safeParse(await api.get("/channels", "read the Kick channel"));
    const own = ch.success ? (ch.data.data.find((c) => c.broadcaster_user_id === u.user_id) ?? ch.data.data[0]) : undefined;
    if (!own) throw new ProviderError("bad-body", `Kick has no channel for ${u.name}: create it on kick.com, then connect again`);
    return {
      id: String(u.user_id),
      name: u.name,
      username: own.slug,
      picture: u.profile_picture || undefined,
      profile: { slug: own.slug },
    };
  }

  private channelUrl(channel: ChannelAccess): string {
    const slug = (typeof channel.profile?.slug === "string" && channel.profile.slug) || channel.username || channel.internalId;
    return `${hostOf(kickManifest, "web")}/${encodeURIComponent(slug)}`;
  }

  async post(channel: ChannelAccess, item: PostItem, _settings: KickSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const answer = sent.safeParse(
      await this.api(channel.accessToken, ctx).post(
        "/chat",
        // §4: type "bot" has answered 500 for some apps (issue #343); "user" sends as the account itself.
        { type: "user", broadcaster_user_id: Number(channel.internalId), content: item.text },
        "send the Kick chat message",
        { idempotent: false },
      ),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Kick answered the chat message without saying whether it was sent", { mayHavePublished: true });
    if (!answer.data.data.is_sent)
      throw new ProviderError("bad-body", `Kick did not send the message${answer.data.message ? `: ${answer.data.message}` : ""}`);
    return { id: answer.data.data.message_id || `message-${randomUUID()}`, url: this.channelUrl(channel) };
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyKickError(body, status);
  }
}
