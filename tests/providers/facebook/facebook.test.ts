import { describe, expect, it } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { injectFault } from "@/tests/helpers/emulator";
import {
  provider,
  fb,
  PIC,
  signIn,
  pageChannel,
  userChannel,
  graphCalls,
  failure,
  posts,
  graph,
  withFacebookEmulator,
  REDIRECT,
} from "./fixture";

// The provider against the Facebook emulator (written from Meta's docs): Login with the long-lived
// exchange, the Page pick, Page tokens, photos by URL (downloaded by the emulator) or uploaded,
// several photos on one post, comments, read-back and insights with a retired metric.
withFacebookEmulator();

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

  it("names the post's link card as its link, unless the link setting names another", async () => {
    const ch = await pageChannel();
    const card = { url: "https://news.example/card", title: "", description: "" };
    await provider.post(ch, { text: "Card https://news.example/card", linkCard: card }, {});
    await provider.post(ch, { text: "Setting wins https://news.example/card", linkCard: card }, { link: "https://example.com/b" });
    expect(posts().map((p) => [p.extra?.kind, p.extra?.link])).toEqual([
      ["link", "https://news.example/card"],
      ["link", "https://example.com/b"],
    ]);
  });

  it("refuses a link with media before calling Facebook", async () => {
    const ch = await pageChannel();
    const e = await failure(
      provider.post(ch, { text: "x", media: [{ url: `${fb.filesUrl}/pic.png`, mimeType: "image/png" }] }, { link: "https://example.com" }),
    );
    expect(e.kind).toBe("bad-body");
    expect(posts()).toHaveLength(0);
  });

  it("publishes one photo by URL (the emulator downloads it) with its caption and alt text", async () => {
    const ch = await pageChannel();
    const r = await provider.post(
      ch,
      { text: "A photo", media: [{ url: `${fb.filesUrl}/pic.png`, mimeType: "image/png", alt: "a test card" }] },
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
      { publicMediaUrl: async () => `${fb.filesUrl}/pic.png` },
    );
    expect(posts()[0]!.media).toEqual([`${fb.filesUrl}/pic.png`]);
  });

  it("fails with Meta's words when Facebook cannot fetch the photo", async () => {
    const ch = await pageChannel();
    const e = await failure(provider.post(ch, { text: "Broken", media: [{ url: `${fb.filesUrl}/liar.png`, mimeType: "image/png" }] }, {}));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/#324/);
  });

  it("attaches several unpublished photos to one post, in order", async () => {
    const ch = await pageChannel();
    const media = [1, 2, 3].map((i) => ({ url: `${fb.filesUrl}/pic.png`, mimeType: "image/png", alt: `p${i}` }));
    await provider.post(ch, { text: "Three photos", media }, {});
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      text: "Three photos",
      media: [`${fb.filesUrl}/pic.png`, `${fb.filesUrl}/pic.png`, `${fb.filesUrl}/pic.png`],
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
    await injectFault(fb.emu, { platform: "facebook", route: "post", kind: "rate-limit", retryAfterSeconds: 120 });
    const e = await failure(provider.post(ch, { text: "throttled" }, {}, { maxWaitMs: 1000 }));
    expect(e).toMatchObject({ kind: "retry" });
    expect(e.details.retryAfterMs).toBe(120_000);
    expect(posts()).toHaveLength(0);
  });

  it("reports a lost create as maybe published, never repeating it", async () => {
    const ch = await pageChannel();
    await injectFault(fb.emu, { platform: "facebook", route: "post", kind: "server-error" });
    const e = await failure(provider.post(ch, { text: "5xx" }, {}));
    expect(e).toMatchObject({ kind: "retry" });
    expect(e.details.mayHavePublished).toBe(true);
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
    await injectFault(fb.emu, { platform: "facebook", route: "insights", kind: "missing-scope" });
    const to = new Date();
    const m = await provider.analytics!(ch, { from: new Date(to.getTime() - 2 * 86_400_000), to }).catch(
      (e: unknown) => e as ProviderError,
    );
    // A permission refusal is an account problem: thrown, not stored as a gap.
    expect(m).toBeInstanceOf(ProviderError);
    fb.emu.state.faults = [];
    await injectFault(fb.emu, { platform: "facebook", route: "insights", kind: "duplicate" });
    const ok = await provider.analytics!(ch, { from: new Date(to.getTime() - 2 * 86_400_000), to });
    expect(ok.gaps).toHaveLength(1);
    expect(ok.points.length).toBeGreaterThan(0);
  });
});
