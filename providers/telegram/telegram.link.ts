import type { AuthResult, LinkRequest } from "../social.integrations.interface";
import type { SocialAbstract } from "../social.abstract";
import { botIdOf, botToken, callBot } from "./telegram.api";
import { telegramManifest } from "./telegram.manifest";

// Reading `/connect <code>` commands with getUpdates (long polling's short form: timeout 0). Only
// one reader may poll a bot (a second gets 409 Conflict, as does any reader while a webhook is set),
// so the caller holds a lock; `offset` = last update_id + 1 confirms what was read, and Telegram
// forgets confirmed updates. A group's command arrives as `message`, a channel's as `channel_post`.

type Chat = { id: number; type: string; title?: string; username?: string; first_name?: string };
type Message = { message_id: number; date?: number; chat: Chat; text?: string };
type Update = { update_id: number; message?: Message; channel_post?: Message };

const command = telegramManifest.auth.link.command;
// "/connect CODE" or "/connect@our_bot CODE" (Telegram's form for a command aimed at one bot).
const COMMAND = new RegExp(`^${command.replace(/[/]/g, "\\/")}(?:@[A-Za-z0-9_]+)?\\s+(\\S+)\\s*$`);

/** The channel's account for a chat: the identity is the bot and the chat together. */
export function chatAccount(chat: Chat, botId: string): AuthResult {
  return {
    id: `${botId}:${chat.id}`,
    name: chat.title || chat.username || String(chat.id),
    username: chat.username,
    // No secret is kept per chat: the deployment's token is read at every call. This names the bot
    // the chat was linked through, so a token for another bot is noticed (telegram.provider.ts).
    accessToken: `bot:${botId}`,
    profile: { chatId: String(chat.id), chatType: chat.type, botId, ...(chat.username ? { chatUsername: chat.username } : {}) },
  };
}

export async function readLinkRequests(
  api: SocialAbstract,
  cursor: string | undefined,
): Promise<{ requests: LinkRequest[]; cursor?: string }> {
  const updates = await callBot<Update[]>(
    api,
    "getUpdates",
    { ...(cursor ? { offset: Number(cursor) } : {}), timeout: 0, limit: 100, allowed_updates: ["message", "channel_post"] },
    { action: "read the bot's messages (getUpdates)", idempotent: true },
  );
  const botId = botIdOf(botToken());
  const requests: LinkRequest[] = [];
  let last: number | undefined;
  for (const u of Array.isArray(updates) ? updates : []) {
    if (typeof u.update_id === "number") last = Math.max(last ?? u.update_id, u.update_id);
    const msg = u.message ?? u.channel_post;
    const code = msg?.text?.match(COMMAND)?.[1];
    if (!msg || !code || !msg.chat) continue;
    requests.push({
      code,
      account: chatAccount(msg.chat, botId),
      chatRef: String(msg.chat.id),
      messageRef: String(msg.message_id),
      ...(typeof msg.date === "number" ? { sentAt: new Date(msg.date * 1000) } : {}),
      refused:
        msg.chat.type === "private"
          ? "This is a private chat with the bot. Add the bot to a channel or group as an administrator and send the command there."
          : undefined,
    });
  }
  return { requests, cursor: last === undefined ? cursor : String(last + 1) };
}

export async function answerInChat(api: SocialAbstract, request: LinkRequest, text: string): Promise<void> {
  await callBot(
    api,
    "sendMessage",
    {
      chat_id: request.chatRef,
      text,
      ...(request.messageRef ? { reply_parameters: { message_id: Number(request.messageRef), allow_sending_without_reply: true } } : {}),
    },
    { action: "answer the link command", idempotent: false },
  );
}
