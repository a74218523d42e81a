import path from "node:path";

// telegram-test-api (npm; "telegram's web server emulator", third-party): a Bot API server for the
// text methods only (getMe, getUpdates, sendMessage…; no sendPhoto), run in-process on a loopback
// port, with an emulated Telegram user who sends messages into a chat and reads the bot's replies.
// See ../shared/design/peers.md §7.

type Update = { update_id: number; message: { message_id: number; text: string; chat: { id: number } } };
type BotMessage = { message: { chat_id: number | string; text: string; parse_mode?: string } };
export type TelegramPeerClient = {
  makeMessage(text: string): unknown;
  sendMessage(message: unknown): Promise<unknown>;
  getUpdatesHistory(): Promise<(Update | BotMessage)[]>;
};
type Server = {
  start(): Promise<void>;
  stop(): Promise<boolean>;
  getClient(token: string, options: Record<string, unknown>): TelegramPeerClient;
};

export type TelegramPeer = { url: string; client(token: string, chat: { chatId: number; type: string; chatTitle: string; userName?: string }): TelegramPeerClient; stop(): Promise<void> };

export async function startTelegramPeer(): Promise<TelegramPeer> {
  const entry = path.resolve("tests/peers/node_modules/telegram-test-api/lib/index.js");
  const mod = (await import(/* @vite-ignore */ entry)) as { default: new (config: object) => Server };
  const port = 9600 + Math.floor(Math.random() * 300);
  const url = `http://127.0.0.1:${port}`;
  const server = new mod.default({ port, host: "127.0.0.1", storeTimeout: 60_000 });
  await server.start();
  return {
    url,
    client: (token, chat) => server.getClient(token, { timeout: 5000, ...chat }),
    stop: async () => void (await server.stop()),
  };
}
