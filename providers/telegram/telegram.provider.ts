import type { HandledError } from "../core/errors";
import { ProviderError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type { ChannelAccess, LinkRequest, PostItem, PublishContext, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { botIdOf, botToken } from "./telegram.api";
import { classifyTelegramError } from "./telegram.errors";
import { answerInChat, readLinkRequests } from "./telegram.link";
import { telegramManifest } from "./telegram.manifest";
import { chatOf, sendItem } from "./telegram.publish";
import type { TelegramSettings } from "./telegram.settings";

// Telegram through the Bot API (../shared/platforms/telegram.md): the deployment's one bot
// (TELEGRAM_BOT_TOKEN) posts into the channels and groups it was linked to with a /connect code.
// Every call goes through this.fetch() (telegram.api.ts), never a bare fetch.

export class TelegramProvider extends ManifestProvider<TelegramSettings> implements SocialProvider<TelegramSettings> {
  readonly manifest = telegramManifest;

  linkRequests(cursor: string | undefined): Promise<{ requests: LinkRequest[]; cursor?: string }> {
    return readLinkRequests(this, cursor);
  }

  answerLink(request: LinkRequest, message: string): Promise<void> {
    return answerInChat(this, request, message);
  }

  /** A chat linked through another bot cannot be reached with this server's token: it must be linked again. */
  private checkBot(channel: ChannelAccess): void {
    const linked = channel.accessToken.startsWith("bot:") ? channel.accessToken.slice(4) : "";
    const current = botIdOf(botToken());
    if (linked && current && linked !== current)
      throw new ProviderError(
        "disconnect",
        `This chat was linked through another Telegram bot (id ${linked}); this server's bot is now ${current}. Add it to the chat and link the chat again.`,
      );
  }

  async post(channel: ChannelAccess, item: PostItem, settings: TelegramSettings, ctx?: PublishContext): Promise<PublishedItem> {
    this.checkBot(channel);
    return sendItem(this, chatOf(channel), item, settings, undefined, ctx);
  }

  /** A follow-up is a reply to the message before it, so the chat shows the items as one thread. */
  async comment(
    channel: ChannelAccess,
    item: PostItem,
    parent: PublishedItem,
    _root: PublishedItem,
    settings: TelegramSettings,
    ctx?: PublishContext,
  ): Promise<PublishedItem> {
    this.checkBot(channel);
    return sendItem(this, chatOf(channel), item, settings, parent.id, ctx);
  }

  handleErrors(body: string, status: number): HandledError | undefined {
    return classifyTelegramError(body, status);
  }
}
