import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/reddit";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { redditWindow, resetRedditWindow } from "@/providers/reddit/reddit.api";
import { RedditProvider } from "@/providers/reddit/reddit.provider";
import type { RedditSettings } from "@/providers/reddit/reddit.settings";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";
import { rulesText } from "@/lib/composer/rules-text";
import { checkVariant } from "@/lib/posts/variant-rules";
import { RedditApi } from "@/providers/reddit/reddit.api";
import { redditManifest } from "@/providers/reddit/reddit.manifest";
import { uploadMedia } from "@/providers/reddit/reddit.media";
import { isoMedia, png } from "@/tests/helpers/media-bytes";

// The provider against the Reddit emulator (written from the documentation): the permanent grant
// and User-Agent, a subreddit's rules checked before anything is submitted, image posts through
// the media lease and read back, comments, choices, and the X-Ratelimit window.

const provider = new RedditProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/reddit/callback";

async function signIn(username = `reddit_user${++n}`): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `s-${n}`, codeVerifier: "v" });
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
const posts = () => emu.state.posts.filter((p) => p.platform === "reddit");
const settings = (s: Partial<RedditSettings> = {}): RedditSettings => ({ subreddit: "postmill_sandbox", title: "A title", ...s });

beforeAll(async () => {
  emu = await useEmulator([emulator]);
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
  delete process.env.REDDIT_USER_AGENT;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
  emu.state.media.clear();
  resetRedditWindow();
});

describe("Reddit sign-in", () => {
  it("asks for a permanent grant with the scopes it needs, and gets a refresh token", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" });
    const q = new URL(start.url).searchParams;
    expect(q.get("duration")).toBe("permanent");
    expect(q.get("scope")).toBe("identity submit read flair mysubreddits");
    const auth = await signIn("spez_like");
    expect(auth).toMatchObject({ name: "spez_like", username: "spez_like", refreshToken: expect.any(String) });
    expect(auth.picture).not.toMatch(/[?&]/);
  });

  it("a generic User-Agent is refused by Reddit; the configured one is sent on every call", async () => {
    process.env.REDDIT_USER_AGENT = "Mozilla/5.0";
    try {
      const e = await failure(signIn());
      expect(e.message).toMatch(/User-Agent/);
    } finally {
      process.env.REDDIT_USER_AGENT = "web:com.example.scheduler:v2.1 (by /u/operator)";
    }
    await expect(signIn()).resolves.toMatchObject({ accessToken: expect.any(String) });
    delete process.env.REDDIT_USER_AGENT;
  });
});

describe("Reddit submissions", () => {
  it("a text post converts the markdown and stores the t3 name for comments", async () => {
    const ch = access(await signIn());
    const p = await provider.post(
      ch,
      { text: "2^10 **bits**" },
      settings({ flair: "postmill_sandbox:0b9f7c3e-1111-4a2b-9c1d-000000000002" }),
    );
    expect(posts()[0]).toMatchObject({ id: p.id, text: "2\\^10 **bits**" });
    expect(posts()[0]!.extra).toMatchObject({ subreddit: "postmill_sandbox", title: "A title", kind: "self", flair: expect.any(String) });
    expect(p.ref?.name).toBe(`t3_${p.id}`);
    const c = await provider.comment(ch, { text: "a follow-up" }, p, p, settings());
    expect(posts()[1]).toMatchObject({ id: c.id, replyTo: p.id });
  });

  it("a subreddit that requires flair is refused before anything is submitted", async () => {
    const ch = access(await signIn());
    const e = await failure(provider.post(ch, { text: "hi" }, settings({ subreddit: "flair_required" })));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/r\/flair_required: post flair is required/);
    const wrong = await failure(
      provider.post(
        ch,
        { text: "hi" },
        settings({ subreddit: "flair_required", flair: "postmill_sandbox:0b9f7c3e-1111-4a2b-9c1d-000000000001" }),
      ),
    );
    expect(wrong.message).toMatch(/belongs to r\/postmill_sandbox/);
    expect(posts()).toHaveLength(0);
    await provider.post(
      ch,
      { text: "hi" },
      settings({ subreddit: "flair_required", flair: "flair_required:5c2d7e10-2222-4b3c-8d2e-000000000003" }),
    );
    expect(posts()).toHaveLength(1);
  });

  it("a text-only subreddit refuses an image before it is uploaded", async () => {
    const ch = access(await signIn());
    const e = await failure(
      provider.post(ch, { text: "", media: [{ mimeType: "image/png", bytes: png(10, 10) }] }, settings({ subreddit: "text_only" })),
    );
    expect(e.message).toMatch(/r\/text_only: only text posts are allowed/);
    expect(emu.state.media.size).toBe(0);
  });

  it("an unknown subreddit is Reddit's 404, named", async () => {
    const ch = access(await signIn());
    const e = await failure(provider.post(ch, { text: "x" }, settings({ subreddit: "no_such_sub" })));
    expect(e.kind).toBe("bad-body");
  });

  it("an image goes up through the lease and S3 form; the post, answered without an id, is read back", async () => {
    const ch = access(await signIn());
    const p = await provider.post(
      ch,
      { text: "look", media: [{ mimeType: "image/png", bytes: png(64, 48), alt: "a square" }] },
      settings(),
    );
    const [rec] = posts();
    expect(rec).toMatchObject({ id: p.id, text: "look", media: [expect.any(String)] });
    expect(rec!.extra).toMatchObject({ kind: "image", url: expect.stringContaining("/s3/rte_images/") });
    expect(p.warnings?.[0]).toMatch(/alt text/);
  });

  it("a link post sends the URL; a repeated link is refused with ALREADY_SUB", async () => {
    const ch = access(await signIn());
    await provider.post(ch, { text: "" }, settings({ url: "https://example.com/a" }));
    expect(posts()[0]!.extra).toMatchObject({ kind: "link", url: "https://example.com/a" });
    const e = await failure(provider.post(ch, { text: "" }, settings({ url: "https://example.com/a" })));
    expect(e.message).toMatch(/ALREADY_SUB/);
  });

  it("lists the subscribed subreddits and every one's flairs as choices", async () => {
    const ch = access(await signIn());
    const subs = await provider.settingsChoices(ch, "subreddit");
    expect(subs.map((s) => s.value)).toEqual(["postmill_sandbox", "flair_required", "text_only", "no_videos"]);
    const flairs = await provider.settingsChoices(ch, "flair");
    expect(flairs).toContainEqual({ value: "flair_required:5c2d7e10-2222-4b3c-8d2e-000000000003", label: "r/flair_required — Question" });
  });

  it("post analytics read the score and comment count", async () => {
    const ch = access(await signIn());
    const p = await provider.post(ch, { text: "measured" }, settings());
    await provider.comment(ch, { text: "one" }, p, p, settings());
    const figures = await provider.postAnalytics(ch, p.id);
    expect(figures).toMatchObject({ comments: 1, score: expect.any(Number), upvotes: expect.any(Number) });
  });
});

describe("Reddit video posts", () => {
  const video = () => ({ mimeType: "video/mp4", bytes: isoMedia("mp42") });
  const poster = () => ({ mimeType: "image/png", bytes: png(32, 18) });

  it("a video and its poster image go up through the lease; kind=video names both; the post is read back", async () => {
    const ch = access(await signIn());
    const p = await provider.post(ch, { text: "watch", media: [poster(), video()] }, settings());
    const [rec] = posts();
    expect(rec).toMatchObject({ id: p.id, text: "watch", media: [expect.any(String), expect.any(String)] });
    expect(rec!.extra).toMatchObject({
      kind: "video",
      url: expect.stringMatching(/\/s3\/rte_images\/.+\/video\.mp4$/),
      poster: expect.stringMatching(/\/s3\/rte_images\/.+\/image\.png$/),
    });
    expect(p.url).toContain(`/comments/${p.id}/`);
    expect([...emu.state.media.values()].map((m) => m.mimeType).sort()).toEqual(expect.arrayContaining(["image/png", "video/mp4"]));
  });

  it("videogif submits the video as Reddit's silent loop; the setting without a video is refused", async () => {
    const ch = access(await signIn());
    await provider.post(ch, { text: "", media: [video(), poster()] }, settings({ videogif: true }));
    expect(posts()[0]!.extra).toMatchObject({ kind: "videogif" });
    const e = await failure(provider.post(ch, { text: "x" }, settings({ videogif: true })));
    expect(e.message).toMatch(/no video/);
    expect(await provider.checkSettings(ch, settings({ videogif: true }), [{ text: "x", mediaTypes: [] }])).toEqual({
      videogif: expect.stringMatching(/no video/),
    });
  });

  it("a video without a poster is refused before scheduling (the composer's rule), when publishing, and by Reddit", async () => {
    const rules = { ...redditManifest, threads: redditManifest.threads, polls: null, maxLength: redditManifest.maxLength };
    const problems = (media: { mimeType: string }[]) => checkVariant("r/test (Reddit)", rules, [{ text: "t", media }]);
    expect(problems([{ mimeType: "video/mp4" }])["items.0.media"]).toMatch(/a video needs one image as its poster/);
    expect(problems([{ mimeType: "video/mp4" }, { mimeType: "image/png" }])).toEqual({});
    expect(problems([{ mimeType: "image/png" }])).toEqual({});
    expect(problems([{ mimeType: "image/png" }, { mimeType: "image/jpeg" }])["items.0.media"]).toMatch(/at most 1 image/);
    expect(problems([{ mimeType: "video/mp4" }, { mimeType: "video/mp4" }])["items.0.media"]).toMatch(/at most 1 video/);
    expect(rulesText(redditManifest)).toContain("a video needs one image beside it as its poster");

    const ch = access(await signIn());
    const e = await failure(provider.post(ch, { text: "", media: [video()] }, settings()));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/needs one image beside it as its poster/);
    expect(emu.state.media.size).toBe(0);

    // Reddit itself: a video asset from the lease, submitted without video_poster_url.
    const api = new RedditApi(provider, ch.accessToken);
    const url = await uploadMedia(provider, api, video());
    const refused = await failure(
      api.form("/api/submit", { sr: "postmill_sandbox", kind: "video", title: "no poster", url }, "submit", { idempotent: false }),
    );
    expect(refused.message).toMatch(/NO_URL.*\(video_poster_url\)/);
    // A poster that did not come through the lease is refused as well.
    const foreign = await failure(
      api.form(
        "/api/submit",
        { sr: "postmill_sandbox", kind: "video", title: "bad poster", url, video_poster_url: "https://example.com/p.jpg" },
        "submit",
        { idempotent: false },
      ),
    );
    expect(foreign.message).toMatch(/BAD_URL.*\(video_poster_url\)/);
    expect(posts()).toHaveLength(0);
  });

  it("a subreddit with allow_videos off refuses a video before scheduling and before anything is uploaded", async () => {
    const ch = access(await signIn());
    const check = await provider.checkSettings(ch, settings({ subreddit: "no_videos" }), [
      { text: "", mediaTypes: ["video/mp4", "image/png"] },
    ]);
    expect(check).toEqual({ subreddit: "r/no_videos: video posts are not allowed" });
    const e = await failure(provider.post(ch, { text: "", media: [video(), poster()] }, settings({ subreddit: "no_videos" })));
    expect(e.message).toMatch(/r\/no_videos: video posts are not allowed/);
    expect(emu.state.media.size).toBe(0);
    // The same subreddit takes an image.
    await provider.post(ch, { text: "", media: [poster()] }, settings({ subreddit: "no_videos" }));
    expect(posts()[0]!.extra).toMatchObject({ kind: "image", subreddit: "no_videos" });
  });
});

describe("Reddit's X-Ratelimit window", () => {
  it("reads decimal counts and a reset in seconds from now", () => {
    const w = redditWindow(new Headers({ "x-ratelimit-used": "4", "x-ratelimit-remaining": "596.0", "x-ratelimit-reset": "120" }), 0);
    expect(w).toEqual({ limit: 600, remaining: 596, resetAt: new Date(120_000) });
  });

  it("waits only when no requests remain: a long wait is handed back as a retry, nothing sent", async () => {
    const ch = access(await signIn());
    resetRedditWindow({ remaining: 5, resetAt: new Date(Date.now() + 600_000) });
    await provider.post(ch, { text: "fine" }, settings());
    resetRedditWindow({ remaining: 0, resetAt: new Date(Date.now() + 600_000) });
    const e = await failure(provider.post(ch, { text: "held" }, settings()));
    expect(e).toMatchObject({ kind: "retry" });
    expect(e.details.retryAfterMs).toBeGreaterThan(590_000);
    expect(posts().map((p) => p.text)).toEqual(["fine"]);
  });
});
