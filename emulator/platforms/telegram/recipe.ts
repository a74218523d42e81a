import type { ConformanceRecipe } from "@/emulator/kit/recipe";

// How the conformance suite drives Telegram: connected by its link code (auth bot with link): a
// channel named after the account is made with the bot as administrator, and the command the app
// showed is sent there; revoked by removing the bot from that channel. Posts are created by sendMessage.
const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ chat: { id: number } }>;
};

const recipe: ConformanceRecipe = {
  link: async (base, command, username) => {
    await post(`${base}/_emulator/chats`, {
      type: "channel",
      title: `${username} channel`,
      username: username.replace(/[^A-Za-z0-9_]/g, "_"),
      text: command,
    });
  },
  revoke: async (base, channel) => {
    const chatId = String((channel.profile as { chatId?: string } | null)?.chatId ?? "");
    await post(`${base}/_emulator/chats/${chatId}/kick`, {});
  },
  // Every suite post goes out silently (disable_notification), a setting the browser test ticks too.
  settings: { silent: true },
  routes: { create: "sendMessage" },
};

export default recipe;
