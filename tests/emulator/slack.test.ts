import { afterAll, beforeAll, describe, expect, it } from "vitest";
import slackEmulator from "@/emulator/platforms/slack";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";

// The Slack emulator answers as Slack documents: HTTP 200 with {"ok": false, "error"} for refused
// calls, 429 with Retry-After for rate limits, and the checks of each method's arguments.

let emu: Emulator;
let token = "";
let refresh = "";
const api = (method: string) => `${emu.url}/slack/${method}`;
const call = async (method: string, body: unknown, bearer = token) => {
  const res = await fetch(api(method), {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { ok: boolean; error?: string } };
};
const channels: { id: string; name: string; is_member: boolean; is_private: boolean }[] = [];

beforeAll(async () => {
  emu = await useEmulator([slackEmulator]);
  const q = new URLSearchParams({
    client_id: "emulator-client",
    scope: "chat:write,channels:read,groups:read,files:write,channels:join",
    redirect_uri: "http://127.0.0.1:5555/cb",
    state: "s",
  });
  const back = await authorizeInEmulator(emu, `${api("oauth/v2/authorize")}?${q}`, { username: "emu_slack_contract" });
  const res = await fetch(api("oauth.v2.access"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      code: back.searchParams.get("code")!,
      redirect_uri: "http://127.0.0.1:5555/cb",
      client_id: "emulator-client",
      client_secret: "emulator-secret",
    }),
  });
  const t = (await res.json()) as { access_token: string; refresh_token: string; token_type: string; scope: string };
  expect(t).toMatchObject({ token_type: "bot", scope: "chat:write,channels:read,groups:read,files:write,channels:join" });
  token = t.access_token;
  refresh = t.refresh_token;
  let cursor = "";
  do {
    const page = await fetch(
      `${api("conversations.list")}?${new URLSearchParams({ types: "public_channel,private_channel", exclude_archived: "true", cursor })}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const b = (await page.json()) as { channels: typeof channels; response_metadata: { next_cursor: string } };
    channels.push(...b.channels);
    cursor = b.response_metadata.next_cursor;
  } while (cursor);
});
afterAll(async () => {
  await emu.stop();
});
const id = (name: string) => channels.find((c) => c.name === name)!.id;

describe("the OAuth v2 install", () => {
  it("gives an xoxb- bot token and an xoxe- refresh token (rotation on)", () => {
    expect(token).toMatch(/^xoxb-/);
    expect(refresh).toMatch(/^xoxe-/);
  });

  it("refuses a wrong code with HTTP 200 and ok:false", async () => {
    const res = await fetch(api("oauth.v2.access"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: "nope", client_id: "emulator-client", client_secret: "emulator-secret" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: "invalid_code" });
  });
});

describe("conversations", () => {
  it("lists public channels and only the private ones the bot is in, without archived ones when asked", () => {
    expect(channels.map((c) => c.name).sort()).toEqual(["general", "random", "team-private"]);
  });

  it("needs the bot in a channel to post, and joins a public one", async () => {
    expect((await call("chat.postMessage", { channel: id("general"), text: "x" })).body).toEqual({ ok: false, error: "not_in_channel" });
    expect((await call("conversations.join", { channel: id("general") })).body.ok).toBe(true);
    expect((await call("chat.postMessage", { channel: id("general"), text: "x" })).body.ok).toBe(true);
  });

  it("does not know private channels the bot is not in", async () => {
    expect((await call("chat.postMessage", { channel: "CNOPE", text: "x" })).body).toEqual({ ok: false, error: "channel_not_found" });
  });
});

describe("chat.postMessage", () => {
  it("refuses no text, more than 40,000 characters, an unknown slack_file, and a reply to a reply", async () => {
    const ch = id("random");
    expect((await call("chat.postMessage", { channel: ch, text: "" })).body.error).toBe("no_text");
    expect((await call("chat.postMessage", { channel: ch, text: "a".repeat(40_001) })).body.error).toBe("msg_too_long");
    const image = { type: "image", slack_file: { id: "F123" }, alt_text: "x" };
    expect((await call("chat.postMessage", { channel: ch, text: "t", blocks: [image] })).body).toMatchObject({
      ok: false,
      error: "invalid_blocks",
    });
    const root = (await call("chat.postMessage", { channel: ch, text: "root" })).body.ts as string;
    const reply = (await call("chat.postMessage", { channel: ch, text: "reply", thread_ts: root })).body.ts as string;
    expect((await call("chat.postMessage", { channel: ch, text: "deeper", thread_ts: reply })).body.error).toBe("cannot_reply_to_message");
  });

  it("shows an uploaded image by slack_file once the upload is completed, and gives its permalink", async () => {
    const up = (await fetch(api("files.getUploadURLExternal"), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ filename: "a.png", length: "3" }),
    }).then((r) => r.json())) as { upload_url: string; file_id: string };
    expect(
      (await fetch(up.upload_url, { method: "POST", headers: { "content-type": "image/png" }, body: new Uint8Array([1, 2, 3]) })).status,
    ).toBe(200);
    const image = { type: "image", slack_file: { id: up.file_id }, alt_text: "dots" };
    expect((await call("chat.postMessage", { channel: id("random"), text: "t", blocks: [image] })).body.error).toBe("invalid_blocks");
    expect((await call("files.completeUploadExternal", { files: [{ id: up.file_id, title: "A" }] })).body.ok).toBe(true);
    const posted = await call("chat.postMessage", { channel: id("random"), text: "pic", blocks: [image] });
    expect(posted.body.ok).toBe(true);
    const link = await fetch(
      `${api("chat.getPermalink")}?${new URLSearchParams({ channel: id("random"), message_ts: posted.body.ts as string })}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(((await link.json()) as { permalink: string }).permalink).toMatch(/\/archives\/C\w+\/p\d{16}$/);
  });

  it("answers an expired token with token_expired, and a revoked one with token_revoked", async () => {
    emu.state.expireTokens("slack");
    expect((await call("chat.postMessage", { channel: id("random"), text: "x" })).body.error).toBe("token_expired");
    const renewed = (await fetch(api("oauth.v2.access"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refresh,
        client_id: "emulator-client",
        client_secret: "emulator-secret",
      }),
    }).then((r) => r.json())) as { access_token: string };
    expect((await call("chat.postMessage", { channel: id("random"), text: "x" }, renewed.access_token)).body.ok).toBe(true);
    for (const g of emu.state.grants.values()) g.revoked = true;
    expect((await call("chat.postMessage", { channel: id("random"), text: "x" }, renewed.access_token)).body.error).toBe("token_revoked");
  });
});
