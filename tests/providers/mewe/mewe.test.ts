import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator, { groupsOf } from "@/emulator/platforms/mewe";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { MeweProvider } from "@/providers/mewe/mewe.provider";
import { TIMELINE } from "@/providers/mewe/mewe.settings";
import type { AuthResult, ChannelAccess, SocialProvider } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider against the MeWe emulator (written from the fact sheet): the login link and the
// loginRequestToken exchange, the timeline and group targets, photo uploads, and refusals.

const provider = new MeweProvider();
let emu: Emulator;
let n = 0;

const REDIRECT = "http://127.0.0.1:5555/api/integrations/mewe/callback";

async function signIn(username = `mewe_user${++n}`): Promise<{ auth: AuthResult; token: string }> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${n}`, codeVerifier: "unused-verifier" });
  const back = await authorizeInEmulator(emu, start.url, { username });
  const token = back.searchParams.get("loginRequestToken")!;
  return { auth: await provider.authenticate({ code: token, codeVerifier: "unused-verifier", redirectUri: REDIRECT }), token };
}
const access = (a: AuthResult): ChannelAccess => ({ id: `ch-${a.id}`, internalId: a.id, username: a.username, accessToken: a.accessToken });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "mewe");

beforeAll(async () => {
  emu = await useEmulator([emulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("MeWe sign-in (login link → loginRequestToken → apiToken)", () => {
  it("sends the user to /login with the App ID, callback and state, and nothing OAuth-only", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s1", codeVerifier: "v1" });
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/mewe/login`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "emulator-client", redirect_uri: REDIRECT, state: "s1" });
  });

  it("swaps the loginRequestToken for an apiToken with its expiry, and reads the account", async () => {
    const { auth } = await signIn("robin.m");
    expect(auth).toMatchObject({ name: "robin m", username: "robin.m", accessToken: expect.stringMatching(/^mewe_at/) });
    expect(auth.id).toMatch(/^mewe-/);
    expect(auth.refreshToken).toBeUndefined();
    expect(auth.expiresIn).toBeGreaterThan(0);
    expect((provider as SocialProvider).refreshToken).toBeUndefined();
  });

  it("refuses a loginRequestToken used twice, without quoting a token", async () => {
    const { token } = await signIn();
    const e = await failure(provider.authenticate({ code: token, codeVerifier: "x", redirectUri: REDIRECT }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("disconnect");
    expect(e.message).toMatch(/MeWe refused the sign-in/);
    expect(e.message).not.toContain(token);
  });

  it("refuses a wrong API key as a sign-in to check the app settings", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s-key", codeVerifier: "v" });
    const back = await authorizeInEmulator(emu, start.url, { username: "key_check" });
    process.env.MEWE_API_KEY = "not-the-key";
    try {
      const e = await failure(
        provider.authenticate({ code: back.searchParams.get("loginRequestToken")!, codeVerifier: "v", redirectUri: REDIRECT }),
      );
      expect(e.kind).toBe("disconnect");
      expect(e.message).toMatch(/wrong X-Api-Key.*MEWE_APP_ID and MEWE_API_KEY/);
    } finally {
      delete process.env.MEWE_API_KEY;
    }
  });

  it("tells the user to approve the app when MeWe answers {pending: true}", async () => {
    const pending = new (class extends MeweProvider {
      override async fetch(url: string, init?: RequestInit) {
        if (url.includes("/api/dev/token")) return new Response('{"pending":true}', { status: 200 });
        return super.fetch(url, init);
      }
    })();
    const e = await failure(pending.authenticate({ code: "lrt", codeVerifier: "v", redirectUri: REDIRECT }));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/approve its permissions in MeWe, then connect again/);
  });
});

describe("MeWe targets (the group setting's choices)", () => {
  it("offers My timeline first, then every group, following nextPage", async () => {
    const { auth } = await signIn("grouper");
    const choices = await provider.settingsChoices(access(auth), "group");
    const acc = emu.state.getAccount("mewe", auth.id)!;
    expect(choices).toEqual([
      { value: TIMELINE, label: "My timeline" },
      ...groupsOf(acc).map((g) => ({ value: g.groupId, label: g.name })),
    ]);
    expect(await provider.settingsChoices(access(auth), "other")).toEqual([]);
  });
});

describe("MeWe posts", () => {
  it("posts text to the timeline when no group is chosen, linking the profile and saying there is no post id", async () => {
    const { auth } = await signIn("poster.one");
    const r = await provider.post(access(auth), { text: "  Hello MeWe  " }, {});
    expect(posts()).toMatchObject([{ accountId: auth.id, text: "Hello MeWe", media: [], extra: { target: "timeline" } }]);
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.url).toBe(`${emu.url}/mewe/i/poster.one`);
    expect(r.warnings?.[0]).toMatch(/does not return the new post's id: the link opens the timeline/);
    await provider.post(access(auth), { text: "again" }, { group: TIMELINE });
    expect(posts()[1]!.extra).toEqual({ target: "timeline" });
  });

  it("posts to a chosen group with uploaded photos", async () => {
    const { auth } = await signIn("poster.two");
    const group = groupsOf(emu.state.getAccount("mewe", auth.id)!)[1]!.groupId;
    const media = [
      { mimeType: "image/png", bytes: png(20, 10) },
      { mimeType: "image/png", bytes: png(30, 10), alt: "a chart" },
    ];
    const r = await provider.post(access(auth), { text: "Club news", media }, { group });
    const [p] = posts();
    expect(p).toMatchObject({ text: "Club news", extra: { target: { group } } });
    expect(p!.media).toHaveLength(2);
    expect(r.url).toBe(`${emu.url}/mewe/group/${group}`);
    expect(r.warnings).toContain("MeWe's photo upload takes no alt text: the descriptions were not sent.");
  });

  it("refuses what it would not send before uploading anything", async () => {
    const { auth } = await signIn();
    const e = await failure(provider.post(access(auth), { text: "x", media: [{ mimeType: "image/webp", bytes: png(1, 1) }] }, {}));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/JPEG and PNG/) });
    expect(emu.state.media.size === 0 || [...emu.state.media.values()].every((m) => m.accountId !== auth.id)).toBe(true);
    expect((await failure(provider.post(access(auth), { text: "  " }, {}))).kind).toBe("bad-body");
  });

  it("answers a group the account is not in (403) and an unknown one (404) in words", async () => {
    const { auth } = await signIn("outsider");
    const { auth: other } = await signIn("insider");
    const foreign = groupsOf(emu.state.getAccount("mewe", other.id)!)[0]!.groupId;
    expect(await failure(provider.post(access(auth), { text: "hi" }, { group: foreign }))).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/refused the post \(Forbidden\)/),
    });
    expect(await failure(provider.post(access(auth), { text: "hi" }, { group: "no/such group" }))).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/does not know this group/),
    });
    expect(posts()).toHaveLength(0);
  });

  it("420 Enhance Your Calm: retried later at MeWe's time, never taken for a maybe-published post", async () => {
    const { auth } = await signIn();
    await injectFault(emu, { platform: "mewe", route: "post", kind: "rate-limit", retryAfterSeconds: 120 });
    const e = await failure(provider.post(access(auth), { text: "slow" }, {}));
    expect(e.kind).toBe("retry");
    expect(e.details).toMatchObject({ status: 420, mayHavePublished: false, retryAfterMs: 120_000 });
    expect(posts()).toHaveLength(0);
  });

  it("a 5xx on the post call is not repeated: the post may exist", async () => {
    const { auth } = await signIn();
    await injectFault(emu, { platform: "mewe", route: "post", kind: "server-error" });
    const e = await failure(provider.post(access(auth), { text: "maybe" }, {}));
    expect(e).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
  });

  it("an expired apiToken means reconnecting (there is no refresh)", async () => {
    const { auth } = await signIn();
    emu.state.expireTokens("mewe");
    const e = await failure(provider.post(access(auth), { text: "late" }, {}));
    expect(e.kind).toBe("disconnect");
    expect(e.message).toMatch(/cannot be renewed: reconnect/);
    expect(e.message).not.toContain(auth.accessToken);
  });
});
