// The emulated Telegram world: bots (one per token), the chats they were added to, and the updates
// waiting for each bot's getUpdates. Kept per emulator instance.

export type Chat = {
  id: number;
  type: "channel" | "supergroup" | "group" | "private";
  title?: string;
  username?: string;
  first_name?: string;
};
export type Membership = "administrator" | "member" | "kicked";
export type Update = { update_id: number; message?: Msg; channel_post?: Msg };
export type Msg = {
  message_id: number;
  date: number;
  chat: Chat;
  text?: string;
  from?: { id: number; is_bot: boolean; first_name: string };
};

export class TelegramWorld {
  chats = new Map<number, Chat>();
  /** chat id → bot id → the bot's status there. */
  members = new Map<number, Map<string, Membership>>();
  /** bot id → updates not yet confirmed by an offset. */
  updates = new Map<string, Update[]>();
  /** message ids per chat, for reply checks. */
  messages = new Map<number, Set<number>>();
  webhooks = new Map<string, string>();
  polling = new Set<string>();
  revoked = new Set<string>();
  private updateSeq = 100_000;
  private messageSeq = 1;
  private chatSeq = 1_000_000;

  nextMessageId(chatId: number): number {
    const id = this.messageSeq++;
    let set = this.messages.get(chatId);
    if (!set) this.messages.set(chatId, (set = new Set()));
    set.add(id);
    return id;
  }

  /** A new chat with `botId` as administrator: channels and supergroups get -100… ids, basic groups a negative one. */
  addChat(type: Chat["type"], title: string, username: string | undefined, botId: string): Chat {
    const n = this.chatSeq++;
    const id = type === "channel" || type === "supergroup" ? -(1_000_000_000_000 + n) : type === "group" ? -n : n;
    const chat: Chat = type === "private" ? { id, type, first_name: title } : { id, type, title, ...(username ? { username } : {}) };
    this.chats.set(id, chat);
    this.members.set(id, new Map([[botId, "administrator"]]));
    return chat;
  }

  /** A person's message in a chat (a channel post in a channel), delivered to every bot that is in it. */
  say(chat: Chat, text: string): Msg {
    const msg: Msg = {
      message_id: this.nextMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      text,
      ...(chat.type === "channel" ? {} : { from: { id: 42, is_bot: false, first_name: "Emulated person" } }),
    };
    for (const [botId, status] of this.members.get(chat.id) ?? []) {
      if (status === "kicked") continue;
      const list = this.updates.get(botId) ?? [];
      list.push({ update_id: this.updateSeq++, ...(chat.type === "channel" ? { channel_post: msg } : { message: msg }) });
      this.updates.set(botId, list);
    }
    return msg;
  }
}
