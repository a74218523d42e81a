import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/lemmy";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { LemmyProvider } from "@/providers/lemmy/lemmy.provider";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider against the Lemmy emulator (written from the fact sheet): the login form with and
// without 2FA, the JWT renewed by logging in again, communities (local, moderators-only, remote
// resolved), image posts through pict-rs, comments and analytics.

const provider = new LemmyProvider();
let emu: Emulator;
let instance: string;
let n = 0;

type Connected = AuthResult & { credentials?: Record<string, string> };
const connect = (username = `lemmy_user${++n}`, extra: Record<string, string> = {}): Promise<Connected> =>
  provider.connectWithFields({ instance, username, password: `${username}-password`, ...extra });
const access = (a: Connected): ChannelAccess => ({
  id: `ch-${a.id}`,
  internalId: a.id,
  username: a.username,
  instanceUrl: a.profile!.service as string,
  accessToken: a.accessToken,
  profile: a.profile,
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "lemmy");

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  instance = `${emu.url}/lemmy`;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("Lemmy connection", () => {
  it("logs in, keeps the JWT and the password (not the 2FA code), and names the instance as the channel's server", async () => {
    const a = await connect("alice");
    expect(a).toMatchObject({
      username: "alice",
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.\S+$/),
      credentials: { username: "alice", password: "alice-password" },
    });
    expect(a.profile).toMatchObject({ service: instance, personId: Number(a.id), rateWindows: { post: 600, comment: 600 } });
  });

  it("refuses a wrong password as the form's to fix", async () => {
    const e = await failure(provider.connectWithFields({ instance, username: "bob", password: "nope" }));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/username or password/);
  });

  it("asks for the 2FA code where enabled, and connects with it", async () => {
    const e = await failure(connect("carol_2fa"));
    expect(e.message).toMatch(/two-factor/);
    const a = await connect("carol_2fa", { totp: "123456" });
    expect(a.credentials).toEqual({ username: "carol_2fa", password: "carol_2fa-password" });
  });

  it("refuses a malformed form naming the field", async () => {
    await expect(provider.connectWithFields({ instance: "not a url", username: "", password: "" })).rejects.toMatchObject({
      fields: { instance: expect.any(String), username: expect.any(String), password: expect.any(String) },
    });
  });

  it("renews the session by logging in again with the stored password", async () => {
    const a = await connect();
    const fresh = await provider.refreshToken("lemmy-password-login", { instanceUrl: instance, credentials: a.credentials });
    expect(fresh.accessToken).not.toBe(a.accessToken);
    const e = await failure(provider.refreshToken("x", { instanceUrl: instance, credentials: { ...a.credentials!, password: "changed" } }));
    expect(e.kind).toBe("disconnect");
  });
});

describe("Lemmy posts", () => {
  it("posts to a community by name with title, body, link and NSFW; comments follow", async () => {
    const ch = access(await connect());
    const p = await provider.post(
      ch,
      { text: "Body with 2^3" },
      { community: "postmill", title: "Hello there", url: "https://example.com/x", nsfw: true },
    );
    expect(posts()[0]).toMatchObject({
      id: p.id,
      text: "Body with 2\\^3",
      extra: { name: "Hello there", url: "https://example.com/x", nsfw: true, community_id: 2 },
    });
    expect(p.url).toBe(`${instance}/post/${p.id}`);
    const c = await provider.comment(ch, { text: "first" }, p, p, { community: "postmill", title: "Hello there" });
    expect(posts()[1]).toMatchObject({ id: c.id, replyTo: p.id });
    expect(await provider.postAnalytics(ch, p.id)).toMatchObject({ comments: 1, score: expect.any(Number) });
  });

  it("resolves a community of another instance before posting to it", async () => {
    const ch = access(await connect());
    await provider.post(ch, { text: "" }, { community: "technology@lemmy.world", title: "Remote" });
    expect(posts()[0]!.extra).toMatchObject({ community_id: 4 });
  });

  it("a moderators-only community is refused with Lemmy's reason", async () => {
    const ch = access(await connect());
    const e = await failure(provider.post(ch, { text: "x" }, { community: "announcements", title: "Nope" }));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/only_mods_can_post_in_community/);
  });

  it("an image goes to pict-rs and becomes the post's URL, with its alt text", async () => {
    const ch = access(await connect());
    await provider.post(
      ch,
      { text: "pic", media: [{ mimeType: "image/png", bytes: png(32, 32), alt: "a square" }] },
      { community: "postmill", title: "Image" },
    );
    expect(posts()[0]).toMatchObject({
      media: [expect.any(String)],
      extra: { url: expect.stringContaining("/pictrs/image/"), alt_text: "a square" },
    });
  });

  it("lists the account's communities as name@instance", async () => {
    const ch = access(await connect());
    const choices = await provider.settingsChoices(ch, "community");
    expect(choices[0]).toEqual({
      value: `postmill@${new URL(instance).host}`,
      label: `Postmill sandbox (!postmill@${new URL(instance).host})`,
    });
    await provider.post(ch, { text: "" }, { community: choices[0]!.value, title: "By choice" });
    expect(posts()[0]!.extra).toMatchObject({ community_id: 2 });
  });
});
