import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/tumblr";
import type { Emulator } from "@/emulator/server";
import type { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess, Page } from "@/providers/social.integrations.interface";
import { TumblrProvider } from "@/providers/tumblr/tumblr.provider";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { isoMedia, png } from "@/tests/helpers/media-bytes";

// The provider against the Tumblr emulator (written from api.md and npf-spec.md): OAuth 2 without
// PKCE and with rotating refresh tokens, the blog pick, NPF posts with formatting, files in one
// multipart request under their identifiers, the stored link and reblog key, the read-back of a
// lost create, and the notes and followers figures.

const provider = new TumblrProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/tumblr/callback";

async function signIn(username = `tumblr-user${++n}`): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
}
/** The channel once `page` (a blog) was picked: internalId is the blog's uuid, username its name. */
const blogAccess = (a: AuthResult, page: Page): ChannelAccess => ({
  id: `ch-${page.id}`,
  internalId: page.id,
  username: page.username,
  accessToken: a.accessToken,
});
async function connected(username?: string) {
  const a = await signIn(username);
  const [primary] = await provider.pages({ id: "pending", internalId: a.id, accessToken: a.accessToken });
  return { auth: a, channel: blogAccess(a, primary!) };
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "tumblr");
const contentOf = (i = 0) => posts()[i]!.extra!.content as Record<string, unknown>[];

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

describe("Tumblr sign-in and blog pick", () => {
  it("asks www.tumblr.com/oauth2/authorize for basic, write and offline_access, space-separated, without PKCE", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/tumblr/oauth2/authorize");
    expect(url.searchParams.get("scope")).toBe("basic write offline_access");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("reads the user, asks for a blog pick, and keeps the rotated refresh token", async () => {
    const a = await signIn("robin");
    expect(a).toMatchObject({ id: "robin", username: "robin", needsPagePick: true, refreshToken: expect.any(String) });
    const next = await provider.refreshToken(a.refreshToken!);
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(a.refreshToken);
    // The old one is spent.
    expect((await failure(provider.refreshToken(a.refreshToken!))).kind).toBe("disconnect");
  });

  it("offers each blog, the primary first, by uuid, and refuses a blog not among them", async () => {
    const a = await signIn("kim");
    const access = { id: "pending", internalId: a.id, accessToken: a.accessToken };
    const pages = await provider.pages(access);
    expect(pages.map((p) => p.username)).toEqual(["kim", "kim-art"]);
    for (const p of pages) expect(p.id).toMatch(/^t:/);
    expect(await provider.fetchPageInformation(access, pages[1]!.id)).toEqual(pages[1]);
    expect((await failure(provider.fetchPageInformation(access, "t:someone-else"))).kind).toBe("bad-body");
  });
});

describe("Tumblr NPF posts", () => {
  it("publishes Markdown as NPF text blocks with formatting, title first, then the link block, tags as a string", async () => {
    const { channel } = await connected("writer");
    const r = await provider.post(
      channel,
      { text: "Hello **world**, see [this](https://example.com/a)\n\n- one\n- two" },
      { title: "My title", tags: ["art", "process"], link: "https://example.com/more", sourceUrl: "https://example.com/src" },
    );
    expect(contentOf()).toEqual([
      { type: "text", subtype: "heading1", text: "My title" },
      {
        type: "text",
        text: "Hello world, see this",
        formatting: [
          { start: 6, end: 11, type: "bold" },
          { start: 17, end: 21, type: "link", url: "https://example.com/a" },
        ],
      },
      { type: "text", text: "one", subtype: "unordered-list-item" },
      { type: "text", text: "two", subtype: "unordered-list-item" },
      { type: "link", url: "https://example.com/more" },
    ]);
    expect(posts()[0]!.extra).toMatchObject({ tags: ["art", "process"], state: "published", source_url: "https://example.com/src" });
    // The stored result: Tumblr's post_url, and what a reblog needs.
    expect(r.id).toMatch(/^\d+$/);
    expect(r.url).toBe(`${emu.url}/tumblr/writer/post/${r.id}`);
    expect(r.ref).toMatchObject({ blogUuid: channel.internalId, postId: r.id, reblogKey: expect.any(String) });
    expect((await fetch(r.url)).status).toBe(200);
  });

  it("posts to the picked blog, not the primary one", async () => {
    const a = await signIn("two-blogs");
    const pages = await provider.pages({ id: "pending", internalId: a.id, accessToken: a.accessToken });
    const r = await provider.post(blogAccess(a, pages[1]!), { text: "On the art blog" }, {});
    expect(posts()[0]!.extra).toMatchObject({ blog: pages[1]!.id, blogName: "two-blogs-art" });
    expect(r.url).toContain("/two-blogs-art/post/");
  });

  it("uploads images and a video in one multipart request, each block naming its part by identifier", async () => {
    const { channel } = await connected("media");
    await provider.post(
      channel,
      {
        text: "Pictures",
        media: [
          { mimeType: "image/png", bytes: png(640, 480), alt: "First" },
          { mimeType: "image/png", bytes: png(20, 10) },
          { mimeType: "video/mp4", bytes: isoMedia("mp42") },
        ],
      },
      {},
    );
    expect(contentOf()).toEqual([
      { type: "image", media: [{ type: "image/png", identifier: "media-0", width: 640, height: 480 }], alt_text: "First" },
      { type: "image", media: [{ type: "image/png", identifier: "media-1", width: 20, height: 10 }] },
      { type: "video", provider: "tumblr", media: { type: "video/mp4", identifier: "media-2" } },
      { type: "text", text: "Pictures" },
    ]);
    expect(posts()[0]!.media).toHaveLength(3);
  });

  it("refuses a second video before calling Tumblr", async () => {
    const { channel } = await connected("two-videos");
    const video = { mimeType: "video/mp4", bytes: isoMedia("mp42") };
    expect((await failure(provider.post(channel, { text: "x", media: [video, video] }, {}))).kind).toBe("bad-body");
    expect(posts()).toHaveLength(0);
  });

  it("is refused, in Tumblr's words, when the daily posting limit is reached, and told to wait for the next day", async () => {
    const { channel } = await connected("busy");
    await provider.post(channel, { text: "first" }, {});
    // The emulator counts the account's posts of the day: fill the day up to 250.
    const accountId = posts()[0]!.accountId;
    for (let i = 0; i < 249; i++)
      emu.state.record({ platform: "tumblr", accountId, text: `p${i}`, media: [], extra: { blog: channel.internalId } });
    const e = await failure(provider.post(channel, { text: "one too many" }, {}));
    expect(e).toMatchObject({ kind: "retry", message: expect.stringMatching(/daily posting limit/) });
    expect(e.details.retryAfterMs).toBeGreaterThan(60_000);
  });

  it("finds a post whose create answer was lost, by its text and time, with or without a title block", async () => {
    const { channel } = await connected("lost");
    const since = new Date();
    await injectFault(emu, { platform: "tumblr", route: "post", kind: "timeout", processed: true, delayMs: 3000 });
    process.env.PROVIDER_TIMEOUT_MS = "500";
    const e = await failure(provider.post(channel, { text: "Lost *post*" }, { title: "Heading" }));
    delete process.env.PROVIDER_TIMEOUT_MS;
    expect(e.details.mayHavePublished).toBe(true);
    const found = await provider.findPublished(channel, { text: "Lost *post*" }, { since });
    expect(found?.id).toBe(posts()[0]!.id);
    expect(found?.url).toContain(`/lost/post/${found!.id}`);
    expect(await provider.findPublished(channel, { text: "Never posted" }, { since })).toBeNull();
    expect(await provider.findPublished(channel, { text: "Lost *post*" }, { since: new Date(Date.now() + 600_000) })).toBeNull();
  });
});

describe("Tumblr emulator checks (from the NPF spec)", () => {
  const create = async (token: string, body: BodyInit, type?: string) =>
    fetch(`${emu.url}/tumblr/v2/blog/checks/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}) },
      body,
    });

  it("refuses formatting outside the text, an identifier without its part, and a non-array content", async () => {
    const a = await signIn("checks");
    const json = (content: unknown) => JSON.stringify({ content });
    const outside = await create(
      a.accessToken,
      json([{ type: "text", text: "abc", formatting: [{ start: 1, end: 9, type: "bold" }] }]),
      "application/json",
    );
    expect(outside.status).toBe(400);
    expect((await outside.json()).errors[0]).toMatchObject({ code: 8001, detail: expect.stringMatching(/outside the block's text/) });
    const form = new FormData();
    form.set(
      "json",
      new Blob([json([{ type: "image", media: [{ type: "image/png", identifier: "pic" }] }])], { type: "application/json" }),
    );
    form.set("other", new Blob([png(2, 2).slice()], { type: "image/png" }), "x.png");
    const orphan = await create(a.accessToken, form);
    expect((await orphan.json()).errors[0].detail).toMatch(/'pic' names no part/);
    const notArray = await create(a.accessToken, JSON.stringify({ content: "hi" }), "application/json");
    expect((await notArray.json()).errors[0]).toMatchObject({ title: "Bad Request", code: 8001, detail: "'content' must be an array'" });
  });
});

describe("Tumblr analytics", () => {
  it("reads a post's notes and the blog's followers, and turns a refused followers read into a gap", async () => {
    const { channel } = await connected("stats");
    const r = await provider.post(channel, { text: "Measured" }, {});
    expect(await provider.postAnalytics(channel, r.id)).toEqual({ notes: expect.any(Number) });
    const m = await provider.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() });
    expect(m).toEqual({ points: [expect.objectContaining({ metric: "followers", value: 1200 })], gaps: [] });
    await injectFault(emu, { platform: "tumblr", route: "followers", kind: "server-error", times: 5 });
    const gap = await provider.analytics(channel, { from: new Date(Date.now() - 86_400_000), to: new Date() });
    expect(gap.points).toEqual([]);
    expect(gap.gaps[0]).toMatchObject({ metrics: ["followers"], kind: "unavailable" });
  });
});

describe("Tumblr public reads", () => {
  it("answers GET /posts with the consumer key alone, and refuses it without one", async () => {
    const { channel } = await connected("public");
    await provider.post(channel, { text: "Open to all" }, {});
    const base = `${emu.url}/tumblr/v2/blog/public.tumblr.com/posts`;
    const ok = await fetch(`${base}?api_key=emulator-client&npf=true`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).response.posts[0]).toMatchObject({ blog_name: "public", post_url: expect.stringContaining("/public/post/") });
    expect((await fetch(base)).status).toBe(401);
  });
});
