import { z } from "zod";
import { ProviderError, type HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type {
  AuthenticateParams,
  AuthResult,
  AuthUrlContext,
  ChannelAccess,
  OAuthStart,
  Page,
  PostItem,
  PublishContext,
  PublishedItem,
  SocialProvider,
} from "../social.integrations.interface";
import { applyBotToken, botToken, discordApi, discordHeaders, messageUrl } from "./discord.api";
import { discordInstall, discordInstallLink } from "./discord.auth";
import { awaitBucket, noteAnswer } from "./discord.buckets";
import { asPage, channelSchema, POSTABLE, postableChannels } from "./discord.channels";
import { classifyDiscordError, discordCode } from "./discord.errors";
import { discordManifest } from "./discord.manifest";
import { messageRequest, nonceFor } from "./discord.message";
import type { DiscordSettings } from "./discord.settings";

// Discord through our bot (../shared/platforms/discord.md). Connecting installs the bot into a
// server (discord.auth.ts) and picks one of its text or announcement channels; every later call is
// the bot's, with the deployment's DISCORD_BOT_TOKEN. A post is a message (discord.message.ts:
// Discord markdown, attachments, a poll, a nonce against duplicates); follow-ups go into a thread
// started from it, whose id is the message's. Calls wait out a spent rate-limit bucket first
// (discord.buckets.ts). The user's OAuth token is not used after the install, so this is a
// ManifestProvider without refreshToken() rather than an OAuth2Provider.

const messageSchema = z.object({ id: z.string().min(1), channel_id: z.string().optional() });

type Call = { action: string; ctx?: PublishContext; idempotent?: boolean; body?: BodyInit; contentType?: string };

export class DiscordProvider extends ManifestProvider<DiscordSettings> implements SocialProvider<DiscordSettings> {
  readonly manifest = discordManifest;

  async generateAuthUrl(ctx: AuthUrlContext): Promise<OAuthStart> {
    return discordInstallLink(ctx);
  }

  async authenticate(params: AuthenticateParams): Promise<AuthResult> {
    return discordInstall(this, params.code, params.redirectUri);
  }

  /** One bot call: waits out the route's spent bucket, sends with the bot token, and notes the bucket the answer names. */
  private async call(method: string, path: string, c: Call): Promise<unknown> {
    const token = botToken();
    if (!token) throw new ProviderError("bad-body", "Discord is not configured on this server: set DISCORD_BOT_TOKEN");
    await awaitBucket(method, path, c.ctx?.maxWaitMs ?? 30_000, (ms) => this.sleep(ms));
    const res = await this.fetch(
      discordApi(path),
      { method, headers: { ...discordHeaders(), ...(c.contentType ? { "content-type": c.contentType } : {}) }, body: c.body },
      {
        action: c.action,
        ctx: c.ctx,
        token,
        applyToken: applyBotToken,
        ...(c.idempotent !== undefined ? { idempotent: c.idempotent } : {}),
      },
    );
    noteAnswer(method, path, res.headers);
    return this.readJson(res, c.action);
  }

  private guildOf(channel: ChannelAccess): { id: string; name: string } {
    const p = channel.profile ?? {};
    const id = typeof p.guildId === "string" ? p.guildId : "";
    if (!id) throw new ProviderError("disconnect", "This Discord channel does not say which server it is on; reconnect it");
    return { id, name: typeof p.guildName === "string" ? p.guildName : `Server ${id}` };
  }

  async pages(channel: ChannelAccess): Promise<Page[]> {
    const guild = this.guildOf(channel);
    const answer = await this.call("GET", `/guilds/${encodeURIComponent(guild.id)}/channels`, { action: "list the server's channels" });
    return postableChannels(answer).map((c) => asPage(c, guild.name));
  }

  async fetchPageInformation(channel: ChannelAccess, pageId: string): Promise<Page> {
    const guild = this.guildOf(channel);
    const parsed = channelSchema.safeParse(
      await this.call("GET", `/channels/${encodeURIComponent(pageId)}`, { action: "read the channel" }),
    );
    if (!parsed.success) throw new ProviderError("retry", "Discord sent a channel this server cannot read");
    if (parsed.data.guild_id !== guild.id || !POSTABLE.has(parsed.data.type))
      throw new ProviderError("bad-body", `That is not a text or announcement channel of ${guild.name}`);
    return asPage(parsed.data, guild.name);
  }

  /** Creates a message in `channelId` (the picked channel, or the thread of follow-ups). */
  private async send(channelId: string, item: PostItem, settings: DiscordSettings, ctx?: PublishContext) {
    const req = messageRequest(item, settings, nonceFor(ctx?.idempotencyKey));
    const answer = messageSchema.safeParse(
      await this.call("POST", `/channels/${encodeURIComponent(channelId)}/messages`, {
        action: "send the message",
        ctx,
        body: req.body,
        contentType: req.contentType,
        // The enforced nonce makes a repeat within minutes answer the first message instead of a second one.
        idempotent: true,
      }),
    );
    if (!answer.success) throw new ProviderError("retry", "Discord did not return the new message's id", { mayHavePublished: true });
    return answer.data.id;
  }

  async post(channel: ChannelAccess, item: PostItem, settings: DiscordSettings, ctx?: PublishContext): Promise<PublishedItem> {
    const guild = this.guildOf(channel);
    const id = await this.send(channel.internalId, item, settings, ctx);
    return { id, url: messageUrl(guild.id, channel.internalId, id), ref: { channel: channel.internalId } };
  }

  /** Follow-ups: a thread started from the first message (its id is the message's), then a message in it. */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    root: PublishedItem,
    settings: DiscordSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    const guild = this.guildOf(channel);
    const thread = root.id;
    if (parent.ref?.thread !== thread) await this.startThread(channel.internalId, thread, settings, ctx);
    const id = await this.send(thread, item, settings, ctx);
    return { id, url: messageUrl(guild.id, thread, id), ref: { channel: channel.internalId, thread } };
  }

  private async startThread(channelId: string, messageId: string, settings: DiscordSettings, ctx?: PublishContext): Promise<void> {
    await this.call("POST", `/channels/${encodeURIComponent(channelId)}/messages/${encodeURIComponent(messageId)}/threads`, {
      action: "start the thread of follow-ups",
      ctx,
      contentType: "application/json",
      // One week before it is archived for inactivity (one of the documented 60, 1440, 4320, 10080 minutes).
      body: JSON.stringify({ name: settings?.threadName?.trim() || "Follow-ups", auto_archive_duration: 10080 }),
      // A message has at most one thread (160004): a repeat cannot make a second.
      idempotent: true,
    }).catch((e: unknown) => {
      // The thread exists already (a repeat after a lost answer): it is the one to post in.
      if (e instanceof ProviderError && discordCode(e.details.body) === 160004) return;
      throw e;
    });
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyDiscordError(body, status);
  }
}
