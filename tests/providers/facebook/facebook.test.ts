import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import emulator from "@/emulator/platforms/facebook";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { FacebookProvider } from "@/providers/facebook/facebook.provider";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider against the Facebook emulator (written from Meta's docs): Login with the long-lived
// exchange, the Page pick, Page tokens, photos by URL (downloaded by the emulator) or uploaded,
// several photos on one post, video, comments, read-back and insights with a retired metric.

const provider = new FacebookProvider();
let emu: Emulator;
let files: Server;
let filesUrl = "";
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/facebook/callback";
const PIC = png(64, 48);
// An ISO media header ("ftyp") is what makes the bytes a video to the emulator's fetch.
const CLIP = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypmp42"), Buffer.alloc(2000)]);

async function signIn(username = `fb_user${++n}`, dropScopes: string[] = []): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `s${n}`, codeVerifier: "v" });
  const back = await authorizeInEmulator(emu, start.url, { username, dropScopes });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: "v", redirectUri: REDIRECT });
}
/** A channel as the pick stores it now: the Page's own token, with no expiry. */
async function pageChannel(username?: string): Promise<ChannelAccess> {
  const auth = await signIn(username);
  const user: ChannelAccess = { id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken };
  const [listed] = await provider.pages(user);
  const page = await provider.fetchPageInformation(user, listed!.id);
  return { id: `ch-${page.id}`, internalId: page.id, accessToken: page.access!.accessToken, tokenExpiresAt: page.access!.expiresAt };
}
/** A channel picked before the Page token was stored: the long-lived user token and its expiry. */
async function userChannel(username?: string): Promise<ChannelAccess> {
  const auth = await signIn(username);
  const [page] = await provider.pages({ id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken });
  return {
    id: `ch-${page!.id}`,
    internalId: page!.id,
    accessToken: auth.accessToken,
    tokenExpiresAt: new Date(Date.now() + auth.expiresIn! * 1000),
  };
}
/** The Graph calls the provider makes while `run` runs. */
async function graphCalls(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(provider, "fetch");
  try {
    await run();
    return spy.mock.calls.map(([u]) => new URL(String(u)).pathname + new URL(String(u)).search);
  } finally {
    spy.mockRestore();
  }
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "facebook");
const graph = (path: string) => `${emu.url}/facebook/v24.0${path}`;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  files = createServer((req, res) => {
    if (req.url === "/pic.png") res.writeHead(200, { "content-type": "image/png" }).end(PIC);
    else if (req.url === "/clip.mp4") res.writeHead(200, { "content-type": "video/mp4" }).end(CLIP);
    else if (req.url === "/liar.png") res.writeHead(200, { "content-type": "image/png" }).end("not an image");
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => files.listen(0, "127.0.0.1", ok));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.stop();
  await new Promise((ok) => files.close(ok));
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("Facebook Login and the Page pick", () => {
  it("sends the user to the versioned dialog with comma-separated scopes and no PKCE", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/facebook/v24.0/dialog/oauth");
    expect(url.searchParams.get("scope")).toBe(
      "pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement,read_insights",
    );
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("keeps the long-lived user token (about 60 days), never the short-lived one, and asks for a Page pick", async () => {
    const auth = await signIn("robin");
    expect(auth.needsPagePick).toBe(true);
    expect(auth.expiresIn).toBe(5_183_944);
    // The long-lived token reads /me; it is a user token, so Page calls refuse it (code 210).
    const res = await fetch(graph(`/me`), { headers: { authorization: `Bearer ${auth.accessToken}` } });
    expect(res.status).toBe(200);
  });

  it("offers only the Pages the user may create content on", async () => {
    const auth = await signIn("pat");
    const pages = await provider.pages({ id: "c", internalId: "pending", accessToken: auth.accessToken });
    expect(pages.map((p) => p.name)).toEqual(["pat Page"]);
    const other = `${pages[0]!.id.slice(0, -2)}02`;
    const e = await failure(provider.fetchPageInformation({ id: "c", internalId: "pending", accessToken: auth.accessToken }, other));
    expect(e.message).toMatch(/Create content task/);
  });

  it("refuses a login whose user unticked a needed permission", async () => {
    await expect(signIn("unticked", ["pages_manage_posts"])).rejects.toThrow(/pages_manage_posts/);
  });

  it("the emulator refuses a user token on a Page call with Meta's (#210)", async () => {
    const ch = await userChannel();
    const res = await fetch(graph(`/${ch.internalId}/feed`), {
      method: "POST",
      headers: { authorization: `Bearer ${ch.accessToken}`, "content-type": "application/x-www-form-urlencoded" },
      body: "message=hi",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(210);
  });

  it("the pick returns the Page's own token, with no expiry, never the user's", async () => {
    const auth = await signIn("pia");
    const user: ChannelAccess = { id: "c", internalId: `pending:${auth.id}`, accessToken: auth.accessToken };
    const [listed] = await provider.pages(user);
    expect(listed).not.toHaveProperty("access");
    const page = await provider.fetchPageInformation(user, listed!.id);
    expect(page.access).toMatchObject({ refreshToken: null, expiresAt: null });
    expect(page.access!.accessToken).not.toBe(auth.accessToken);
    // It is a Page token of that Page: a Page call takes it.
    const res = await fetch(graph(`/${page.id}/feed`), {
      method: "POST",
      headers: { authorization: `Bearer ${page.access!.accessToken}`, "content-type": "application/x-www-form-urlencoded" },
      body: "message=with the page token",
    });
    expect(res.status).toBe(200);
  });
});

describe("which stored token a channel holds", () => {
  it("publishes, comments and collects with the stored Page token, never reading a Page token first", async () => {
    const ch = await pageChannel();
    const calls = await graphCalls(async () => {
      const post = await provider.post(ch, { text: "With the kept Page token" }, {});
      await provider.comment(ch, { text: "and a comment" }, post, post, {});
      await provider.postAnalytics!(ch, post.id);
      const to = new Date();
      await provider.analytics!(ch, { from: new Date(to.getTime() - 86_400_000), to });
    });
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.filter((c) => c.includes("fields=access_token"))).toEqual([]);
    expect(posts().map((p) => p.text)).toContain("With the kept Page token");
  });

  it("a channel picked before (the user token, with its expiry) still reads the Page token, then publishes", async () => {
    const ch = await userChannel();
    const calls = await graphCalls(() => provider.post(ch, { text: "Older channel" }, {}));
    expect(calls.filter((c) => c.includes("fields=access_token"))).toHaveLength(1);
    expect(posts()[0]!.text).toBe("Older channel");
  });

  it("a user token taken for a Page token fails the way Facebook says (#210), not silently", async () => {
    const ch = await userChannel();
    const e = await failure(provider.post({ ...ch, tokenExpiresAt: null }, { text: "wrong token" }, {}));
    expect(e).toBeInstanceOf(ProviderError);
    expect(posts()).toHaveLength(0);
  });
});

describe("publishing as the Page", () => {
  it("posts text, and a link post with the link setting", async () => {
    const ch = await pageChannel();
    const a = await provider.post(ch, { text: "Hello Page" }, {});
    expect(a.id).toMatch(new RegExp(`^${ch.internalId}_\\d+$`));
    expect(a.url).toBe(`https://www.facebook.com/${a.id}`);
    await provider.post(ch, { text: "Read this" }, { link: "https://example.com/a" });
    expect(posts().map((p) => [p.text, p.extra?.kind, p.extra?.link])).toEqual([
      ["Hello Page", "status", undefined],
      ["Read this", "link", "https://example.com/a"],
    ]);
  });

  it("refuses a link with media before calling Facebook", async () => {
    const ch = await pageChannel();
    const e = await failure(
      provider.post(ch, { text: "x", media: [{ url: `${filesUrl}/pic.png`, mimeType: "image/png" }] }, { link: "https://example.com" }),
    );
    expect(e.kind).toBe("bad-body");
    expect(posts()).toHaveLength(0);
  });

  it("publishes one photo by URL (the emulator downloads it) with its caption and alt text", async () => {
    const ch = await pageChannel();
    const r = await provider.post(
      ch,
      { text: "A photo", media: [{ url: `${filesUrl}/pic.png`, mimeType: "image/png", alt: "a test card" }] },
      {},
    );
    const [p] = posts();
    expect(r.id).toBe(p!.id);
    expect(p!.extra).toMatchObject({ kind: "photo", alt: "a test card" });
    expect((p!.extra!.mediaFetches as { ok: boolean }[])[0]!.ok).toBe(true);
  });

  it("uploads the bytes when there is no public address", async () => {
    const ch = await pageChannel();
    await provider.post(ch, { text: "Uploaded", media: [{ mimeType: "image/png", bytes: new Uint8Array(PIC) }] }, {});
    expect(posts()[0]!.media[0]).toMatch(/^upload:[0-9a-f]{64}$/);
  });

  it("uses the server's signed URL when it has one", async () => {
    const ch = await pageChannel();
    await provider.post(
      ch,
      { text: "Signed", media: [{ mediaId: "m1", mimeType: "image/png", bytes: new Uint8Array(PIC) }] },
      {},
      { publicMediaUrl: async () => `${filesUrl}/pic.png` },
    );
    expect(posts()[0]!.media).toEqual([`${filesUrl}/pic.png`]);
  });

  it("fails with Meta's words when Facebook cannot fetch the photo", async () => {
    const ch = await pageChannel();
    const e = await failure(provider.post(ch, { text: "Broken", media: [{ url: `${filesUrl}/liar.png`, mimeType: "image/png" }] }, {}));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/#324/);
  });

  it("attaches several unpublished photos to one post, in order", async () => {
    const ch = await pageChannel();
    const media = [1, 2, 3].map((i) => ({ url: `${filesUrl}/pic.png`, mimeType: "image/png", alt: `p${i}` }));
    await provider.post(ch, { text: "Three photos", media }, {});
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      text: "Three photos",
      media: [`${filesUrl}/pic.png`, `${filesUrl}/pic.png`, `${filesUrl}/pic.png`],
    });
    expect(posts()[0]!.extra?.kind).toBe("photos");
  });

  it("comments under the post, each follow-up on the post itself", async () => {
    const ch = await pageChannel();
    const root = await provider.post(ch, { text: "Root" }, {});
    const c1 = await provider.comment!(ch, { text: "First comment" }, root, root, {});
    await provider.comment!(ch, { text: "Second comment" }, c1, root, {});
    expect(posts().map((p) => [p.text, p.replyTo])).toEqual([
      ["Root", undefined],
      ["First comment", root.id],
      ["Second comment", root.id],
    ]);
  });

  it("finds a post made before a lost answer by reading the feed back, and nothing for another text", async () => {
    const ch = await pageChannel();
    const since = new Date();
    const made = await provider.post(ch, { text: "Maybe lost" }, {});
    expect(await provider.findPublished!(ch, { text: "Maybe lost" }, { since })).toMatchObject({ id: made.id });
    expect(await provider.findPublished!(ch, { text: "Never made" }, { since })).toBeNull();
    const c = await provider.comment!(ch, { text: "Lost comment" }, made, made, {});
    expect(await provider.findPublished!(ch, { text: "Lost comment" }, { since, parent: c })).toMatchObject({ id: c.id });
  });

  it("waits as long as X-Business-Use-Case-Usage says when the Page is throttled (headers reach handleErrors)", async () => {
    const ch = await pageChannel();
    await injectFault(emu, { platform: "facebook", route: "post", kind: "rate-limit", retryAfterSeconds: 120 });
    const e = await failure(provider.post(ch, { text: "throttled" }, {}, { maxWaitMs: 1000 }));
    expect(e).toMatchObject({ kind: "retry" });
    expect(e.details.retryAfterMs).toBe(120_000);
    expect(posts()).toHaveLength(0);
  });

  it("reports a lost create as maybe published, never repeating it", async () => {
    const ch = await pageChannel();
    await injectFault(emu, { platform: "facebook", route: "post", kind: "server-error" });
    const e = await failure(provider.post(ch, { text: "5xx" }, {}));
    expect(e).toMatchObject({ kind: "retry" });
    expect(e.details.mayHavePublished).toBe(true);
  });
});

describe("video", () => {
  it("publishes a video by file_url when it has a public address", async () => {
    const ch = await pageChannel();
    const r = await provider.post(ch, { text: "A video", media: [{ url: `${filesUrl}/clip.mp4`, mimeType: "video/mp4" }] }, {});
    expect(r.url).toBe(`https://www.facebook.com/${ch.internalId}/videos/${r.id}`);
    expect(posts()[0]).toMatchObject({ text: "A video", media: [`${filesUrl}/clip.mp4`], extra: { kind: "video", via: "file_url" } });
  });

  it("with the Page token, sends a video's bytes as multipart source on the publish call", async () => {
    const ch = await pageChannel();
    await provider.post(ch, { text: "Sent video", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, {});
    expect(posts()[0]!.media).toEqual([`upload:${createHash("sha256").update(CLIP).digest("hex")}`]);
    expect(posts()[0]!.extra?.via).toBe("source");
  });

  it("with the user token (older channels), sends the bytes through the Resumable Upload API, the file arriving whole", async () => {
    const ch = await userChannel();
    await provider.post(ch, { text: "Uploaded video", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, {});
    expect(posts()[0]!.media).toEqual([`upload:${createHash("sha256").update(CLIP).digest("hex")}`]);
    expect(posts()[0]!.extra?.via).toBe("resumable-upload");
  });

  it("the emulator's upload session takes only the user's token and the offset where the upload stands", async () => {
    const ch = await userChannel();
    const open = await fetch(graph(`/emulator-client/uploads?file_name=a.mp4&file_length=10&file_type=video/mp4`), {
      method: "POST",
      headers: { authorization: `Bearer ${ch.accessToken}` },
    });
    const { id } = (await open.json()) as { id: string };
    expect(id).toMatch(/^upload:/);
    const wrong = await fetch(graph(`/${id}`), {
      method: "POST",
      headers: { authorization: `OAuth ${ch.accessToken}`, file_offset: "5" },
      body: new Uint8Array(5),
    });
    expect(JSON.stringify(await wrong.json())).toMatch(/file_offset must be 0/);
  });
});

describe("Reels and Stories (Post as)", () => {
  it("publishes a Reel by file_url through the upload host: start, upload, finish with video_state=PUBLISHED", async () => {
    const ch = await pageChannel();
    const r = await provider.post(
      ch,
      { text: "My reel", media: [{ url: `${filesUrl}/clip.mp4`, mimeType: "video/mp4" }] },
      { postAs: "reel" },
    );
    expect(r.url).toBe(`https://www.facebook.com/reel/${r.id}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ id: r.id, text: "My reel", media: [`${filesUrl}/clip.mp4`], extra: { kind: "reel" } });
    expect((posts()[0]!.extra!.mediaFetches as { ok: boolean }[])[0]!.ok).toBe(true);
  });

  it("uploads a Reel's bytes with offset and file_size when there is no public address", async () => {
    const ch = await pageChannel();
    await provider.post(ch, { text: "Bytes reel", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, { postAs: "reel" });
    expect(posts()[0]!.media[0]).toMatch(/^upload:[0-9a-f]{64}$/);
  });

  it("publishes a photo Story (unpublished photo, then photo_stories) and a video Story", async () => {
    const ch = await pageChannel();
    const a = await provider.post(ch, { text: "", media: [{ url: `${filesUrl}/pic.png`, mimeType: "image/png" }] }, { postAs: "story" });
    const b = await provider.post(
      ch,
      { text: "ignored", media: [{ url: `${filesUrl}/clip.mp4`, mimeType: "video/mp4" }] },
      { postAs: "story" },
    );
    expect(posts().map((p) => [p.id, p.extra?.kind])).toEqual([
      [a.id, "photo_story"],
      [b.id, "video_story"],
    ]);
    expect(b.warnings?.[0]).toMatch(/takes no text/);
  });

  it("refuses what a Reel or Story cannot carry on save, naming the setting", async () => {
    const ch = await pageChannel();
    expect(await provider.checkSettings!(ch, { postAs: "reel" }, [{ text: "x", mediaTypes: ["image/png"] }])).toEqual({
      postAs: "A Facebook Reel needs exactly one video",
    });
    expect(await provider.checkSettings!(ch, { postAs: "story" }, [{ text: "x", mediaTypes: [] }])).toHaveProperty("postAs");
    expect(await provider.checkSettings!(ch, { link: "https://e.com" }, [{ text: "x", mediaTypes: ["image/png"] }])).toHaveProperty("link");
    expect(await provider.checkSettings!(ch, { postAs: "reel" }, [{ text: "x", mediaTypes: ["video/mp4"] }])).toEqual({});
  });
});

describe("insights", () => {
  it("collects the current Page metrics by day, and post metrics summing reaction types", async () => {
    const ch = await pageChannel();
    const to = new Date();
    const m = await provider.analytics!(ch, { from: new Date(to.getTime() - 3 * 86_400_000), to });
    expect(m.gaps).toEqual([]);
    expect(new Set(m.points.map((p) => p.metric))).toEqual(new Set(["views", "reach", "engagements", "follower_gains", "followers"]));
    const post = await provider.post(ch, { text: "Measured" }, {});
    const figures = await provider.postAnalytics!(ch, post.id);
    expect(Object.keys(figures).sort()).toEqual(["clicks", "likes", "reach", "views"]);
  });

  it("the emulator refuses a retired metric with Meta's (#100) invalid metric error", async () => {
    const ch = await pageChannel();
    for (const metric of ["page_impressions", "page_fans", "page_engaged_users"]) {
      const res = await fetch(graph(`/${ch.internalId}/insights?metric=${metric}&period=day`), {
        headers: { authorization: `Bearer ${ch.accessToken}` },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/valid insights metric/);
    }
  });

  it("stores a gap for a metric that fails and keeps the others", async () => {
    const ch = await pageChannel();
    await injectFault(emu, { platform: "facebook", route: "insights", kind: "missing-scope" });
    const to = new Date();
    const m = await provider.analytics!(ch, { from: new Date(to.getTime() - 2 * 86_400_000), to }).catch(
      (e: unknown) => e as ProviderError,
    );
    // A permission refusal is an account problem: thrown, not stored as a gap.
    expect(m).toBeInstanceOf(ProviderError);
    emu.state.faults = [];
    await injectFault(emu, { platform: "facebook", route: "insights", kind: "duplicate" });
    const ok = await provider.analytics!(ch, { from: new Date(to.getTime() - 2 * 86_400_000), to });
    expect(ok.gaps).toHaveLength(1);
    expect(ok.points.length).toBeGreaterThan(0);
  });
});
