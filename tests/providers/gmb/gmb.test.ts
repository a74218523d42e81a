import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulatorModule from "@/emulator/platforms/gmb";
import type { MediaFetch } from "@/emulator/kit/fetch-media";
import type { Emulator } from "@/emulator/server";
import type { ProviderError } from "@/providers/core/errors";
import { GmbProvider } from "@/providers/gmb/gmb.provider";
import { gmbSettings } from "@/providers/gmb/gmb.settings";
import type { AuthResult, ChannelAccess, Page } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { jpeg, png } from "@/tests/helpers/media-bytes";

// The Google Business Profile provider against its emulator (written from Google's Business Profile
// API docs): Google OAuth with offline access, the location pick, an event and an offer with a
// photo Google downloads from its URL, a button, the emulator's field checks surfacing as named
// refusals, reconciliation by listing local posts, and Performance API figures.

const REDIRECT_URI = "http://127.0.0.1:3000/api/integrations/gmb/callback";
const provider = new GmbProvider();
let emu: Emulator;
let user: AuthResult;
let locations: Page[];
let channel: ChannelAccess;
let files: Server;
let filesUrl = "";

const FILES: Record<string, { type: string; body: Uint8Array }> = {
  "photo.png": { type: "image/png", body: png(720, 720) },
  "photo.jpg": { type: "image/jpeg", body: jpeg(800, 600) },
  "tiny.png": { type: "image/png", body: png(100, 100) },
  "fake.png": { type: "image/png", body: new TextEncoder().encode("not a picture at all") },
};

const posts = () => emu.state.posts.filter((p) => p.platform === "gmb");
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a ProviderError"),
    (e: unknown) => e as ProviderError,
  );
const photo = (name: string) => [{ url: `${filesUrl}/${name}`, mimeType: FILES[name]!.type }];

beforeAll(async () => {
  files = createServer((req, res) => {
    const f = FILES[(req.url ?? "").slice(1)];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type, "content-length": f.body.length }).end(Buffer.from(f.body));
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
  emu = await useEmulator([emulatorModule]);
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s1", codeVerifier: "v".repeat(43) });
  const back = await authorizeInEmulator(emu, start.url, { username: "bakery_owner" });
  user = await provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: start.codeVerifier, redirectUri: REDIRECT_URI });
  locations = await provider.pages({ id: "c", internalId: user.id, accessToken: user.accessToken });
  channel = { id: "ch", internalId: locations[0]!.id, accessToken: user.accessToken };
});
afterAll(async () => {
  await emu.stop();
  files.close();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("Google Business Profile connect", () => {
  it("asks Google for offline access with consent, the business.manage scope and PKCE", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "s", codeVerifier: "v".repeat(43) })).url);
    expect(url.pathname).toBe("/gmb/o/oauth2/v2/auth");
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("scope")).toBe("https://www.googleapis.com/auth/business.manage");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("gets a refresh token and asks for a location pick", () => {
    expect(user.refreshToken).toBeTruthy();
    expect(user).toMatchObject({ id: expect.stringMatching(/^accounts\//), needsPagePick: true });
  });

  it("refreshes without rotating: Google sends no new refresh token and the old one keeps working", async () => {
    const first = await provider.refreshToken(user.refreshToken!);
    expect(first.accessToken).toBeTruthy();
    expect(first.refreshToken).toBeUndefined();
    const again = await provider.refreshToken(user.refreshToken!);
    expect(again.accessToken).not.toBe(first.accessToken);
  });

  it("lists every location of the account, with the v4 path as id", async () => {
    expect(locations).toHaveLength(2);
    for (const l of locations) expect(l.id).toMatch(/^accounts\/[^/]+\/locations\/[^/]+$/);
    expect(locations[0]!.name).toBe("Corner Bakery · Springfield");
    expect(await provider.fetchPageInformation({ id: "c", internalId: user.id, accessToken: user.accessToken }, locations[1]!.id)).toEqual(
      locations[1],
    );
    const e = await rejection(
      provider.fetchPageInformation({ id: "c", internalId: user.id, accessToken: user.accessToken }, "accounts/1/locations/2"),
    );
    expect(e.kind).toBe("bad-body");
  });
});

describe("Google Business Profile local posts", () => {
  it("publishes an event with a photo Google fetches, linking the post's searchUrl", async () => {
    const settings = gmbSettings.parse({
      postType: "EVENT",
      title: "Sourdough class",
      start: "2030-05-01T18:00",
      end: "2030-05-01T20:00",
      actionType: "BOOK",
      actionUrl: "https://bakery.test/book",
    });
    const r = await provider.post(channel, { text: "Learn to bake", media: photo("photo.png") }, settings);
    const p = posts().at(-1)!;
    expect(r.id).toBe(p.id);
    expect(r.id).toMatch(/^accounts\/[^/]+\/locations\/[^/]+\/localPosts\/[^/]+$/);
    expect(r.url).toContain("/local/posts?lpsid=");
    expect(p.extra?.topicType).toBe("EVENT");
    expect(p.extra?.body).toMatchObject({
      event: { title: "Sourdough class" },
      callToAction: { actionType: "BOOK", url: "https://bakery.test/book" },
    });
    const [fetched] = p.extra?.mediaFetches as MediaFetch[];
    expect(fetched).toMatchObject({ url: `${filesUrl}/photo.png`, status: 200, ok: true, width: 720, height: 720 });
  });

  it("publishes an offer with coupon, terms and redeem link, and a JPEG", async () => {
    const settings = gmbSettings.parse({
      postType: "OFFER",
      title: "Two for one",
      start: "2030-06-01T08:00",
      end: "2030-06-30T18:00",
      couponCode: "BOGO",
      redeemOnlineUrl: "https://bakery.test/redeem",
      termsConditions: "One per customer",
    });
    const r = await provider.post(channel, { text: "Buy one loaf, get one free", media: photo("photo.jpg") }, settings);
    const p = posts().at(-1)!;
    expect(r.id).toBe(p.id);
    expect(p.extra?.body).toMatchObject({
      topicType: "OFFER",
      event: { title: "Two for one", schedule: { startDate: { year: 2030, month: 6, day: 1 } } },
      offer: { couponCode: "BOGO", redeemOnlineUrl: "https://bakery.test/redeem", termsConditions: "One per customer" },
    });
    expect((p.extra?.mediaFetches as MediaFetch[])[0]).toMatchObject({ ok: true, width: 800, height: 600 });
  });

  it("a photo Google cannot use is refused naming the field and the rule", async () => {
    const before = posts().length;
    const small = await rejection(provider.post(channel, { text: "tiny", media: photo("tiny.png") }, gmbSettings.parse({})));
    expect(small.kind).toBe("bad-body");
    expect(small.message).toMatch(/media\[0\]\.source_url: The photo is 100×100; photos must be at least 250×250/);
    const fake = await rejection(provider.post(channel, { text: "fake", media: photo("fake.png") }, gmbSettings.parse({})));
    expect(fake.message).toMatch(/not a JPG or PNG/);
    expect(posts()).toHaveLength(before);
  });

  it("the emulator refuses an event without its schedule, naming the field (settings bypassed)", async () => {
    const e = await rejection(provider.post(channel, { text: "x" }, { postType: "EVENT", title: "T", start: "2030-01-01T10:00" } as never));
    expect(e.kind).toBe("bad-body");
    const res = await fetch(`${emu.url}/gmb/v4/${channel.internalId}/localPosts`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ topicType: "EVENT", summary: "x", event: { title: "T" } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { status: "INVALID_ARGUMENT", details: [{ fieldViolations: [{ field: "event.schedule" }] }] },
    });
  });

  it("a lost answer is settled by finding the post in the location's list (newer than the attempt, same text)", async () => {
    const since = new Date(Date.now() - 1000);
    const text = `reconcile ${Date.now()}`;
    const r = await provider.post(channel, { text }, gmbSettings.parse({}));
    expect(await provider.findPublished(channel, { text }, { since })).toEqual({ id: r.id, url: r.url });
    expect(await provider.findPublished(channel, { text: "never posted" }, { since })).toBeNull();
    expect(await provider.findPublished(channel, { text }, { since: new Date(Date.now() + 60_000) })).toBeNull();
  });
});

describe("Google Business Profile figures", () => {
  it("reads impressions and actions per day from the Performance API", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 6 * 86_400_000);
    const m = await provider.analytics(channel, { from, to });
    expect(m.gaps).toEqual([]);
    const metrics = new Set(m.points.map((p) => p.metric));
    expect(metrics).toEqual(
      new Set([
        "business_impressions_desktop_maps",
        "business_impressions_desktop_search",
        "business_impressions_mobile_maps",
        "business_impressions_mobile_search",
        "website_clicks",
        "call_clicks",
        "business_direction_requests",
      ]),
    );
    expect(m.points.filter((p) => p.metric === "call_clicks")).toHaveLength(7);
  });

  it("a refused part leaves a gap and keeps the rest", async () => {
    await injectFault(emu, { platform: "gmb", route: "performance", kind: "server-error", times: 1 });
    const to = new Date();
    const m = await provider.analytics(channel, { from: new Date(to.getTime() - 86_400_000), to }, { maxWaitMs: 0 });
    expect(m.gaps.length).toBeGreaterThan(0);
    expect(m.points.length).toBeGreaterThan(0);
  });
});
