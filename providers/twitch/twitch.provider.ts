import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiSession, jsonBody } from "../core/api-session";
import { ProviderError, type HandledError } from "../core/errors";
import { appCredentials, hostOf } from "../core/hosts";
import { OAuth2Provider, type OAuth2Config } from "../core/oauth2-provider";
import type { AuthResult, ChannelAccess, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { classifyTwitchError } from "./twitch.errors";
import { twitchManifest } from "./twitch.manifest";
import type { TwitchSettings } from "./twitch.settings";

// Twitch (../shared/platforms/twitch.md). Connecting is OAuth's authorization code (confidential
// client, client id and secret in the form); the account comes from /oauth2/validate (user id,
// login) and Helix's Get Users (display name, picture). A post is a chat message (Send Chat
// Message, as the broadcaster into its own chat) or an announcement (Send Chat Announcement,
// with a colour). Every Helix call carries Client-Id beside the bearer token. Twitch requires the
// token to be validated hourly: validateToken(), run by the periodic job (manifest auth.validateEvery).

const validated = z.object({
  client_id: z.string().optional(),
  login: z.string().min(1),
  user_id: z.string().min(1),
  scopes: z.array(z.string()).nullish(),
  expires_in: z.number().optional(),
});
const users = z.object({
  data: z
    .array(
      z.object({
        id: z.string().min(1),
        login: z.string().min(1),
        display_name: z.string().optional(),
        profile_image_url: z.string().optional(),
      }),
    )
    .min(1),
});
const sent = z.object({
  data: z
    .array(
      z.object({
        message_id: z.string().default(""),
        is_sent: z.boolean(),
        drop_reason: z.object({ code: z.string().optional(), message: z.string().optional() }).nullish(),
      }),
    )
    .min(1),
});

const clientId = () => appCredentials("twitch").clientId;

export class TwitchProvider extends OAuth2Provider<TwitchSettings> implements SocialProvider<TwitchSettings> {
  readonly manifest = twitchManifest;

  protected oauth: OAuth2Config = {
    authorizeUrl: () => `${hostOf(twitchManifest, "auth")}/oauth2/authorize`,
    tokenUrl: () => `${hostOf(twitchManifest, "auth")}/oauth2/token`,
    credentialsPrefix: "twitch",
    // §1: Twitch documents no PKCE for the authorization code flow; the client secret authenticates.
    pkce: false,
    clientAuth: "body",
    scopeSeparator: " ",
  };

  /** Helix with the channel's token: Client-Id on every call (§6), errors through handleErrors. */
  private helix(accessToken: string, ctx?: PublishContext): ApiSession {
    return new ApiSession(
      this,
      { base: () => `${hostOf(twitchManifest, "api")}/helix`, headers: () => ({ "client-id": clientId() }) },
      accessToken,
      ctx,
    );
  }

  /** GET /oauth2/validate: the token's user, or a ProviderError (401: refresh-token). */
  private async validate(accessToken: string, ctx?: PublishContext): Promise<z.infer<typeof validated>> {
    const answer = await this.fetchJson(
      `${hostOf(twitchManifest, "auth")}/oauth2/validate`,
      {},
      {
        action: "validate the Twitch token",
        token: accessToken,
        // §1: the validate endpoint documents the "OAuth" scheme.
        applyToken: (h, t) => h.set("authorization", `OAuth ${t}`),
        ctx,
      },
    );
    const v = validated.safeParse(answer);
    if (!v.success) throw new ProviderError("retry", "Twitch answered the token validation without a user");
    return v.data;
  }

  protected async profile(accessToken: string): Promise<Omit<AuthResult, "accessToken">> {
    // Twitch asks apps to validate a token when they start using it (§1).
    const v = await this.validate(accessToken);
    const me = users.safeParse(await this.helix(accessToken).get("/users", "read the Twitch account"));
    if (!me.success) throw new ProviderError("retry", "Twitch did not say which account signed in");
    const u = me.data.data.find((x) => x.id === v.user_id) ?? me.data.data[0]!;
    return {
      id: u.id,
      name: u.display_name?.trim() || u.login,
      username: u.login,
      picture: u.profile_image_url || undefined,
      profile: { login: u.login },
    };
  }

  async validateToken(channel: ChannelAccess, ctx?: PublishContext): Promise<void> {
    const v = await this.validate(channel.accessToken, ctx);
    if (v.user_id !== channel.internalId)
      throw new ProviderError("disconnect", `the Twitch token now belongs to another account (${v.login})`);
  }

  private channelUrl(channel: ChannelAccess): string {
    const login = (typeof channel.profile?.login === "string" && channel.profile.login) || channel.username || channel.internalId;
    return `${hostOf(twitchManifest, "web")}/${encodeURIComponent(login)}`;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: TwitchSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const api = this.helix(channel.accessToken, ctx);
    const url = this.channelUrl(channel);
    const me = channel.internalId;
    if (settings.sendAs === "announcement") {
      // §2: broadcaster and moderator in the query; 204 No Content, no id: the stored id is ours.
      const q = new URLSearchParams({ broadcaster_id: me, moderator_id: me });
      await api.send(`/chat/announcements?${q}`, jsonBody({ message: item.text, color: settings.colour ?? "primary" }), {
        action: "send the Twitch announcement",
        idempotent: false,
      });
      return { id: `announcement-${randomUUID()}`, url };
    }
    const answer = sent.safeParse(
      await api.post("/chat/messages", { broadcaster_id: me, sender_id: me, message: item.text }, "send the Twitch chat message", {
        idempotent: false,
      }),
    );
    if (!answer.success)
      throw new ProviderError("retry", "Twitch answered the chat message without saying whether it was sent", { mayHavePublished: true });
    const m = answer.data.data[0]!;
    // §2: a dropped message is HTTP 200 with is_sent false and the reason.
    if (!m.is_sent)
      throw new ProviderError(
        "bad-body",
        `Twitch did not send the message: ${m.drop_reason?.message || m.drop_reason?.code || "dropped without a reason"}`,
      );
    return { id: m.message_id || `message-${randomUUID()}`, url };
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyTwitchError(body, status);
  }
}
