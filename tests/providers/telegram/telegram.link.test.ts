import { afterAll, beforeAll, describe, expect, it } from "vitest";
import telegramEmulator from "@/emulator/platforms/telegram";
import type { Emulator } from "@/emulator/server";
import { issueLinkCode, linkStatus, pollLinkRequests } from "@/lib/channels/link-codes";
import { db } from "@/lib/db/client";
import { getProvider } from "@/providers/registry";
import { makeOwner } from "@/tests/helpers/factories";
import { useEmulator } from "@/tests/helpers/emulator";

// The link-code flow end to end against the emulated Bot API and the real database: a code is
// issued to one organization, sent in a chat as "/connect <code>", read with getUpdates and
// linked once; an expired or reused code is refused in the chat and links nothing.

let emu: Emulator;
const provider = getProvider("telegram")!;
const BOT = "7000000001"; // the sandbox bot (SANDBOX_BOT_TOKEN's id)

beforeAll(async () => {
  emu = await useEmulator([telegramEmulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

type Chat = { id: number; title: string };
async function sendInNewChat(text: string, opts: { type?: string; title?: string; username?: string } = {}): Promise<Chat> {
  const res = await fetch(`${emu.url}/telegram/_emulator/chats`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: opts.type ?? "channel", title: opts.title ?? "Launch news", username: opts.username, text }),
  });
  return ((await res.json()) as { chat: Chat }).chat;
}
const answersIn = (chatId: number) =>
  emu.state.posts.filter((p) => p.platform === "telegram" && p.accountId === String(chatId)).map((p) => p.text);
const channelsFor = (organizationId: string) => db.integration.findMany({ where: { organizationId, provider: "telegram" } });

describe("linking a Telegram chat with a one-time code", () => {
  it("issues a random code, links the chat it is sent in to the organization that asked, and says so in the chat", async () => {
    const owner = await makeOwner("tg-link");
    const a = await issueLinkCode(owner, "telegram");
    const b = await issueLinkCode(owner, "telegram");
    expect(a.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(a.code).not.toBe(b.code);
    expect(a.command).toBe(`/connect ${a.code}`);
    expect(new Date(a.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await linkStatus(owner, "telegram", a.code)).toMatchObject({ status: "pending" });

    const chat = await sendInNewChat(a.command, { title: "Launch news", username: "launchnews" });
    const linked = await linkStatus(owner, "telegram", a.code);
    expect(linked.status).toBe("linked");
    const [row] = await channelsFor(owner.organizationId);
    expect(row).toMatchObject({
      id: (linked as { channelId: string }).channelId,
      internalId: `${BOT}:${chat.id}`,
      name: "Launch news",
      username: "launchnews",
      status: "active",
    });
    expect(row!.profile).toMatchObject({ chatId: String(chat.id), chatType: "channel", botId: BOT });
    expect(answersIn(chat.id)).toEqual([expect.stringMatching(/^Linked: Launch news/)]);
  });

  it("accepts the command addressed to the bot by name (/connect@bot CODE) in a group", async () => {
    const owner = await makeOwner("tg-group");
    const { code } = await issueLinkCode(owner, "telegram");
    const chat = await sendInNewChat(`/connect@emulator_${BOT}_bot ${code}`, { type: "supergroup", title: "Team room" });
    expect(await linkStatus(owner, "telegram", code)).toMatchObject({ status: "linked" });
    expect((await channelsFor(owner.organizationId)).map((c) => c.internalId)).toEqual([`${BOT}:${chat.id}`]);
  });

  it("refuses a code used once already: the second chat is told so and nothing else is linked", async () => {
    const owner = await makeOwner("tg-reuse");
    const { code, command } = await issueLinkCode(owner, "telegram");
    await sendInNewChat(command, { title: "First" });
    expect(await linkStatus(owner, "telegram", code)).toMatchObject({ status: "linked" });
    const second = await sendInNewChat(command, { title: "Second" });
    await pollLinkRequests(provider);
    expect(answersIn(second.id)).toEqual([expect.stringMatching(/already used/)]);
    expect((await channelsFor(owner.organizationId)).map((c) => c.name)).toEqual(["First"]);
  });

  it("refuses an expired code: the chat is told so, the page sees it expired, and nothing is linked", async () => {
    const owner = await makeOwner("tg-expired");
    const { code, command } = await issueLinkCode(owner, "telegram");
    await db.oAuthState.updateMany({
      where: { organizationId: owner.organizationId, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const chat = await sendInNewChat(command, { title: "Too late" });
    await pollLinkRequests(provider);
    expect(answersIn(chat.id)).toEqual([expect.stringMatching(/expired \(codes last 10 minutes\)/)]);
    expect(await linkStatus(owner, "telegram", code)).toEqual({ status: "expired", message: expect.stringMatching(/expired/) });
    expect(await channelsFor(owner.organizationId)).toEqual([]);
  });

  it("keeps a code to its organization: another organization cannot read it, and an unknown code is refused in the chat", async () => {
    const owner = await makeOwner("tg-own");
    const other = await makeOwner("tg-other");
    const { code } = await issueLinkCode(owner, "telegram");
    await expect(linkStatus(other, "telegram", code)).rejects.toMatchObject({ status: 404 });
    const chat = await sendInNewChat("/connect NOTACODE22");
    await pollLinkRequests(provider);
    expect(answersIn(chat.id)).toEqual([expect.stringMatching(/unknown/)]);
  });

  it("refuses a private chat with the bot and leaves the code unused", async () => {
    const owner = await makeOwner("tg-private");
    const { code, command } = await issueLinkCode(owner, "telegram");
    const chat = await sendInNewChat(command, { type: "private", title: "Alice" });
    expect(await linkStatus(owner, "telegram", code)).toMatchObject({ status: "pending" });
    expect(answersIn(chat.id)).toEqual([expect.stringMatching(/private chat/)]);
  });

  it("says so when another reader holds the bot's updates (a webhook is set)", async () => {
    const owner = await makeOwner("tg-webhook");
    const { code } = await issueLinkCode(owner, "telegram");
    const base = `${emu.url}/telegram/bot7000000001:AAEmulatorSandboxBotToken-0000000000`;
    await fetch(`${base}/setWebhook?url=${encodeURIComponent("https://example.test/hook")}`);
    try {
      await expect(linkStatus(owner, "telegram", code)).rejects.toMatchObject({ message: expect.stringMatching(/webhook is active/) });
    } finally {
      await fetch(`${base}/deleteWebhook`);
    }
  });

  it("refuses a member (not an admin) asking for a code", async () => {
    const owner = await makeOwner("tg-role");
    await expect(issueLinkCode({ ...owner, role: "member" }, "telegram")).rejects.toMatchObject({ status: 403 });
  });
});

describe("commands read again after a restart", () => {
  it("a command older than a code's lifetime is not answered again", async () => {
    const provider2 = getProvider("telegram")!;
    const answered: string[] = [];
    const old = new Date(Date.now() - 11 * 60_000);
    const fake = Object.create(provider2) as typeof provider2;
    fake.linkRequests = async () => ({
      requests: [{ code: "NOSUCHCODE", account: { id: "x", name: "Old", accessToken: "bot:1" }, chatRef: "1", sentAt: old }],
      cursor: "5",
    });
    fake.answerLink = async (_r, text) => void answered.push(text);
    await pollLinkRequests(fake);
    expect(answered).toEqual([]);
    fake.linkRequests = async () => ({
      requests: [{ code: "NOSUCHCODE", account: { id: "x", name: "New", accessToken: "bot:1" }, chatRef: "1", sentAt: new Date() }],
      cursor: "6",
    });
    await pollLinkRequests(fake);
    expect(answered).toEqual([expect.stringMatching(/unknown/)]);
  });
});

describe("getUpdates offsets", () => {
  it("confirms what was read: the next read sends offset = last update_id + 1, and Telegram forgets those updates", async () => {
    const owner = await makeOwner("tg-offset");
    const { code, command } = await issueLinkCode(owner, "telegram");
    await sendInNewChat(command, { title: "Offsets" });
    expect(await linkStatus(owner, "telegram", code)).toMatchObject({ status: "linked" });
    await pollLinkRequests(provider); // carries the offset past the /connect update
    const res = await fetch(`${emu.url}/telegram/bot7000000001:AAEmulatorSandboxBotToken-0000000000/getUpdates`);
    expect(((await res.json()) as { result: unknown[] }).result).toEqual([]);
  });
});
