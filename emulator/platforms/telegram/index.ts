import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "@/emulator/types";
import { TelegramWorld, type Chat, type Update } from "./chats";
import { parseTelegramHtml, visibleLength } from "./html";
import { readParams, type Params } from "./params";

// The Telegram Bot API as its documentation describes it (core.telegram.org/bots/api;
// ../shared/platforms/telegram.md), never from providers/ (a lint rule refuses the import).
// Every call is /bot<token>/<method>, answered {"ok":true,"result":…} or
// {"ok":false,"error_code":N,"description":"…","parameters":{…}}. Emulated: getMe, getUpdates
// (offsets confirm; one reader at a time; not while a webhook is set), setWebhook/deleteWebhook,
// getChat, sendMessage, sendPhoto, sendVideo, sendDocument, sendMediaGroup, sendPoll.
// Any well-formed token is a bot (its id is the part before ":"); the sandbox bot is 7000000001.
//
// Not Telegram: control routes under /telegram/_emulator/ stand in for what people do in the
// Telegram app: create a chat with the bot as administrator and send a message there (the /connect
// command), or remove the bot from a chat.

const PLATFORM = "telegram";
export const SANDBOX_BOT_ID = "7000000001";
const MB = 1024 * 1024;
const TOKEN = /^(\d{1,20}):[A-Za-z0-9_-]{30,}$/;

const fail = (code: number, description: string, parameters?: Record<string, unknown>): EmuResponse =>
  json(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
const ok = (result: unknown): EmuResponse => json(200, { ok: true, result });
const bad = (what: string) => fail(400, `Bad Request: ${what}`);

type Bot = { id: string; token: string };
type Handler = (bot: Bot, p: Params, req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

function routes(state: EmulatorState): Route[] {
  const world = new TelegramWorld();
  const posts = recorded(state, PLATFORM);

  function botOf(token: string): Bot | EmuResponse {
    const m = TOKEN.exec(token);
    if (!m) return fail(404, "Not Found");
    if (world.revoked.has(token)) return fail(401, "Unauthorized");
    return { id: m[1]!, token };
  }

  /** The chat a send goes to, if the bot may post there: the documented refusals otherwise. */
  function target(bot: Bot, p: Params): Chat | EmuResponse {
    const raw = p.str("chat_id");
    if (!raw) return bad("chat_id is empty");
    const chat = raw.startsWith("@") ? [...world.chats.values()].find((c) => c.username === raw.slice(1)) : world.chats.get(Number(raw));
    const status = chat && world.members.get(chat.id)?.get(bot.id);
    if (!chat || !status) return bad("chat not found");
    const place = chat.type === "channel" ? "channel" : chat.type === "supergroup" ? "supergroup" : "group";
    if (status === "kicked") return fail(403, `Forbidden: bot was kicked from the ${place} chat`);
    if (chat.type === "channel" && status !== "administrator") return bad("need administrator rights in the channel chat");
    return chat;
  }

  /** reply_parameters (or the older reply_to_message_id): the message must exist unless allow_sending_without_reply. */
  function replyOf(chat: Chat, p: Params): number | undefined | EmuResponse {
    const rp = p.obj<{ message_id?: number; allow_sending_without_reply?: boolean }>("reply_parameters");
    if (rp === "invalid") return bad("can't parse reply parameters JSON object");
    const id = rp?.message_id ?? (p.str("reply_to_message_id") ? Number(p.str("reply_to_message_id")) : undefined);
    if (id === undefined) return undefined;
    if (!world.messages.get(chat.id)?.has(Number(id)) && !rp?.allow_sending_without_reply) return bad("message to be replied not found");
    return Number(id);
  }

  /** Text or caption in the parse mode asked for: the visible text, or Telegram's refusal. */
  function textOf(p: Params, field: "text" | "caption", max: number): string | EmuResponse {
    const raw = p.str(field) ?? "";
    const mode = p.str("parse_mode");
    let text = raw;
    if (mode && mode.toLowerCase() === "html") {
      const parsed = parseTelegramHtml(raw);
      if ("error" in parsed) return bad(parsed.error);
      text = parsed.text;
    } else if (mode && !["markdown", "markdownv2"].includes(mode.toLowerCase())) return bad(`unsupported parse_mode "${mode}"`);
    if (field === "text" && !text.trim()) return bad("message text is empty");
    if (visibleLength(text) > max) return bad(field === "text" ? "message is too long" : "message caption is too long");
    return text;
  }

  function message(chat: Chat, extra: Record<string, unknown>) {
    const message_id = world.nextMessageId(chat.id);
    return { message_id, date: Math.floor(Date.now() / 1000), chat, ...extra };
  }

  const FILES = { photo: 10 * MB, video: 50 * MB, document: 50 * MB } as const;
  /** An uploaded file part (multipart upload; a file_id or URL would need Telegram's servers or the internet). */
  function fileOf(p: Params, field: keyof typeof FILES, part?: string): File | EmuResponse {
    const f = part ? p.file(part) : p.file(field);
    if (!f) return bad(`wrong file identifier/HTTP URL specified`);
    if (f.size > FILES[field]) return fail(413, "Request Entity Too Large");
    if (f.size === 0) return bad("file must be non-empty");
    if (field === "photo" && !/^image\/(jpeg|png|webp|gif)$/.test(f.type)) return bad("IMAGE_PROCESS_FAILED");
    return f;
  }

  const sendOne =
    (field: keyof typeof FILES, method: string): Handler =>
    async (bot, p) => {
      const chat = target(bot, p);
      if ("status" in chat) return chat;
      const reply = replyOf(chat, p);
      if (typeof reply === "object") return reply;
      const caption = textOf(p, "caption", 1024);
      if (typeof caption !== "string") return caption;
      const file = fileOf(p, field);
      if ("status" in file) return file;
      const msg = message(chat, {
        ...(caption ? { caption } : {}),
        [field]:
          field === "photo"
            ? [{ file_id: `f${Date.now()}`, file_size: file.size }]
            : { file_id: `f${Date.now()}`, file_size: file.size, mime_type: file.type },
      });
      posts.record({
        id: String(msg.message_id),
        accountId: String(chat.id),
        text: caption,
        media: [file.type],
        replyTo: reply === undefined ? undefined : String(reply),
        extra: { method },
      });
      return ok(msg);
    };

  const methods: Record<string, Handler> = {
    getMe: (bot) =>
      ok({
        id: Number(bot.id),
        is_bot: true,
        first_name: "Postmill Emulator Bot",
        username: `emulator_${bot.id}_bot`,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      }),

    getUpdates: (bot, p) => {
      if (world.webhooks.has(bot.id))
        return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      const offset = Number(p.str("offset") ?? 0);
      const limit = Number(p.str("limit") ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return bad("limit must be between 1 and 100");
      const allowed = p.obj<string[]>("allowed_updates");
      if (allowed === "invalid") return bad("can't parse allowed_updates JSON array");
      let list = world.updates.get(bot.id) ?? [];
      // An offset confirms every update before it: they are forgotten.
      if (offset > 0) world.updates.set(bot.id, (list = list.filter((u) => u.update_id >= offset)));
      const kinds = allowed?.length ? allowed : ["message", "channel_post"];
      const out = list.filter((u: Update) => kinds.some((k) => k in u)).slice(0, limit);
      return ok(out);
    },

    setWebhook: (bot, p) => {
      const url = p.str("url") ?? "";
      if (!url) world.webhooks.delete(bot.id);
      else if (!/^https:\/\//.test(url)) return bad("bad webhook: An HTTPS URL must be provided for webhook");
      else world.webhooks.set(bot.id, url);
      return ok(true);
    },
    deleteWebhook: (bot) => (world.webhooks.delete(bot.id), ok(true)),

    getChat: (bot, p) => {
      const chat = target(bot, p);
      return "status" in chat ? chat : ok(chat);
    },

    sendMessage: (bot, p) => {
      const chat = target(bot, p);
      if ("status" in chat) return chat;
      const reply = replyOf(chat, p);
      if (typeof reply === "object") return reply;
      const text = textOf(p, "text", 4096);
      if (typeof text !== "string") return text;
      const msg = message(chat, { text });
      posts.record({
        id: String(msg.message_id),
        accountId: String(chat.id),
        text,
        media: [],
        replyTo: reply === undefined ? undefined : String(reply),
        extra: { method: "sendMessage" },
      });
      return ok(msg);
    },

    sendPhoto: sendOne("photo", "sendPhoto"),
    sendVideo: sendOne("video", "sendVideo"),
    sendDocument: sendOne("document", "sendDocument"),

    sendMediaGroup: (bot, p) => {
      const chat = target(bot, p);
      if ("status" in chat) return chat;
      const reply = replyOf(chat, p);
      if (typeof reply === "object") return reply;
      const media = p.obj<{ type?: string; media?: string; caption?: string; parse_mode?: string }[]>("media");
      if (media === "invalid" || !Array.isArray(media)) return bad("can't parse media JSON object");
      if (media.length < 2 || media.length > 10) return bad("media must include 2-10 items");
      const types = new Set(media.map((m) => m.type));
      // Documents and audios group only with their own kind; photos and videos may mix.
      if ((types.has("document") || types.has("audio")) && types.size > 1) return bad("document can't be mixed with other media types");
      let caption = "";
      const files: File[] = [];
      for (const [i, m] of media.entries()) {
        if (m.type !== "photo" && m.type !== "video" && m.type !== "document")
          return bad(`unsupported media type "${m.type}" in media #${i}`);
        const part = typeof m.media === "string" && m.media.startsWith("attach://") ? m.media.slice(9) : undefined;
        if (!part) return bad(`wrong file identifier/HTTP URL specified in media #${i}`);
        const file = fileOf(p, m.type, part);
        if ("status" in file) return file;
        files.push(file);
        if (m.caption) {
          let text = m.caption;
          if (m.parse_mode?.toLowerCase() === "html") {
            const parsed = parseTelegramHtml(m.caption);
            if ("error" in parsed) return bad(parsed.error);
            text = parsed.text;
          }
          if (visibleLength(text) > 1024) return bad("message caption is too long");
          if (i === 0) caption = text;
        }
      }
      const group = `g${Date.now()}`;
      const messages = files.map((f, i) =>
        message(chat, {
          media_group_id: group,
          ...(i === 0 && caption ? { caption } : {}),
          [media[i]!.type!]: { file_id: `f${Date.now()}${i}`, file_size: f.size },
        }),
      );
      posts.record({
        id: String(messages[0]!.message_id),
        accountId: String(chat.id),
        text: caption,
        media: files.map((f) => f.type),
        replyTo: reply === undefined ? undefined : String(reply),
        extra: { method: "sendMediaGroup" },
      });
      return ok(messages);
    },

    sendPoll: (bot, p) => {
      const chat = target(bot, p);
      if ("status" in chat) return chat;
      const reply = replyOf(chat, p);
      if (typeof reply === "object") return reply;
      const question = p.str("question") ?? "";
      if (!question.trim()) return bad("poll question must be non-empty");
      if (visibleLength(question) > 300) return bad("poll question length must not exceed 300");
      const options = p.obj<({ text?: string } | string)[]>("options");
      if (options === "invalid" || !Array.isArray(options)) return bad("can't parse options JSON array");
      const texts = options.map((o) => (typeof o === "string" ? o : (o?.text ?? "")));
      if (texts.length < 2 || texts.length > 12) return bad("poll must have 2-12 options");
      if (texts.some((t) => !t.trim() || visibleLength(t) > 100)) return bad("poll options length must not exceed 100");
      const open = p.str("open_period");
      if (open !== undefined && (Number(open) < 5 || Number(open) > 2_628_000)) return bad("wrong open period specified");
      const poll = {
        id: `p${Date.now()}`,
        question,
        options: texts.map((text) => ({ text, voter_count: 0 })),
        total_voter_count: 0,
        is_closed: false,
        is_anonymous: true,
        type: "regular",
        allows_multiple_answers: false,
        ...(open ? { open_period: Number(open) } : {}),
      };
      const msg = message(chat, { poll });
      posts.record({
        id: String(msg.message_id),
        accountId: String(chat.id),
        text: question,
        media: [],
        poll,
        replyTo: reply === undefined ? undefined : String(reply),
        extra: { method: "sendPoll" },
      });
      return ok(msg);
    },
  };

  const api = (method: string, name = method): Route[] =>
    ["GET", "POST"].map((verb) => ({
      method: verb,
      path: `/bot:token/${method}`,
      name,
      async handle(req: EmuRequest, params: Record<string, string>) {
        const bot = botOf(params.token ?? "");
        if ("status" in bot) return bot;
        const p = await readParams(req);
        if (typeof p === "string") return fail(400, p);
        if (method !== "getUpdates") return methods[method]!(bot, p, req);
        // Only one reader at a time: a second getUpdates while one is being answered is refused.
        if (world.polling.has(bot.id))
          return fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        world.polling.add(bot.id);
        try {
          return await methods[method]!(bot, p, req);
        } finally {
          world.polling.delete(bot.id);
        }
      },
    }));

  const control: Route[] = [
    {
      // A person creates a chat, adds the bot as administrator and sends `text` there (e.g. "/connect CODE").
      method: "POST",
      path: "/_emulator/chats",
      name: "control",
      handle(req) {
        const b = req.json<{ type?: Chat["type"]; title?: string; username?: string; bot?: string; text?: string }>();
        const type = b.type ?? "channel";
        if (!["channel", "supergroup", "group", "private"].includes(type))
          return json(400, { error: "type must be channel, supergroup, group or private" });
        const chat = world.addChat(type, b.title || "Emulated chat", b.username || undefined, b.bot || SANDBOX_BOT_ID);
        const msg = b.text ? world.say(chat, b.text) : undefined;
        return json(200, { chat, message: msg });
      },
    },
    {
      // A person sends `text` in an existing chat.
      method: "POST",
      path: "/_emulator/chats/:id/messages",
      name: "control",
      handle(req, params) {
        const chat = world.chats.get(Number(params.id));
        if (!chat) return json(404, { error: "no such chat" });
        return json(200, { message: world.say(chat, req.json<{ text: string }>().text ?? "") });
      },
    },
    {
      // An administrator removes the bot from the chat.
      method: "POST",
      path: "/_emulator/chats/:id/kick",
      name: "control",
      handle(req, params) {
        const members = world.members.get(Number(params.id));
        if (!members) return json(404, { error: "no such chat" });
        for (const botId of members.keys())
          if (!req.json<{ bot?: string }>().bot || botId === req.json<{ bot?: string }>().bot) members.set(botId, "kicked");
        return json(200, { ok: true });
      },
    },
    {
      // The bot's owner revokes its token in @BotFather.
      method: "POST",
      path: "/_emulator/revoke",
      name: "control",
      handle(req) {
        world.revoked.add(req.json<{ token: string }>().token ?? "");
        return json(200, { ok: true });
      },
    },
  ];

  return [
    ...control,
    ...Object.keys(methods).flatMap((m) => api(m)),
    ...["GET", "POST"].map((verb) => ({ method: verb, path: "/bot:token/:method", name: "unknown", handle: () => fail(404, "Not Found") })),
  ];
}

const emulator: PlatformEmulator = {
  id: PLATFORM,
  name: "Telegram",
  notes:
    'Bot API at /telegram/bot&lt;token&gt;/&lt;method&gt;; any well-formed token is a bot (sandbox bot 7000000001). POST /telegram/_emulator/chats {type, title, username?, text} makes a chat with the bot as administrator and sends text there ("/connect CODE").',
  routes,
  faults: {
    "rate-limit": ({ retryAfterSeconds }) =>
      fail(429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds }),
    "server-error": () => fail(502, "Bad Gateway"),
    "expired-token": () => fail(401, "Unauthorized"),
  },
};

export default emulator;
