import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { httpClient } from "@/providers/core/transport";
import type { Emulator } from "@/emulator/server";
import { useEmulator } from "@/tests/helpers/emulator";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import mastodonEmulator from "@/emulator/platforms/mastodon";
import { MastodonProvider } from "@/providers/mastodon/mastodon.provider";
import { mastodonSettings } from "@/providers/mastodon/mastodon.settings";
import { connectChannel, finishConnect, mastodonPosts, PNG, REDIRECT, startConnect } from "@/tests/helpers/platforms/mastodon";

const provider = new MastodonProvider();
const defaults = mastodonSettings.parse({});
let emu: Emulator;
let channel: ChannelAccess;

beforeAll(async () => {
  emu = await useEmulator([mastodonEmulator]);
  channel = await connectChannel(provider, emu);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("connecting a Mastodon account", () => {
  it("registers an app on the server, then authorizes with PKCE and reads the account and server limits", async () => {
    const { start, back } = await startConnect(provider, emu, { username: "alice" });
    const authorize = new URL(start.url);
    expect(authorize.pathname).toBe("/mastodon/oauth/authorize");
    expect(authorize.searchParams.get("scope")).toBe("write:statuses write:media profile");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const app = emu.state.apps.get(String(start.data?.clientId));
    expect(app).toMatchObject({ platform: "mastodon", redirectUris: [REDIRECT], scopes: ["write:statuses", "write:media", "profile"] });
    expect(start.data).toMatchObject({ clientSecret: app?.clientSecret, instanceUrl: `${emu.url}/mastodon` });
    expect(back.searchParams.get("state")).toBe(start.state);

    const auth = await finishConnect(provider, start, back);
    expect(auth.id).toBe(emu.state.account("mastodon", "alice").id);
    expect(auth.username).toBe(`alice@${new URL(emu.url).host}`);
    expect(auth.name).toBe("alice");
    expect(auth.picture).toContain("/avatars/");
    expect(auth.refreshToken).toBeUndefined();
    expect(auth.expiresIn).toBeUndefined();
    expect(auth.scopes).toEqual(["write:statuses", "write:media", "profile"]);
    expect(auth.profile).toMatchObject({
      instanceUrl: `${emu.url}/mastodon`,
      localUsername: "alice",
      instanceMaxCharacters: 500,
      maxMediaAttachments: 4,
      charactersReservedPerUrl: 23,
      polls: { maxOptions: 4, maxCharactersPerOption: 50, minExpirationSeconds: 300, maxExpirationSeconds: 2_629_746 },
    });
    expect(provider.maxLength({ profile: auth.profile })).toBe(500);
    expect(provider.maxLength({ profile: { instanceMaxCharacters: 5000 } })).toBe(5000);
    expect(provider.maxLength()).toBe(500);
  });

  it("falls back to the account handle when the display name is empty", async () => {
    emu.state.account("mastodon", "quiet", { name: "" });
    const { start, back } = await startConnect(provider, emu, { username: "quiet" });
    expect((await finishConnect(provider, start, back)).name).toBe("quiet");
  });

  it("sends the user back with error=access_denied when they deny", async () => {
    const { start, back } = await startConnect(provider, emu, { deny: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe(start.state);
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("refuses a grant with an unticked scope", async () => {
    const { start, back } = await startConnect(provider, emu, { dropScopes: ["write:media"] });
    const err = await finishConnect(provider, start, back).catch((e) => e);
    expect(err).toBeInstanceOf(MissingScopesError);
    expect(err.missing).toEqual(["write:media"]);
  });

  it("asks for read:accounts on servers whose discovery document lacks the profile scope", async () => {
    const real = httpClient.send;
    const spy = vi
      .spyOn(httpClient, "send")
      .mockImplementation((input, init) =>
        String(input).includes("/.well-known/")
          ? Promise.resolve(new Response('{"error":"Record not found"}', { status: 404 }))
          : real(input, init),
      );
    try {
      const { start, back } = await startConnect(provider, emu, { username: "legacy" });
      expect(new URL(start.url).searchParams.get("scope")).toBe("write:statuses write:media read:accounts");
      const auth = await finishConnect(provider, start, back);
      expect(auth.scopes).toContain("read:accounts");
    } finally {
      spy.mockRestore();
    }
  });

  it("reports a refused code exchange as a reconnect", async () => {
    const { start, back } = await startConnect(provider, emu);
    const err = await provider
      .authenticate({ code: back.searchParams.get("code")!, codeVerifier: "wrong-verifier", redirectUri: REDIRECT, data: start.data })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe("disconnect");
    expect(err.message).toContain("code_verifier");
  });

  it("has the authorize page refuse scopes the app did not register", async () => {
    const { start } = await startConnect(provider, emu, { deny: true });
    const url = new URL(start.url);
    url.searchParams.set("scope", "write:statuses admin:write");
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The requested scope is invalid");
  });
});

describe("publishing to Mastodon", () => {
  it("posts a text status with its settings and returns its public link", async () => {
    const published = await provider.post(
      channel,
      { text: "Hello fediverse" },
      { visibility: "unlisted", spoilerText: "greeting", sensitive: true },
    );
    const recorded = mastodonPosts(emu).find((p) => p.id === published.id);
    expect(recorded).toMatchObject({
      text: "Hello fediverse",
      accountId: channel.id,
      extra: { visibility: "unlisted", spoiler_text: "greeting", sensitive: true },
    });
    expect(published.url).toBe(`${emu.url}/mastodon/@emu_mastodon/${published.id}`);
    expect(published.ref).toEqual({ id: published.id });
  });

  it("uploads an image with its alt text before the status", async () => {
    const published = await provider.post(
      channel,
      { text: "A pixel", media: [{ mimeType: "image/png", bytes: PNG, alt: "One transparent pixel" }] },
      defaults,
    );
    const recorded = mastodonPosts(emu).find((p) => p.id === published.id)!;
    expect(recorded.media).toHaveLength(1);
    expect(emu.state.media.get(recorded.media[0]!)).toMatchObject({
      mimeType: "image/png",
      size: PNG.length,
      alt: "One transparent pixel",
    });
  });

  it("waits for a video to finish processing (202, then 206) before attaching it", async () => {
    const video = Uint8Array.from([0, 0, 0, 24, 102, 116, 121, 112, 109, 112, 52, 50]);
    const published = await provider.post(channel, { text: "A clip", media: [{ mimeType: "video/mp4", bytes: video }] }, defaults);
    const recorded = mastodonPosts(emu).find((p) => p.id === published.id)!;
    expect(emu.state.media.get(recorded.media[0]!)?.mimeType).toBe("video/mp4");
  });

  it("posts a poll with its duration in seconds", async () => {
    const published = await provider.post(
      channel,
      { text: "Tabs or spaces?", poll: { options: ["Tabs", "Spaces"], durationMinutes: 60 } },
      defaults,
    );
    expect(mastodonPosts(emu).find((p) => p.id === published.id)?.poll).toMatchObject({ options: ["Tabs", "Spaces"], expires_in: 3600 });
  });

  it("posts a thread as a chain of replies", async () => {
    const before = mastodonPosts(emu).length;
    const root = await provider.post(channel, { text: "1/3" }, defaults);
    const second = await provider.comment(channel, { text: "2/3" }, root, root, defaults);
    const third = await provider.comment(channel, { text: "3/3" }, second, root, defaults);
    const thread = mastodonPosts(emu).slice(before);
    expect(thread.map((p) => p.text)).toEqual(["1/3", "2/3", "3/3"]);
    expect(thread.map((p) => p.replyTo)).toEqual([undefined, root.id, second.id]);
    expect(third.id).toBe(thread[2]!.id);
  });

  it("posts once when the same Idempotency-Key is sent twice, and keeps replies distinct", async () => {
    const before = mastodonPosts(emu).length;
    const ctx = { idempotencyKey: "publish-run-42" };
    const first = await provider.post(channel, { text: "Only once" }, defaults, ctx);
    const again = await provider.post(channel, { text: "Only once" }, defaults, ctx);
    expect(again.id).toBe(first.id);
    const reply = await provider.comment(channel, { text: "A reply" }, first, first, defaults, ctx);
    expect(reply.id).not.toBe(first.id);
    expect(
      mastodonPosts(emu)
        .slice(before)
        .map((p) => p.text),
    ).toEqual(["Only once", "A reply"]);
  });

  it("counts links as 23 characters, as the server does", async () => {
    const text = `${"a".repeat(470)} https://example.com/${"x".repeat(200)}`;
    const published = await provider.post(channel, { text }, defaults);
    expect(mastodonPosts(emu).find((p) => p.id === published.id)?.text).toBe(text);
  });

  it("surfaces the server's refusal of over-long text, content warning included", async () => {
    const err = await provider
      .post(channel, { text: "a".repeat(490) }, { visibility: "public", spoilerText: "x".repeat(20) })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe("bad-body");
    expect(err.message).toBe("Validation failed: Text character limit of 500 exceeded");
  });

  it("refuses media without bytes, too many attachments, and a poll with media before calling the server", async () => {
    const calls = mastodonPosts(emu).length;
    const noBytes = await provider.post(channel, { text: "x", media: [{ mimeType: "image/png" }] }, defaults).catch((e) => e);
    expect(noBytes).toMatchObject({ kind: "bad-body", message: expect.stringContaining("no file content") });
    const five = Array.from({ length: 5 }, () => ({ mimeType: "image/png", bytes: PNG }));
    expect(await provider.post(channel, { text: "x", media: five }, defaults).catch((e) => e)).toMatchObject({ kind: "bad-body" });
    const mixed = { text: "x", media: [{ mimeType: "image/png", bytes: PNG }], poll: { options: ["a", "b"], durationMinutes: 10 } };
    expect(await provider.post(channel, mixed, defaults).catch((e) => e)).toMatchObject({ kind: "bad-body" });
    expect(mastodonPosts(emu).length).toBe(calls);
  });

  it("reports a reply to a status that does not exist as bad-body", async () => {
    const ghost = { id: "999", url: "", ref: { id: "999" } };
    const err = await provider.comment(channel, { text: "hello?" }, ghost, ghost, defaults).catch((e) => e);
    expect(err).toMatchObject({ kind: "bad-body", message: "Record not found" });
  });
});
