import { afterAll, beforeAll, describe, expect, it } from "vitest";
import telegramEmulator from "@/emulator/platforms/telegram";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess, MediaItem } from "@/providers/social.integrations.interface";
import { TelegramProvider } from "@/providers/telegram/telegram.provider";
import { gif, isoMedia, png } from "@/tests/helpers/media-bytes";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";

// Publishing through the emulated Bot API, which checks parse_mode HTML, captions, albums and
// polls as the documentation says, so a converter or request mistake fails here.

const provider = new TelegramProvider();
const BOT = "7000000001";
let emu: Emulator;

beforeAll(async () => {
  emu = await useEmulator([telegramEmulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

async function newChannel(username?: string): Promise<ChannelAccess & { chatId: number }> {
  const res = await fetch(`${emu.url}/telegram/_emulator/chats`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "channel", title: "News", username }),
  });
  const { chat } = (await res.json()) as { chat: { id: number } };
  return {
    id: "c1",
    chatId: chat.id,
    internalId: `${BOT}:${chat.id}`,
    username: username ?? null,
    accessToken: `bot:${BOT}`,
    profile: { chatId: String(chat.id), botId: BOT },
  };
}
const sent = (chatId: number) => emu.state.posts.filter((p) => p.platform === "telegram" && p.accountId === String(chatId));
const photo = (): MediaItem => ({ mimeType: "image/png", bytes: png(20, 20) });

describe("publishing to a Telegram chat", () => {
  it("sends the composer's rich text as Telegram HTML, which Telegram parses, and links to the message", async () => {
    const ch = await newChannel("newsroom");
    const r = await provider.post(ch, { text: "<p><strong>Launch</strong> &amp; <em>more</em></p><ul><li>one</li></ul><h2>Soon</h2>" }, {});
    expect(sent(ch.chatId)[0]!.text).toBe("Launch & more\n\n• one\nSoon");
    expect(r.url).toBe(`https://t.me/newsroom/${r.id}`);
  });

  it("a private channel links through t.me/c/<id without -100>", async () => {
    const ch = await newChannel();
    const r = await provider.post(ch, { text: "hello" }, {});
    expect(r.url).toBe(`https://t.me/c/${String(ch.chatId).slice(4)}/${r.id}`);
  });

  it("uploads one photo with its caption, an album of photos, a GIF as a document and a video, each follow-up replying to the one before", async () => {
    const ch = await newChannel();
    const first = await provider.post(ch, { text: "<b>one</b>", media: [photo()] }, {});
    const album = await provider.comment!(ch, { text: "album", media: [photo(), photo(), photo()] }, first, first, {});
    const doc = await provider.comment!(ch, { text: "", media: [{ mimeType: "image/gif", bytes: gif(4, 4) }] }, album, first, {});
    const video = await provider.comment!(
      ch,
      { text: "clip", media: [{ mimeType: "video/mp4", bytes: isoMedia("mp42") }] },
      doc,
      first,
      {},
    );
    const posts = sent(ch.chatId);
    expect(posts.map((p) => [p.text, p.media.length, p.extra?.method, p.replyTo])).toEqual([
      ["one", 1, "sendPhoto", undefined],
      ["album", 3, "sendMediaGroup", first.id],
      ["", 1, "sendDocument", album.id],
      ["clip", 1, "sendVideo", doc.id],
    ]);
    expect(video.id).toBe(posts[3]!.id);
  });

  it("sends a poll with the text as its question", async () => {
    const ch = await newChannel();
    await provider.post(ch, { text: "<p>Which <b>day</b>?</p>", poll: { options: ["Mon", "Tue"], durationMinutes: 60 } }, {});
    expect(sent(ch.chatId)[0]).toMatchObject({
      text: "Which day?",
      poll: { options: [{ text: "Mon" }, { text: "Tue" }], open_period: 3600 },
    });
  });

  it("refuses a caption over 1,024 characters before sending anything", async () => {
    const ch = await newChannel();
    await expect(provider.post(ch, { text: "x".repeat(1025), media: [photo()] }, {})).rejects.toMatchObject({ kind: "bad-body" });
    expect(sent(ch.chatId)).toEqual([]);
  });

  it("a chat that removed the bot flags the channel (disconnect)", async () => {
    const ch = await newChannel();
    await fetch(`${emu.url}/telegram/_emulator/chats/${ch.chatId}/kick`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const e = (await provider.post(ch, { text: "hi" }, {}).catch((x: unknown) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("disconnect");
    expect(e.message).toMatch(/bot was kicked from the channel chat/);
  });

  it("a 429 waits retry_after when short, and hands a long one back for rescheduling", async () => {
    const ch = await newChannel();
    await injectFault(emu, { platform: "telegram", route: "sendMessage", kind: "rate-limit", retryAfterSeconds: 1 });
    const started = Date.now();
    await provider.post(ch, { text: "after a wait" }, {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await injectFault(emu, { platform: "telegram", route: "sendMessage", kind: "rate-limit", retryAfterSeconds: 600 });
    const e = (await provider.post(ch, { text: "later" }, {}, { maxWaitMs: 5000 }).catch((x: unknown) => x)) as ProviderError;
    expect(e).toMatchObject({ kind: "retry", details: { retryAfterMs: 600_000 } });
    expect(sent(ch.chatId).map((p) => p.text)).toEqual(["after a wait"]);
  });

  it("a chat linked through another bot is not posted to with this server's bot", async () => {
    const ch = await newChannel();
    await expect(provider.post({ ...ch, accessToken: "bot:123" }, { text: "x" }, {})).rejects.toMatchObject({ kind: "disconnect" });
  });
});
