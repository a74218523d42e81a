import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueLinkCode, linkStatus } from "@/lib/channels/link-codes";
import { channelAccess } from "@/lib/channels/tokens";
import { db } from "@/lib/db/client";
import { getProvider } from "@/providers/registry";
import { makeOwner } from "@/tests/helpers/factories";
import { startTelegramPeer, type TelegramPeer } from "@/tests/peers/telegram";

// The text paths of Telegram against a third-party Bot API server (telegram-test-api, tests/peers):
// an emulated person sends "/connect <code>" in a group, the app reads it with getUpdates and links
// the group, then a post goes out with sendMessage and the person reads it in the chat. Media
// methods are not in that server (the project's own emulator covers them).

const installed = existsSync(path.resolve("tests/peers/node_modules/telegram-test-api/package.json"));
const TOKEN = "5550001:AApeerTestTokenForTelegramTestApi000";
let peer: TelegramPeer;
const saved = { ...process.env };

beforeAll(async () => {
  if (!installed) throw new Error("telegram-test-api is not installed: run `npm ci --prefix tests/peers` first");
  peer = await startTelegramPeer();
  delete process.env.PROVIDER_SANDBOX_URL;
  process.env.TELEGRAM_BOT_TOKEN = TOKEN;
  process.env.TELEGRAM_API_URL = peer.url;
  process.env.ALLOW_PRIVATE_NETWORK = "1";
});
afterAll(async () => {
  for (const k of ["TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "ALLOW_PRIVATE_NETWORK", "PROVIDER_SANDBOX_URL"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await peer?.stop();
});

describe("Telegram against telegram-test-api", () => {
  it("links a group by /connect and publishes a text message the person reads in the chat", async () => {
    const owner = await makeOwner("tg-peer");
    const { code, command } = await issueLinkCode(owner, "telegram");
    const person = peer.client(TOKEN, { chatId: -1005550001, type: "supergroup", chatTitle: "Peer group", userName: "peergroup" });
    await person.sendMessage(person.makeMessage(command));

    const status = await linkStatus(owner, "telegram", code);
    expect(status.status).toBe("linked");
    const row = await db.integration.findUniqueOrThrow({ where: { id: (status as { channelId: string }).channelId } });
    expect(row).toMatchObject({ internalId: "5550001:-1005550001", name: "Peer group", status: "active" });

    const provider = getProvider("telegram")!;
    const text = `<p>Hello <b>peers</b> &amp; friends ${Date.now()}</p>`;
    const published = await provider.post(await channelAccess(row.id), { text }, {});
    expect(published.url).toBe(`https://t.me/peergroup/${published.id}`);

    const history = await person.getUpdatesHistory();
    const fromBot = history.filter(
      (u): u is { message: { chat_id: number; text: string; parse_mode?: string } } => "message" in u && "chat_id" in u.message,
    );
    expect(fromBot.map((u) => u.message.text)).toEqual([expect.stringMatching(/^Linked: Peer group/), text.replace(/<\/?p>/g, "")]);
    expect(fromBot[1]!.message).toMatchObject({ chat_id: "-1005550001", parse_mode: "HTML" });
  });
});
