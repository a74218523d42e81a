import { ProviderError } from "../core/errors";
import type { SocialAbstract } from "../social.abstract";
import type { ChannelAccess, MediaItem, PostItem, PublishContext, PublishedItem } from "../social.integrations.interface";
import { callBot } from "./telegram.api";
import { telegramLength, telegramPlainText, toTelegramHtml } from "./telegram.html";
import { telegramManifest } from "./telegram.manifest";
import type { TelegramSettings } from "./telegram.settings";

// One post item as one Telegram message (or one album): sendMessage for text, sendPhoto /
// sendVideo / sendDocument for one file, sendMediaGroup for 2-10 files of one kind, sendPoll for a
// poll. Files are uploaded as multipart parts (a URL would make Telegram fetch it, which fails for
// this server's private addresses). A follow-up replies to the message before it.

type Message = { message_id: number; chat?: { id: number; username?: string } };

const { maxLength } = telegramManifest;
const captionMax = telegramManifest.media.maxCaptionLength;
const QUESTION_MAX = 300;

/** How a file kind is sent on its own, and its part name in an album. */
function kindOf(m: MediaItem): { method: "sendPhoto" | "sendVideo" | "sendDocument"; field: "photo" | "video" | "document" } {
  if (m.mimeType === "image/gif") return { method: "sendDocument", field: "document" };
  if (m.mimeType.startsWith("video/")) return { method: "sendVideo", field: "video" };
  return { method: "sendPhoto", field: "photo" };
}

const EXT: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
};

function fileBlob(m: MediaItem, i: number): { blob: Blob; name: string } {
  if (!m.bytes) throw new ProviderError("bad-body", `Attachment ${i + 1} has no file content to upload to Telegram.`);
  return { blob: new Blob([m.bytes.slice()], { type: m.mimeType }), name: `file${i + 1}.${EXT[m.mimeType] ?? "bin"}` };
}

/** The public link of a message: t.me/<username>/<id> for a public chat, t.me/c/<id without -100>/<id> for a private one. */
export function messageUrl(chat: { chatId: string; username?: string | null }, messageId: number | string): string {
  if (chat.username) return `https://t.me/${chat.username}/${messageId}`;
  return `https://t.me/c/${chat.chatId.replace(/^-100/, "").replace(/^-/, "")}/${messageId}`;
}

export type ChatTarget = { chatId: string; username?: string | null };

export async function sendItem(
  api: SocialAbstract,
  chat: ChatTarget,
  item: PostItem,
  settings: TelegramSettings,
  replyTo: string | undefined,
  ctx: PublishContext | undefined,
): Promise<PublishedItem> {
  const common: Record<string, unknown> = {
    chat_id: chat.chatId,
    ...(settings.silent ? { disable_notification: true } : {}),
    ...(settings.protectContent ? { protect_content: true } : {}),
    // A follow-up still goes out when the message it answers was deleted meanwhile.
    ...(replyTo ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
  };
  const html = toTelegramHtml(item.text);
  const length = telegramLength(html);
  const media = item.media ?? [];
  const call = <T>(method: string, body: Record<string, unknown> | FormData, action: string) =>
    callBot<T>(api, method, body, { action, idempotent: false, ctx });
  let sent: Message;

  if (item.poll) {
    const question = telegramPlainText(html).trim();
    if (!question || [...question].length > QUESTION_MAX)
      throw new ProviderError(
        "bad-body",
        `Telegram: a poll's question (the post's text) must be 1 to ${QUESTION_MAX} characters; it has ${[...question].length}`,
      );
    sent = await call<Message>(
      "sendPoll",
      {
        ...common,
        question,
        options: item.poll.options.map((text) => ({ text })),
        open_period: Math.max(5, Math.round(item.poll.durationMinutes * 60)),
      },
      "create the poll (sendPoll)",
    );
  } else if (media.length === 0) {
    if (length > maxLength)
      throw new ProviderError("bad-body", `Telegram: ${length} of ${maxLength} characters used; shorten by ${length - maxLength}`);
    sent = await call<Message>(
      "sendMessage",
      { ...common, text: html, parse_mode: "HTML", ...(settings.noLinkPreview ? { link_preview_options: { is_disabled: true } } : {}) },
      "create the post (sendMessage)",
    );
  } else {
    if (captionMax !== undefined && length > captionMax)
      throw new ProviderError("bad-body", `Telegram: a caption is at most ${captionMax} characters; ${length} used`);
    const form = new FormData();
    for (const [k, v] of Object.entries(common)) form.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
    if (media.length === 1) {
      const { method, field } = kindOf(media[0]!);
      const { blob, name } = fileBlob(media[0]!, 0);
      form.set(field, blob, name);
      if (html) {
        form.set("caption", html);
        form.set("parse_mode", "HTML");
      }
      sent = await call<Message>(method, form, `create the post (${method})`);
    } else {
      // An album: each file a part named file<N>, referred to as attach://file<N>; the caption on
      // the first item is the album's.
      const described = media.map((m, i) => {
        const { field } = kindOf(m);
        const { blob, name } = fileBlob(m, i);
        form.set(`file${i}`, blob, name);
        return { type: field, media: `attach://file${i}`, ...(i === 0 && html ? { caption: html, parse_mode: "HTML" } : {}) };
      });
      form.set("media", JSON.stringify(described));
      const messages = await call<Message[]>("sendMediaGroup", form, "create the album (sendMediaGroup)");
      if (!Array.isArray(messages) || !messages[0])
        throw new ProviderError("retry", "Telegram answered the album without its messages", { mayHavePublished: true });
      sent = messages[0];
    }
  }
  const id = String(sent.message_id);
  const username = chat.username ?? sent.chat?.username;
  return { id, url: messageUrl({ chatId: chat.chatId, username }, id), ref: { chatId: chat.chatId } };
}

/** The chat a channel posts to, from what was kept when it was linked. */
export function chatOf(channel: ChannelAccess): ChatTarget {
  const chatId = channel.profile?.chatId;
  if (typeof chatId !== "string" || !chatId)
    throw new ProviderError("disconnect", "This Telegram channel has no chat id; link it again from the Channels page.");
  return { chatId, username: channel.username ?? null };
}
