import { afterAll, beforeAll, describe, expect, it } from "vitest";
import discordEmulator from "@/emulator/platforms/discord";
import { SANDBOX_BOT_TOKEN } from "@/emulator/platforms/discord/support";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";

// The Discord emulator refuses what Discord documents it refuses, in Discord's shapes
// ({code, message}; 50035 with an errors tree), so a provider mistake shows as a failure.

let emu: Emulator;
let guild: { id: string; name: string };
let general = "";
let grantToken = "";
const api = (path: string) => `${emu.url}/discord${path}`;
const bot = { authorization: `Bot ${SANDBOX_BOT_TOKEN}` };
const send = (channel: string, body: unknown, headers: Record<string, string> = bot) =>
  fetch(api(`/channels/${channel}/messages`), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function install(username: string) {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: "emulator-client",
    scope: "bot identify",
    permissions: "309237697536",
    redirect_uri: "http://127.0.0.1:5555/cb",
    state: "s",
  });
  const back = await authorizeInEmulator(emu, `${api("/oauth2/authorize")}?${q}`, { username });
  const res = await fetch(api("/oauth2/token"), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from("emulator-client:emulator-secret").toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code")!,
      redirect_uri: "http://127.0.0.1:5555/cb",
    }),
  });
  return (await res.json()) as { access_token: string; guild: { id: string; name: string } };
}

beforeAll(async () => {
  emu = await useEmulator([discordEmulator]);
  const t = await install("emu_discord_contract");
  guild = t.guild;
  grantToken = t.access_token;
  const channels = (await (await fetch(api(`/guilds/${guild.id}/channels`), { headers: bot })).json()) as { id: string; name: string }[];
  general = channels.find((c) => c.name === "general")!.id;
});
afterAll(async () => {
  await emu.stop();
});

describe("installing the bot", () => {
  it("refuses a link without the bot scope or without a code-granting scope", async () => {
    const q = (scope: string) =>
      new URLSearchParams({
        response_type: "code",
        client_id: "emulator-client",
        scope,
        permissions: "2048",
        redirect_uri: "http://x/cb",
        state: "s",
      });
    expect((await fetch(`${api("/oauth2/authorize")}?${q("identify")}`)).status).toBe(400);
    expect((await fetch(`${api("/oauth2/authorize")}?${q("bot")}`)).status).toBe(400);
  });

  it("names the server in the token answer", () => {
    expect(guild.id).toMatch(/^\d{17,20}$/);
    expect(grantToken).toBeTruthy();
  });
});

describe("POST /channels/{id}/messages", () => {
  it("needs the bot's token as 'Bot <token>'", async () => {
    const res = await send(general, { content: "hi" }, { authorization: `Bearer ${SANDBOX_BOT_TOKEN}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "401: Unauthorized", code: 0 });
  });

  it("creates a message and announces the channel's bucket", async () => {
    const res = await send(general, { content: "hello" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-bucket")).toBeTruthy();
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
    expect(await res.json()).toMatchObject({ channel_id: general, content: "hello", id: expect.stringMatching(/^\d+$/) });
  });

  it("refuses an empty message (50006) and content over 2,000 characters (50035 naming content)", async () => {
    expect(await (await send(general, { content: " " })).json()).toEqual({ message: "Cannot send an empty message", code: 50006 });
    const long = await send(general, { content: "a".repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ code: 50035, errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
  });

  it("refuses a nonce over 25 characters, and answers a repeated enforced nonce with the first message", async () => {
    expect((await send(general, { content: "n", nonce: "x".repeat(26) })).status).toBe(400);
    const a = (await (await send(general, { content: "once", nonce: "abc", enforce_nonce: true })).json()) as { id: string };
    const b = (await (await send(general, { content: "once", nonce: "abc", enforce_nonce: true })).json()) as { id: string };
    expect(b.id).toBe(a.id);
    expect(emu.state.posts.filter((p) => p.platform === "discord" && p.text === "once")).toHaveLength(1);
  });

  it("checks polls as poll.mdx says: 1–10 answers of ≤55 characters, 1–768 hours", async () => {
    const poll = (over: Record<string, unknown>) => ({
      question: { text: "Q?" },
      answers: [{ poll_media: { text: "A" } }],
      duration: 24,
      ...over,
    });
    expect((await send(general, { poll: poll({}) })).status).toBe(200);
    expect((await send(general, { poll: poll({ duration: 769 }) })).status).toBe(400);
    expect(
      (await send(general, { poll: poll({ answers: Array.from({ length: 11 }, () => ({ poll_media: { text: "A" } })) }) })).status,
    ).toBe(400);
    expect((await send(general, { poll: poll({ answers: [{ poll_media: { text: "x".repeat(56) } }] }) })).status).toBe(400);
  });

  it("refuses a voice channel (50008) and a forum (40058)", async () => {
    expect(((await (await send(`${guild.id}03`, { content: "x" })).json()) as { code: number }).code).toBe(50008);
    expect(((await (await send(`${guild.id}05`, { content: "x" })).json()) as { code: number }).code).toBe(40058);
  });

  it("takes files as files[n] named by payload_json.attachments", async () => {
    const form = new FormData();
    form.set("payload_json", JSON.stringify({ content: "pic", attachments: [{ id: 1, filename: "a.png" }] }));
    form.set("files[0]", new Blob([new Uint8Array([1])], { type: "image/png" }), "a.png");
    const res = await fetch(api(`/channels/${general}/messages`), { method: "POST", headers: bot, body: form });
    expect(await res.json()).toMatchObject({ code: 50035, errors: { attachments: { "0": { id: expect.anything() } } } });
  });
});

describe("threads", () => {
  it("starts one thread per message (160004 after), whose id is the message's", async () => {
    const m = (await (await send(general, { content: "root" })).json()) as { id: string };
    const start = () =>
      fetch(api(`/channels/${general}/messages/${m.id}/threads`), {
        method: "POST",
        headers: { ...bot, "content-type": "application/json" },
        body: JSON.stringify({ name: "Follow-ups", auto_archive_duration: 10080 }),
      });
    expect(await (await start()).json()).toMatchObject({ id: m.id, parent_id: general });
    expect(await (await start()).json()).toMatchObject({ code: 160004 });
  });
});

describe("a removed bot", () => {
  it("answers 403 Missing Access (50001) once the install's grant is revoked", async () => {
    const other = await install("emu_discord_removed");
    const channels = (await (await fetch(api(`/guilds/${other.guild.id}/channels`), { headers: bot })).json()) as {
      id: string;
      type: number;
    }[];
    const grantId = emu.state.accessTokens.get(other.access_token)!.grantId;
    emu.state.grants.get(grantId)!.revoked = true;
    const res = await send(channels.find((c) => c.type === 0)!.id, { content: "x" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: "Missing Access", code: 50001 });
  });
});
