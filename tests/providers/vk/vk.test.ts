import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/vk";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { VkProvider } from "@/providers/vk/vk.provider";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider against the VK emulator (written from VK's docs): VK ID with PKCE and device_id,
// the wall pick (own wall or a managed community), wall.post with wall photo uploads, comments,
// guid on every create, counters, and VK's HTTP-200 error envelopes.

const provider = new VkProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/vk/callback";
const VERIFIER = "v".repeat(43);

async function signIn(username = `vk_user${++n}`, dropScopes?: string[]): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${n}`, codeVerifier: VERIFIER });
  const back = await authorizeInEmulator(emu, start.url, { username, dropScopes });
  return provider.authenticate({
    code: back.searchParams.get("code")!,
    codeVerifier: VERIFIER,
    redirectUri: REDIRECT,
    query: Object.fromEntries(back.searchParams),
  });
}
const on = (a: AuthResult, wall: string): ChannelAccess => ({ id: `ch-${wall}`, internalId: wall, accessToken: a.accessToken });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "vk");

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

describe("VK ID sign-in", () => {
  it("sends the user to /authorize with PKCE S256 and space-separated scopes", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s1", codeVerifier: VERIFIER });
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/vk/authorize`);
    expect(url.searchParams.get("scope")).toBe("wall photos video groups");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("response_type")).toBe("code");
  });

  it("swaps the code with the device_id, reads the account and asks for a wall pick", async () => {
    const auth = await signIn("anna.k");
    expect(auth).toMatchObject({ name: "anna k", needsPagePick: true, expiresIn: expect.any(Number) });
    expect(auth.id).toMatch(/^\d+$/);
    expect(auth.refreshToken).toMatch(/^vkid1\./);
  });

  it("refuses a sign-in whose redirect carried no device_id", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s-nodev", codeVerifier: VERIFIER });
    const back = await authorizeInEmulator(emu, start.url, { username: "nodev" });
    const e = await failure(
      provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: VERIFIER, redirectUri: REDIRECT, query: {} }),
    );
    expect(e.message).toMatch(/device_id/);
  });

  it("refuses a sign-in without the wall permission, naming it", async () => {
    await expect(signIn("no_wall", ["wall"])).rejects.toThrow(/wall/);
  });

  it("refreshes with the device_id and rotates the refresh token; a spent one is refused", async () => {
    const auth = await signIn();
    const fresh = await provider.refreshToken(auth.refreshToken!);
    expect(fresh.accessToken).not.toBe(auth.accessToken);
    expect(fresh.refreshToken).toMatch(/^vkid1\./);
    expect(fresh.refreshToken).not.toBe(auth.refreshToken);
    const e = await failure(provider.refreshToken(auth.refreshToken!));
    expect(e.kind).toBe("disconnect");
  });

  it("refuses a refresh sent with another device's id", async () => {
    const auth = await signIn();
    const [, , rest] = /^vkid1\.([^.]*)\.(.+)$/.exec(auth.refreshToken!)!;
    const forged = `vkid1.${Buffer.from("someone-else").toString("base64url")}.${rest}`;
    expect((await failure(provider.refreshToken(forged))).message).toMatch(/another device_id/);
  });
});

describe("VK walls", () => {
  it("offers the user's own wall first, then the communities they administer or edit", async () => {
    const auth = await signIn("walls");
    const walls = await provider.pages(on(auth, `pending:${auth.id}`));
    expect(walls.map((w) => w.name)).toEqual(["walls (your wall)", "Garden club", "Chess friends"]);
    expect(walls[0]!.id).toBe(auth.id);
    expect(walls[1]!.id).toMatch(/^-\d+$/);
  });

  it("refuses a community the user does not manage", async () => {
    const auth = await signIn();
    const e = await failure(provider.fetchPageInformation(on(auth, `pending:${auth.id}`), "-1"));
    expect(e.message).toMatch(/do not manage VK community 1/);
  });
});

describe("VK publishing", () => {
  it("posts on the user's wall with the engine's key as guid, and links to the post", async () => {
    const auth = await signIn();
    const r = await provider.post(on(auth, auth.id), { text: "Hello VK" }, {}, { idempotencyKey: "t1:0" });
    expect(r.id).toMatch(new RegExp(`^${auth.id}_\\d+$`));
    expect(r.url).toBe(`${emu.url}/vk/wall${r.id}`);
    const [p] = posts();
    expect(p).toMatchObject({ text: "Hello VK", idempotencyKey: "t1:0", extra: { owner_id: Number(auth.id), from_group: false } });
  });

  it("a repeat with the same guid gets the first post back, not a second one", async () => {
    const auth = await signIn();
    const a = await provider.post(on(auth, auth.id), { text: "Once" }, {}, { idempotencyKey: "t2:0" });
    const b = await provider.post(on(auth, auth.id), { text: "Once" }, {}, { idempotencyKey: "t2:0" });
    expect(b.id).toBe(a.id);
    expect(posts()).toHaveLength(1);
  });

  it("posts as a community with owner_id=-<id>, from_group=1 and signed, photos through the wall upload server", async () => {
    const auth = await signIn();
    const [, community] = await provider.pages(on(auth, `pending:${auth.id}`));
    const r = await provider.post(
      on(auth, community!.id),
      {
        text: "Club news",
        media: [
          { mimeType: "image/png", bytes: png(40, 30) },
          { mimeType: "image/png", bytes: png(30, 40), alt: "a board" },
        ],
      },
      { signed: true },
      { idempotencyKey: "t3:0" },
    );
    expect(r.id.startsWith(`${community!.id}_`)).toBe(true);
    expect(r.warnings?.[0]).toMatch(/alt text/);
    const [p] = posts();
    expect(p!.extra).toMatchObject({ owner_id: Number(community!.id), from_group: true, signed: true });
    expect(p!.media).toHaveLength(2);
    for (const m of p!.media) expect(m).toMatch(new RegExp(`^photo${community!.id}_\\d+$`));
  });

  it("comments under the post, as the community on a community wall", async () => {
    const auth = await signIn();
    const [, community] = await provider.pages(on(auth, `pending:${auth.id}`));
    const ch = on(auth, community!.id);
    const root = await provider.post(ch, { text: "Root" }, {}, { idempotencyKey: "t4:0" });
    const c = await provider.comment!(ch, { text: "More" }, root, root, {}, { idempotencyKey: "t4:1" });
    expect(c.url).toMatch(/\?reply=\d+$/);
    const comment = posts().find((p) => p.text === "More")!;
    expect(comment.replyTo).toBe(root.id);
    expect(comment.extra).toMatchObject({ from_group: community!.id.slice(1) });
    expect(comment.idempotencyKey).toBe("t4:1");
  });

  it("refuses an empty post before calling VK", async () => {
    const auth = await signIn();
    expect((await failure(provider.post(on(auth, auth.id), { text: "  " }, {}))).kind).toBe("bad-body");
  });

  it("renews an expired token once (error 5) and publishes", async () => {
    const auth = await signIn();
    emu.state.expireTokens("vk");
    const fresh = await provider.refreshToken(auth.refreshToken!);
    let refreshed = 0;
    const r = await provider.post(
      on(auth, auth.id),
      { text: "After refresh" },
      {},
      {
        idempotencyKey: "t5:0",
        refreshAccessToken: async () => (refreshed++, fresh.accessToken),
      },
    );
    expect(refreshed).toBe(1);
    expect(r.id).toMatch(/_\d+$/);
  });

  it("renews once for a whole publish: the photo upload's fresh token is the post's too", async () => {
    const auth = await signIn();
    emu.state.expireTokens("vk");
    const fresh = await provider.refreshToken(auth.refreshToken!);
    let refreshed = 0;
    await provider.post(
      on(auth, auth.id),
      { text: "Photo after refresh", media: [{ mimeType: "image/png", bytes: png(20, 20) }] },
      {},
      {
        idempotencyKey: "t5b:0",
        refreshAccessToken: async () => (refreshed++, fresh.accessToken),
      },
    );
    expect(refreshed).toBe(1);
  });

  it("hands VK's method quota (29) back as a retry in an hour, and a captcha to the person", async () => {
    const auth = await signIn();
    await injectFault(emu, { platform: "vk", route: "post", kind: "rate-limit" });
    const e = await failure(provider.post(on(auth, auth.id), { text: "Later" }, {}, { idempotencyKey: "t6:0" }));
    expect(e).toMatchObject({ kind: "retry", details: { retryAfterMs: 3_600_000, mayHavePublished: false } });
    expect(posts()).toHaveLength(0);
  });

  it("an internal error (10) on the create may have published: the repeat carries the same guid", async () => {
    const auth = await signIn();
    await injectFault(emu, { platform: "vk", route: "post", kind: "server-error" });
    const e = await failure(provider.post(on(auth, auth.id), { text: "Unsure" }, {}, { idempotencyKey: "t7:0" }));
    expect(e).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
  });
});

describe("VK post counters", () => {
  it("reads likes, reposts, comments and views from wall.getById", async () => {
    const auth = await signIn();
    const root = await provider.post(on(auth, auth.id), { text: "Counted" }, {}, { idempotencyKey: "t8:0" });
    await provider.comment!(on(auth, auth.id), { text: "c" }, root, root, {}, { idempotencyKey: "t8:1" });
    const m = await provider.postAnalytics!(on(auth, auth.id), root.id);
    expect(Object.keys(m).sort()).toEqual(["comments", "likes", "reposts", "views"]);
    expect(m.comments).toBe(1);
  });

  it("refuses an id that is not a wall post's", async () => {
    const auth = await signIn();
    expect((await failure(provider.postAnalytics!(on(auth, auth.id), "nonsense"))).kind).toBe("bad-body");
  });
});

describe("VK videos", () => {
  it("uploads a video through video.save and its upload_url (field video_file), then attaches it", async () => {
    const auth = await signIn();
    const [, community] = await provider.pages(on(auth, `pending:${auth.id}`));
    const mp4 = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 105, 115, 111, 109, 0, 0, 0, 0]);
    await provider.post(
      on(auth, community!.id),
      { text: "Clip", media: [{ mimeType: "video/mp4", bytes: mp4 }] },
      {},
      { idempotencyKey: "t9:0" },
    );
    const [p] = posts();
    expect(p!.media).toHaveLength(1);
    expect(p!.media[0]).toMatch(new RegExp(`^video${community!.id}_\\d+_\\w+$`));
  });

  it("refuses photos and videos together before uploading anything", async () => {
    const auth = await signIn();
    const media = [
      { mimeType: "image/png", bytes: png(10, 10) },
      { mimeType: "video/mp4", bytes: new Uint8Array([1]) },
    ];
    expect((await failure(provider.post(on(auth, auth.id), { text: "Mixed", media }, {}))).message).toMatch(/photos or videos, not both/);
  });
});
