import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/threads";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { ThreadsProvider } from "@/providers/threads/threads.provider";
import { threadsSettings } from "@/providers/threads/threads.settings";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import * as bytes from "@/tests/helpers/media-bytes";

// The provider against the Threads emulator (written from Meta's Threads docs): sign-in with the
// long-lived exchange and th_refresh_token, containers for text, image, video and carousels that
// Threads downloads from their URL, status polling with Meta's failure reasons, reply chains,
// polls, the publishing quota, read-back after a lost answer, and insights.

const provider = new ThreadsProvider();
let emu: Emulator;
let files: http.Server;
let filesUrl: string;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/threads/callback";
const PNG = bytes.png(640, 480);
const MP4 = bytes.isoMedia("mp42");

async function signIn(username = `th_user${++n}`): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
}
const access = (a: AuthResult): ChannelAccess => ({ id: `ch-${a.id}`, internalId: a.id, username: a.username, accessToken: a.accessToken });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "threads");
const settings = (s: Record<string, unknown> = {}) => threadsSettings.parse(s);
const file = (name: string, mimeType: string, alt?: string) => ({ url: `${filesUrl}/${name}`, mimeType, ...(alt ? { alt } : {}) });

beforeAll(async () => {
  files = http.createServer((req, res) => {
    const serve = (type: string, body: Uint8Array) => res.writeHead(200, { "content-type": type }).end(Buffer.from(body));
    if (req.url === "/pic.png") serve("image/png", PNG);
    else if (req.url === "/clip.mp4") serve("video/mp4", MP4);
    else if (req.url === "/words.mp4") serve("video/mp4", bytes.text());
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((ok) => files.listen(0, "127.0.0.1", ok));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  emu = await useEmulator([emulator]);
});
afterAll(async () => {
  await emu.stop();
  await new Promise((ok) => files.close(ok));
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
  emu.state.accessTtlSeconds = 7200;
});

describe("Threads sign-in and token lifecycle", () => {
  it("asks for comma-separated scopes at /oauth/authorize without PKCE", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/threads/oauth/authorize");
    expect(url.searchParams.get("scope")).toBe(
      "threads_basic,threads_content_publish,threads_manage_replies,threads_read_replies,threads_manage_insights",
    );
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("exchanges the one-hour token for a long-lived one at once, kept as its own refresh token", async () => {
    emu.state.accessTtlSeconds = 5_183_944;
    const auth = await signIn("th.robin");
    expect(auth).toMatchObject({ username: "th.robin", name: "th robin", picture: expect.stringContaining("/avatar/") });
    expect(auth.refreshToken).toBe(auth.accessToken);
    // Told a few days short of the real 60 days, so the periodic refresh runs with room to spare.
    expect(auth.expiresIn).toBe(5_183_944 - 3 * 86_400);
    // Only the exchanged token is refreshable: the emulator refuses a short-lived one (so this proves the exchange happened).
    const fresh = await provider.refreshToken(auth.refreshToken!);
    expect(fresh.accessToken).not.toBe(auth.accessToken);
    expect(fresh.refreshToken).toBe(fresh.accessToken);
    const again = await provider.refreshToken(fresh.refreshToken!);
    expect(again.accessToken).toMatch(/^threads_at_/);
  });

  it("strips the #_ Threads appends to the code", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "hash", codeVerifier: "v" });
    const back = await authorizeInEmulator(emu, start.url, { username: "th_hash" });
    const auth = await provider.authenticate({ code: `${back.searchParams.get("code")!}#_`, codeVerifier: "v", redirectUri: REDIRECT });
    expect(auth.username).toBe("th_hash");
  });

  it("a throttled refresh is tried again later, not a lost grant", async () => {
    const auth = await signIn();
    emu.state.faults.push({ platform: "threads", route: "refresh", kind: "rate-limit", times: 1, retryAfterSeconds: 60 });
    const e = await failure(provider.refreshToken(auth.refreshToken!));
    expect(e.kind).toBe("retry");
    expect((await provider.refreshToken(auth.refreshToken!)).accessToken).toBeTruthy();
  });

  it("a refresh of a revoked grant means reconnecting", async () => {
    const auth = await signIn();
    for (const g of emu.state.grants.values()) if (g.platform === "threads" && g.accountId === auth.id) g.revoked = true;
    const e = await failure(provider.refreshToken(auth.refreshToken!));
    expect(e.kind).toBe("disconnect");
  });
});

describe("publishing through containers", () => {
  it("publishes a text post with who may reply and its topic, and links to its permalink", async () => {
    const ch = access(await signIn());
    const made = await provider.post(ch, { text: "Hello Threads" }, settings({ replyControl: "mentioned_only", topicTag: "Launch" }));
    const [rec] = posts();
    expect(rec).toMatchObject({
      id: made.id,
      text: "Hello Threads",
      extra: { mediaType: "TEXT", replyControl: "mentioned_only", topicTag: "Launch" },
    });
    expect(made.url).toBe(`${emu.url}/threads/@${ch.username}/post/${made.id}`);
  });

  it("names the link card's page as link_attachment on a text post; the emulator takes it only there", async () => {
    const ch = access(await signIn());
    const card = { url: "https://news.example/card", title: "", description: "" };
    await provider.post(ch, { text: "Two links https://a.example/ https://news.example/card", linkCard: card }, settings({}));
    expect(posts()[0]!.extra).toMatchObject({ mediaType: "TEXT", linkAttachment: "https://news.example/card" });
    const form = (fields: Record<string, string>) =>
      fetch(`${emu.url}/threads/v1.0/${ch.internalId}/threads`, {
        method: "POST",
        headers: { authorization: `Bearer ${ch.accessToken}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      }).then(async (r) => [r.status, JSON.stringify(await r.json())] as const);
    expect(await form({ media_type: "TEXT", text: "x", link_attachment: "not a url" })).toEqual([
      400,
      expect.stringContaining("link_attachment must be a valid URL"),
    ]);
    expect(await form({ media_type: "IMAGE", image_url: "https://a.example/p.png", link_attachment: "https://a.example/" })).toEqual([
      400,
      expect.stringContaining("only allowed for media_type TEXT"),
    ]);
  });

  it("publishes an image Threads downloads from its URL, with its alt text", async () => {
    const ch = access(await signIn());
    await provider.post(ch, { text: "A picture", media: [file("pic.png", "image/png", "A test card")] }, settings());
    const [rec] = posts();
    expect(rec!.extra).toMatchObject({ mediaType: "IMAGE", altTexts: ["A test card"] });
    expect(rec!.extra!.mediaFetches).toEqual([expect.objectContaining({ url: `${filesUrl}/pic.png`, ok: true, sniffedType: "image/png" })]);
  });

  it("waits for a video to finish processing before publishing it", async () => {
    const ch = access(await signIn());
    const waits: number[] = [];
    const pause = provider.pause.bind(provider);
    provider.pause = (ms: number) => (waits.push(ms), pause(ms));
    try {
      await provider.post(ch, { text: "A clip", media: [file("clip.mp4", "video/mp4")] }, settings());
    } finally {
      provider.pause = pause;
    }
    expect(posts()[0]!.extra).toMatchObject({ mediaType: "VIDEO" });
    expect(waits.length).toBeGreaterThan(0);
  });

  it("reports a container that failed with Meta's reason, and publishes nothing", async () => {
    const ch = access(await signIn());
    const e = await failure(provider.post(ch, { text: "Broken clip", media: [file("words.mp4", "video/mp4")] }, settings()));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/Threads could not download the video from its link \(FAILED_DOWNLOADING_VIDEO\)/);
    expect(posts()).toHaveLength(0);
  });

  it("refuses an image Threads cannot fetch, in Threads' words", async () => {
    const ch = access(await signIn());
    const e = await failure(provider.post(ch, { text: "Gone", media: [file("missing.png", "image/png")] }, settings()));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/could not download the media .*could not be fetched from this URI/);
  });

  it("makes a carousel of item containers, images and videos mixed", async () => {
    const ch = access(await signIn());
    const media = [file("pic.png", "image/png"), file("clip.mp4", "video/mp4"), file("pic.png", "image/png")];
    await provider.post(ch, { text: "Three in one", media }, settings());
    const [rec] = posts();
    expect(rec!.extra).toMatchObject({ mediaType: "CAROUSEL" });
    expect(rec!.media).toHaveLength(3);
    expect((rec!.extra!.mediaFetches as unknown[]).length).toBe(3);
  });

  it("chains a thread: each follow-up replies to the previous post", async () => {
    const ch = access(await signIn());
    const first = await provider.post(ch, { text: "Part 1" }, settings({ replyControl: "everyone" }));
    const second = await provider.comment(ch, { text: "Part 2" }, first, first, settings({ replyControl: "everyone" }));
    const third = await provider.comment(ch, { text: "Part 3" }, second, first, settings());
    const [a, b, c] = posts();
    expect([a!.replyTo, b!.replyTo, c!.replyTo]).toEqual([undefined, first.id, second.id]);
    expect(c!.id).toBe(third.id);
    // Reply settings belong to the post that opens the thread.
    expect(b!.extra?.replyControl).toBeUndefined();
  });

  it("attaches a poll to a text post, and refuses one with media before any call", async () => {
    const ch = access(await signIn());
    await provider.post(ch, { text: "Tea or coffee?", poll: { options: ["Tea", "Coffee", "Both"], durationMinutes: 1440 } }, settings());
    expect(posts()[0]!.poll).toEqual({ option_a: "Tea", option_b: "Coffee", option_c: "Both" });
    const e = await failure(
      provider.post(
        ch,
        { text: "Pick", media: [file("pic.png", "image/png")], poll: { options: ["a", "b"], durationMinutes: 1440 } },
        settings(),
      ),
    );
    expect(e).toMatchObject({ kind: "bad-body", message: "Threads takes a poll only on a post without media" });
  });

  it("refuses more than 5 links before any call, as Threads would at container creation", async () => {
    const ch = access(await signIn());
    const text = [1, 2, 3, 4, 5, 6].map((i) => `https://site${i}.example/page`).join(" ");
    const e = await failure(provider.post(ch, { text }, settings()));
    expect(e).toMatchObject({ kind: "bad-body", message: "Threads takes at most 5 links in a post; the post has 6" });
    // Five, and the same link twice, are fine.
    await provider.post(ch, { text: `${text.split(" ").slice(0, 5).join(" ")} https://site1.example/page` }, settings());
    expect(posts()).toHaveLength(1);
  });

  it("holds a post back when the 250-posts-per-24-hours quota is used up, saying so", async () => {
    const ch = access(await signIn());
    for (let i = 0; i < 250; i++) emu.state.record({ platform: "threads", accountId: ch.internalId, text: `old ${i}`, media: [] });
    const e = await failure(provider.post(ch, { text: "One too many" }, settings()));
    expect(e.kind).toBe("retry");
    expect(e.details.retryAfterMs).toBe(60 * 60_000);
    expect(e.message).toMatch(/Threads allows 250 posts per 24 hours and this profile has used 250/);
    expect(posts().filter((p) => p.text === "One too many")).toHaveLength(0);
    // Replies have their own quota of 1,000.
    const reply = await provider.comment(
      ch,
      { text: "Still fine" },
      { id: posts()[0]!.id, url: "" },
      { id: posts()[0]!.id, url: "" },
      settings(),
    );
    expect(reply.id).toBeTruthy();
  });
});

describe("after a lost publish answer", () => {
  it("finds the post or the reply it made by reading them back, and nothing older", async () => {
    const ch = access(await signIn());
    const since = new Date();
    const root = await provider.post(ch, { text: "Lost answer" }, settings());
    const reply = await provider.comment(ch, { text: "Lost reply" }, root, root, settings());
    expect(await provider.findPublished(ch, { text: "Lost answer" }, { since })).toMatchObject({ id: root.id, url: root.url });
    expect(await provider.findPublished(ch, { text: "Lost reply" }, { since, parent: root })).toMatchObject({ id: reply.id });
    expect(await provider.findPublished(ch, { text: "Never made" }, { since })).toBeNull();
    expect(await provider.findPublished(ch, { text: "Lost answer" }, { since: new Date(Date.now() + 10 * 60_000) })).toBeNull();
  });
});

describe("insights", () => {
  it("reads followers, daily views and interactions for the account, and a post's counters", async () => {
    const ch = access(await signIn());
    const to = new Date();
    const { points, gaps } = await provider.analytics(ch, { from: new Date(to.getTime() - 3 * 86_400_000), to });
    expect(gaps).toEqual([]);
    const names = new Set(points.map((p) => p.metric));
    for (const m of ["followers", "views", "likes", "replies", "reposts", "quotes"]) expect(names).toContain(m);
    const made = await provider.post(ch, { text: "Counted" }, settings());
    const counters = await provider.postAnalytics(ch, made.id);
    expect(Object.keys(counters).sort()).toEqual(["likes", "quotes", "replies", "reposts", "shares", "views"]);
  });

  it("turns refused parts into gaps instead of failing", async () => {
    const ch = access(await signIn());
    emu.state.faults.push({ platform: "threads", route: "insights", kind: "server-error", times: 100, retryAfterSeconds: 0 });
    const to = new Date();
    const { gaps } = await provider.analytics(ch, { from: new Date(to.getTime() - 86_400_000), to });
    emu.state.faults = [];
    expect(gaps.map((g) => g.what)).toEqual(["follower count", "views", "interactions"]);
    expect(gaps[0]).toMatchObject({ kind: "unavailable", metrics: ["followers"] });
  });
});
