import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import instagramEmu from "@/emulator/platforms/instagram";
import standaloneEmu from "@/emulator/platforms/instagram-standalone";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { InstagramProvider } from "@/providers/instagram/instagram.provider";
import { InstagramStandaloneProvider } from "@/providers/instagram-standalone/instagram-standalone.provider";
import type { ChannelAccess, MediaItem } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { ebml, isoMedia, jpeg, png } from "@/tests/helpers/media-bytes";

// Both Instagram providers against their emulators (written from Meta's docs): Facebook Login with
// the long-lived exchange and the account pick, Instagram Login with ig_exchange_token and
// ig_refresh_token, and the shared container flow: image, Reel, carousel, Story, first comment,
// settings, quota, container errors with Meta's subcodes, read-back and insights.

const fb = new InstagramProvider();
const ig = new InstagramStandaloneProvider();
let emu: Emulator;
let files: Server;
let filesUrl = "";
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/x/callback";

const FILES: Record<string, { type: string; body: Uint8Array }> = {
  "pic.jpg": { type: "image/jpeg", body: jpeg(1080, 1080) },
  "pic.png": { type: "image/png", body: png(1080, 1080) },
  "clip.mp4": { type: "video/mp4", body: Buffer.concat([isoMedia("mp42"), Buffer.alloc(1000)]) },
  "clip.webm": { type: "video/webm", body: ebml("webm") },
};
const media = (name: string): MediaItem => ({ url: `${filesUrl}/${name}`, mimeType: FILES[name]?.type ?? "image/jpeg" });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = (platform: string) => emu.state.posts.filter((p) => p.platform === platform);

async function connectFacebook(username = `fb_user${++n}`): Promise<ChannelAccess> {
  const start = await fb.generateAuthUrl({ redirectUri: REDIRECT, state: `s${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username });
  const auth = await fb.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
  expect(auth.needsPagePick).toBe(true);
  const pending: ChannelAccess = { id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken };
  const [page] = await fb.pages(pending);
  const picked = await fb.fetchPageInformation(pending, page!.id);
  return { id: "c", internalId: picked.id, username: picked.username, accessToken: auth.accessToken };
}

async function connectInstagram(username = `ig_user${++n}`) {
  const start = await ig.generateAuthUrl({ redirectUri: REDIRECT, state: `s${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username });
  const auth = await ig.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
  const channel: ChannelAccess = { id: "c", internalId: auth.id, username: auth.username, accessToken: auth.accessToken };
  return { auth, channel };
}

beforeAll(async () => {
  emu = await useEmulator([instagramEmu, standaloneEmu]);
  files = createServer((req, res) => {
    const f = FILES[(req.url ?? "").slice(1)];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type, "content-length": f.body.length }).end(Buffer.from(f.body));
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
});
afterAll(async () => {
  files?.close();
  await emu?.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("Instagram via Facebook Login", () => {
  it("asks for the Instagram and Page permissions, comma-separated, on the Login dialog", async () => {
    const url = new URL((await fb.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/instagram/dialog/oauth");
    expect(url.searchParams.get("scope")).toBe(fb.scopes.join(","));
    expect(fb.scopes).toEqual(expect.arrayContaining(["instagram_basic", "instagram_content_publish", "pages_show_list"]));
  });

  it("offers only the Pages' linked Instagram professional accounts, and refuses another id", async () => {
    const start = await fb.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" });
    const back = await authorizeInEmulator(emu, start.url, { username: "pat.pages" });
    const auth = await fb.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
    const pending: ChannelAccess = { id: "c", internalId: "pending", accessToken: auth.accessToken };
    const pages = await fb.pages(pending);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ id: `ig-${auth.id}`, username: "pat.pages" });
    expect((await failure(fb.fetchPageInformation(pending, "ig-someone-else"))).kind).toBe("bad-body");
  });

  it("has no refresh: Facebook Login's long-lived token is one-time", () => {
    expect((fb as { refreshToken?: unknown }).refreshToken).toBeUndefined();
  });

  it("publishes one image with user tags and collaborators, then a first comment", async () => {
    const ch = await connectFacebook();
    const item = { text: "Hello #instagram", media: [media("pic.jpg")] };
    const out = await fb.post(ch, item, { collaborators: "friend.one, @friend_two", userTags: "alice 0.5 0.5" });
    const [p] = posts("instagram");
    expect(out).toMatchObject({ id: p!.id, url: `https://www.instagram.com/p/${p!.id}/` });
    expect(p!.extra).toMatchObject({
      mediaType: "IMAGE",
      collaborators: ["friend.one", "friend_two"],
      userTags: [{ username: "alice", x: 0.5, y: 0.5 }],
    });
    expect((p!.extra!.mediaFetches as { ok: boolean }[])[0]!.ok).toBe(true);
    const c = await fb.comment(ch, { text: "first comment" }, out, out, {});
    expect(posts("instagram").find((x) => x.id === c.id)).toMatchObject({ replyTo: out.id, text: "first comment" });
    // A lost comment answer is settled by reading the media's comments back, also from a later comment.
    const since = new Date(Date.now() - 1000);
    expect(await fb.findPublished(ch, { text: "first comment" }, { since, parent: c })).toMatchObject({ id: c.id });
    expect(await fb.findPublished(ch, { text: "second comment" }, { since, parent: out })).toBeNull();
  });

  it("publishes a single video as a Reel with its cover and feed choice, after the container finishes", async () => {
    const ch = await connectFacebook();
    await fb.post(
      ch,
      { text: "reel", media: [media("clip.mp4")] },
      { postType: "reel", shareToFeed: false, coverUrl: `${filesUrl}/pic.jpg` },
    );
    expect(posts("instagram")[0]!.extra).toMatchObject({ mediaType: "REELS", shareToFeed: false, coverUrl: `${filesUrl}/pic.jpg` });
  });

  it("publishes a carousel of mixed images and videos as one post", async () => {
    const ch = await connectFacebook();
    await fb.post(ch, { text: "carousel", media: [media("pic.jpg"), media("clip.mp4"), media("pic.png")] }, {});
    const [p] = posts("instagram");
    expect(p!.extra).toMatchObject({ mediaType: "CAROUSEL", children: ["IMAGE", "VIDEO", "IMAGE"] });
    expect(p!.media).toHaveLength(3);
  });

  it("publishes a Story without its caption, saying so, and refuses two files in one Story", async () => {
    const ch = await connectFacebook();
    const out = await fb.post(ch, { text: "ignored", media: [media("pic.jpg")] }, { postType: "story" });
    expect(posts("instagram")[0]!.extra).toMatchObject({ mediaType: "STORIES" });
    expect(out.warnings?.join(" ")).toMatch(/Stories take no caption/);
    const e = await failure(fb.post(ch, { text: "", media: [media("pic.jpg"), media("pic.jpg")] }, { postType: "story" }));
    expect(e.kind).toBe("bad-body");
  });

  it("reports a video Meta cannot take with its 2207026 message, publishing nothing", async () => {
    const ch = await connectFacebook();
    const e = await failure(fb.post(ch, { text: "webm", media: [media("clip.webm")] }, {}));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/2207026/);
    expect(posts("instagram")).toHaveLength(0);
  });

  it("reports an image Meta could not download (9004/2207052) as worth retrying", async () => {
    const ch = await connectFacebook();
    const e = await failure(fb.post(ch, { text: "404", media: [media("missing.jpg")] }, {}));
    expect(e.kind).toBe("retry");
    expect(e.message).toMatch(/2207052/);
  });

  it("refuses a caption over 30 hashtags before creating anything", async () => {
    const ch = await connectFacebook();
    const text = Array.from({ length: 31 }, (_x, i) => `#tag${i}`).join(" ");
    const e = await failure(fb.post(ch, { text, media: [media("pic.jpg")] }, {}));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/at most 30 hashtags/) });
  });

  it("waits for a free slot when the 24-hour quota (content_publishing_limit) is used up", async () => {
    const ch = await connectFacebook("quota.user");
    const accountId = ch.internalId.slice(3);
    for (let i = 0; i < 100; i++) emu.state.record({ platform: "instagram", accountId, text: `old ${i}`, media: [] });
    const e = await failure(fb.post(ch, { text: "one too many", media: [media("pic.jpg")] }, {}));
    expect(e).toMatchObject({ kind: "retry", details: expect.objectContaining({ retryAfterMs: 3_600_000, mayHavePublished: false }) });
    expect(e.message).toMatch(/100 of the 100 posts/);
  });

  it("finds a published post by its caption after a lost answer, and nothing for another text", async () => {
    const ch = await connectFacebook();
    const since = new Date(Date.now() - 1000);
    const out = await fb.post(ch, { text: "read me back", media: [media("pic.jpg")] }, {});
    expect(await fb.findPublished(ch, { text: "read me back" }, { since })).toMatchObject({ id: out.id });
    expect(await fb.findPublished(ch, { text: "something else" }, { since })).toBeNull();
  });

  it("reads account insights without the deprecated metrics, and a post's insights", async () => {
    const ch = await connectFacebook();
    const out = await fb.post(ch, { text: "measured", media: [media("pic.jpg")] }, {});
    const day = 86_400_000;
    const m = await fb.analytics(ch, { from: new Date(Date.now() - 45 * day), to: new Date() });
    expect(m.gaps).toEqual([]);
    expect(new Set(m.points.map((p) => p.metric))).toEqual(new Set(["followers", "posts_total", "reach", "follower_gains"]));
    const post = await fb.postAnalytics(ch, out.id);
    expect(Object.keys(post)).toEqual(expect.arrayContaining(["views", "reach", "likes", "comments", "engagements"]));
  });
});

describe("Instagram settings checked on save", () => {
  it("refuses a Reel without exactly one video, a Story with two files, and tags without an image", async () => {
    const ch: ChannelAccess = { id: "c", internalId: "ig-x", accessToken: "t" };
    expect(await fb.checkSettings(ch, { postType: "reel" }, [{ text: "", mediaTypes: ["image/jpeg"] }])).toEqual({
      postType: "An Instagram Reel is exactly one video",
    });
    expect(await ig.checkSettings(ch, { postType: "story" }, [{ text: "", mediaTypes: ["image/jpeg", "video/mp4"] }])).toHaveProperty(
      "postType",
    );
    expect(await fb.checkSettings(ch, { userTags: "alice 0.5 0.5" }, [{ text: "", mediaTypes: ["video/mp4"] }])).toHaveProperty("userTags");
    expect(await fb.checkSettings(ch, { postType: "reel" }, [{ text: "", mediaTypes: ["video/mp4"] }])).toEqual({});
  });
});

describe("Instagram via Instagram Login", () => {
  it("signs in with the instagram_business_* scopes and keeps the account's user_id", async () => {
    const url = new URL((await ig.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/instagram-standalone/oauth/authorize");
    expect(url.searchParams.get("scope")).toBe(
      "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments,instagram_business_manage_insights",
    );
    const { auth } = await connectInstagram("sam.solo");
    expect(auth).toMatchObject({ username: "sam.solo", id: expect.stringMatching(/^instagram-standalone-/) });
    // The long-lived token is its own refresh token, renewed well before its 60 days.
    expect(auth.refreshToken).toBe(auth.accessToken);
    expect(auth.expiresIn).toBeLessThan(60 * 86_400);
  });

  it("renews the long-lived token with ig_refresh_token, and a revoked one is refused as a disconnect", async () => {
    const { auth } = await connectInstagram();
    const renewed = await ig.refreshToken(auth.refreshToken!);
    expect(renewed.accessToken).not.toBe(auth.accessToken);
    expect(renewed.refreshToken).toBe(renewed.accessToken);
    const grant = emu.state.grants.get(emu.state.accessTokens.get(renewed.accessToken)!.grantId)!;
    grant.revoked = true;
    expect((await failure(ig.refreshToken(renewed.accessToken))).kind).toBe("disconnect");
  });

  it("publishes through the shared container flow on graph.instagram.com", async () => {
    const { channel } = await connectInstagram();
    const out = await ig.post(channel, { text: "solo", media: [media("pic.jpg"), media("clip.mp4")] }, {});
    const [p] = posts("instagram-standalone");
    expect(p).toMatchObject({ id: out.id, text: "solo", accountId: channel.internalId });
    expect(p!.extra).toMatchObject({ mediaType: "CAROUSEL" });
  });
});
