import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import emulatorModule from "@/emulator/platforms/linkedin";
import { msUntilMidnightUtc } from "@/providers/linkedin/linkedin.errors";
import { channelFor, connect, png, rawRest, REDIRECT_URI, refreshingCtx } from "@/tests/helpers/platforms/linkedin";
import { LinkedInProvider } from "@/providers/linkedin/linkedin.provider";

const provider = new LinkedInProvider();
provider.timing = { processingWaitsMs: [0], video: { attempts: 3, intervalMs: 0 } };
let emu: Emulator;
let auth: AuthResult;
let channel: ChannelAccess;

const posts = () => emu.state.posts.filter((p) => p.platform === "linkedin");
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a ProviderError"),
    (e: unknown) => e as ProviderError,
  );
let n = 0;
const unique = (text: string) => `${text} #${++n}`;

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
  auth = await connect(emu, provider, { username: "ada_lovelace" });
  channel = channelFor(auth);
});
afterAll(() => emu.stop());
afterEach(() => {
  delete process.env.LINKEDIN_API_VERSION;
});

describe("LinkedIn connect", () => {
  it("authorizes at the emulated /oauth/v2/authorization with space-separated scopes and no PKCE", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s1", codeVerifier: "v".repeat(43) });
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/linkedin/oauth/v2/authorization`);
    expect(url.searchParams.get("scope")).toBe("openid profile w_member_social");
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("reads the member from /v2/userinfo and keeps LinkedIn's 60-day token and refresh token", () => {
    const acc = emu.state.getAccount("linkedin", auth.id)!;
    expect(auth).toMatchObject({ id: acc.id, name: "ada lovelace", expiresIn: 5_184_000 });
    expect(auth.picture).toMatch(/^http/);
    expect(auth.refreshToken).toBeTruthy();
    expect(auth.scopes).toEqual(expect.arrayContaining(["openid", "profile", "w_member_social"]));
    expect(auth.needsPagePick).toBeUndefined();
  });

  it("comes back with error=access_denied when the member denies", async () => {
    const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s2", codeVerifier: "v".repeat(43) });
    const back = await authorizeInEmulator(emu, start.url, { deny: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s2");
  });

  it("refuses a grant without w_member_social", async () => {
    await expect(connect(emu, provider, { dropScopes: ["w_member_social"] })).rejects.toBeInstanceOf(MissingScopesError);
  });

  it("refreshes the token with the refresh token LinkedIn issued", async () => {
    const a = await connect(emu, provider, { username: "refresher" });
    const t = await provider.refreshToken(a.refreshToken!);
    expect(t.accessToken).not.toBe(a.accessToken);
    expect(t.expiresIn).toBe(5_184_000);
  });
});

describe("LinkedIn publishing", () => {
  it("posts text as the member, escaped as little text, so LinkedIn shows it whole", async () => {
    const text = unique("Launch (beta) @team [v2] *bold* _it_ ~x~ <b> {a|b} back\\slash");
    const res = await provider.post(channel, { text }, { visibility: "CONNECTIONS" });
    const rec = posts().at(-1)!;
    expect(rec).toMatchObject({
      id: res.id,
      text,
      accountId: auth.id,
      extra: { author: `urn:li:person:${auth.id}`, visibility: "CONNECTIONS" },
    });
    expect(rec.extra!.commentary).toContain("\\(beta\\) \\@team \\[v2\\]");
    expect(res.id).toMatch(/^urn:li:share:/);
    expect(res.url).toBe(`https://www.linkedin.com/feed/update/${res.id}`);
  });

  it("posts one image as content.media, with its alt text", async () => {
    await provider.post(channel, { text: unique("One image"), media: [png("a red dot")] }, { visibility: "PUBLIC" });
    const rec = posts().at(-1)!;
    expect(rec.media).toHaveLength(1);
    expect(rec.media[0]).toMatch(/^urn:li:image:/);
    expect(emu.state.media.get(rec.media[0]!)).toMatchObject({ mimeType: "image/png", size: expect.any(Number) });
  });

  it("posts a link card as content.article, its picture uploaded as the thumbnail image", async () => {
    const picture = png();
    const card = {
      url: "https://news.example/a",
      title: "Tea & biscuits",
      description: "All about tea",
      image: { bytes: picture.bytes!, mimeType: "image/png" },
    };
    const res = await provider.post(channel, { text: unique("Read https://news.example/a"), linkCard: card }, { visibility: "PUBLIC" });
    expect(res.warnings).toBeUndefined();
    const article = posts().at(-1)!.extra!.article as Record<string, string>;
    expect(article).toMatchObject({ source: card.url, title: "Tea & biscuits", description: "All about tea" });
    expect(article.thumbnail).toMatch(/^urn:li:image:/);
    expect(emu.state.media.get(article.thumbnail!)).toMatchObject({ mimeType: "image/png" });

    // A picture LinkedIn does not take leaves the card without one, and says so; media take the card's place.
    const webp = await provider.post(
      channel,
      { text: unique("webp card"), linkCard: { ...card, image: { bytes: picture.bytes!, mimeType: "image/webp" } } },
      { visibility: "PUBLIC" },
    );
    expect(webp.warnings).toEqual([expect.stringMatching(/image\/webp; LinkedIn takes/)]);
    expect(posts().at(-1)!.extra!.article).toEqual({ source: card.url, title: card.title, description: card.description });
    await provider.post(channel, { text: unique("with media"), media: [png()], linkCard: card }, { visibility: "PUBLIC" });
    expect(posts().at(-1)!.extra!.article).toBeUndefined();
    expect(posts().at(-1)!.media).toHaveLength(1);
  });

  it("posts several images as content.multiImage", async () => {
    await provider.post(channel, { text: unique("Three images"), media: [png(), png(), png()] }, { visibility: "PUBLIC" });
    expect(posts().at(-1)!.media).toHaveLength(3);
  });

  it("uploads a video in parts, finalizes it with the etags and posts it", async () => {
    const video = { mimeType: "video/mp4", bytes: new Uint8Array(80 * 1024).fill(7) };
    await provider.post(channel, { text: unique("A video"), media: [video] }, { visibility: "PUBLIC" });
    expect(posts().at(-1)!.media[0]).toMatch(/^urn:li:video:/);
  });

  it("posts a poll with LinkedIn's duration names", async () => {
    await provider.post(
      channel,
      { text: unique("Which one?"), poll: { question: "Pick a colour", options: ["Red", "Blue", "Green"], durationMinutes: 4320 } },
      { visibility: "PUBLIC" },
    );
    expect(posts().at(-1)!.poll).toEqual({
      question: "Pick a colour",
      options: [{ text: "Red" }, { text: "Blue" }, { text: "Green" }],
      settings: { duration: "THREE_DAYS" },
    });
  });

  it("publishes a thread as comments on the root post, in order", async () => {
    const root = await provider.post(channel, { text: unique("Thread root") }, { visibility: "PUBLIC" });
    const c1 = await provider.comment(channel, { text: "First (1/2)" }, root, root, { visibility: "PUBLIC" });
    const c2 = await provider.comment(channel, { text: "Second (2/2)" }, c1, root, { visibility: "PUBLIC" });
    const [r, a, b] = posts().slice(-3);
    expect(r!.id).toBe(root.id);
    expect([a!.text, a!.replyTo, b!.text, b!.replyTo]).toEqual(["First (1/2)", root.id, "Second (2/2)", root.id]);
    expect(c2.id).toBe(b!.id);
    expect(c2.url).toContain(`feed/update/${root.id}?commentUrn=`);
    expect(c2.ref).toMatchObject({ postUrn: root.id });
  });

  it("refuses media without bytes before calling LinkedIn", async () => {
    const e = await rejection(
      provider.post(channel, { text: "x", media: [{ mimeType: "image/png", url: "https://x/y.png" }] }, { visibility: "PUBLIC" }),
    );
    expect(e.kind).toBe("bad-body");
  });

  it("reports a real duplicate (same commentary by the same author) as bad-body", async () => {
    const text = unique("Say it twice");
    await provider.post(channel, { text }, { visibility: "PUBLIC" });
    const e = await rejection(provider.post(channel, { text }, { visibility: "PUBLIC" }));
    expect([e.kind, e.details.status]).toEqual(["bad-body", 422]);
    expect(e.message).toMatch(/duplicate/);
  });

  it("reports an over-long post as bad-body from the emulator's 3000-character check", async () => {
    const e = await rejection(provider.post(channel, { text: "a".repeat(3001) }, { visibility: "PUBLIC" }));
    expect([e.kind, e.details.status]).toEqual(["bad-body", 422]);
    await provider.post(channel, { text: "(".repeat(1500) + "b".repeat(1500) }, { visibility: "PUBLIC" });
  });

  it("tells the operator to update LINKEDIN_API_VERSION on 426 NONEXISTENT_VERSION", async () => {
    process.env.LINKEDIN_API_VERSION = "202301";
    const e = await rejection(provider.post(channel, { text: unique("old version") }, { visibility: "PUBLIC" }));
    expect([e.kind, e.details.status]).toEqual(["bad-body", 426]);
    expect(e.message).toContain("LINKEDIN_API_VERSION");
  });
});

describe("LinkedIn emulator contract", () => {
  const body = (author: string, commentary: string) => ({
    author,
    commentary,
    visibility: "PUBLIC",
    lifecycleState: "PUBLISHED",
    isReshareDisabledByAuthor: false,
    distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
  });

  it("answers 400 without LinkedIn-Version", async () => {
    const res = await rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, body(`urn:li:person:${auth.id}`, "hi"), {
      "linkedin-version": "",
    });
    expect(res.status).toBe(400);
  });

  it("answers 403 ACCESS_DENIED when the author is another member", async () => {
    const res = await rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, body("urn:li:person:someone-else", "hi"));
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("ACCESS_DENIED");
  });

  it("answers 400 'Organization permissions must be used' for an organization author with member scopes", async () => {
    const res = await rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, body("urn:li:organization:123", "hi"));
    expect(res.status).toBe(400);
    expect(provider.handleErrors(await res.text(), 400)?.kind).toBe("bad-body");
  });

  it("cuts unescaped commentary at the first reserved character, as LinkedIn does", async () => {
    const res = await rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, body(`urn:li:person:${auth.id}`, unique("Hello (world)")));
    expect(res.status).toBe(201);
    expect(posts().at(-1)!.text).toBe("Hello ");
  });

  it("refuses an article without a title or with a thumbnail that was never uploaded", async () => {
    const post = (article: object) =>
      rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, {
        ...body(`urn:li:person:${auth.id}`, unique("article")),
        content: { article },
      });
    const untitled = await post({ source: "https://a.example/" });
    expect(untitled.status).toBe(422);
    expect(JSON.stringify(await untitled.json())).toContain("/content/article/title");
    const ghost = await post({ source: "https://a.example/", title: "T", thumbnail: "urn:li:image:never" });
    expect(ghost.status).toBe(422);
    expect(JSON.stringify(await ghost.json())).toContain("is not an uploaded image");
    expect((await post({ source: "ftp://a.example/", title: "T" })).status).toBe(422);
  });

  it("refuses a poll with five options", async () => {
    const poll = { question: "Q", options: ["a", "b", "c", "d", "e"].map((text) => ({ text })), settings: { duration: "ONE_DAY" } };
    const res = await rawRest(emu, "linkedin", "/rest/posts", auth.accessToken, {
      ...body(`urn:li:person:${auth.id}`, unique("poll")),
      content: { poll },
    });
    expect(res.status).toBe(422);
  });
});

describe("LinkedIn faults", () => {
  it("refreshes once on an expired token and then publishes", async () => {
    const a = await connect(emu, provider, { username: "expiring" });
    const ctx = refreshingCtx(provider, a);
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "expired-token" });
    const res = await provider.post(channelFor(a), { text: unique("after refresh") }, { visibility: "PUBLIC" }, ctx);
    expect(ctx.refreshes).toBe(1);
    expect(posts().at(-1)!.id).toBe(res.id);
  });

  it("asks for a refresh when no refresher is given", async () => {
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "expired-token" });
    expect((await rejection(provider.post(channel, { text: unique("x") }, { visibility: "PUBLIC" }))).kind).toBe("refresh-token");
  });

  it("really expired tokens come back as 65600 and refresh too", async () => {
    const a = await connect(emu, provider, { username: "really_expired" });
    emu.state.expireTokens("linkedin");
    const ctx = refreshingCtx(provider, a);
    await provider.post(channelFor(a), { text: unique("expired for real") }, { visibility: "PUBLIC" }, ctx);
    expect(ctx.refreshes).toBe(1);
    auth = await connect(emu, provider, { username: "ada_lovelace" });
    channel = channelFor(auth);
  });

  it("reports a missing permission as bad-body", async () => {
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "missing-scope" });
    expect((await rejection(provider.post(channel, { text: unique("x") }, { visibility: "PUBLIC" }))).kind).toBe("bad-body");
  });

  it("hands a 429 back with a wait until midnight UTC, not published", async () => {
    const before = posts().length;
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "rate-limit", retryAfterSeconds: 0 });
    const e = await rejection(provider.post(channel, { text: unique("x") }, { visibility: "PUBLIC" }));
    expect([e.kind, e.details.status, e.details.mayHavePublished]).toEqual(["retry", 429, false]);
    expect(Math.abs(e.details.retryAfterMs! - msUntilMidnightUtc())).toBeLessThan(5_000);
    expect(posts().length).toBe(before);
  });

  it("does not repeat a create that failed with a 500 (it may have published)", async () => {
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "server-error" });
    const e = await rejection(provider.post(channel, { text: unique("x") }, { visibility: "PUBLIC" }));
    expect([e.kind, e.details.mayHavePublished]).toEqual(["retry", true]);
  });

  it("repeats a harmless media call after a 500", async () => {
    await injectFault(emu, { platform: "linkedin", route: "media", kind: "server-error" });
    await provider.post(channel, { text: unique("image after 500"), media: [png()] }, { visibility: "PUBLIC" });
    expect(posts().at(-1)!.media).toHaveLength(1);
  });

  it("reports the duplicate fault as bad-body", async () => {
    await injectFault(emu, { platform: "linkedin", route: "post", kind: "duplicate" });
    expect((await rejection(provider.post(channel, { text: unique("x") }, { visibility: "PUBLIC" }))).kind).toBe("bad-body");
  });
});
