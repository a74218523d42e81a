import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/pinterest";
import { boardIdFor, sectionIdFor } from "@/emulator/platforms/pinterest/support";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import { PinterestProvider } from "@/providers/pinterest/pinterest.provider";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider against the Pinterest emulator (written from the fact sheet): sign-in without PKCE
// and with comma-separated scopes, continuous refresh, boards and sections as choices, image,
// carousel and video pins, the read-back of a lost create, and analytics.

const provider = new PinterestProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/pinterest/callback";

async function signIn(username = `pin_user${++n}`): Promise<AuthResult> {
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
const pins = () => emu.state.posts.filter((p) => p.platform === "pinterest");
const image = (w = 600, h = 900) => ({ mimeType: "image/png", bytes: png(w, h), alt: "A pinned picture" });

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

describe("Pinterest sign-in", () => {
  it("asks for comma-separated scopes on www.pinterest.com/oauth/ without PKCE", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: "v" })).url);
    expect(url.pathname).toBe("/pinterest/oauth/");
    expect(url.searchParams.get("scope")).toBe("boards:read,pins:read,pins:write,user_accounts:read");
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("reads the account and keeps the rotated refresh token on each refresh", async () => {
    const auth = await signIn("pin.robin");
    expect(auth).toMatchObject({ username: "pin.robin", refreshToken: expect.stringMatching(/^pinterest_rt/) });
    const first = await provider.refreshToken(auth.refreshToken!);
    expect(first.refreshToken).toBeTruthy();
    expect(first.refreshToken).not.toBe(auth.refreshToken);
    // The old one is spent: reusing it revokes the grant, as rotation means.
    expect((await failure(provider.refreshToken(auth.refreshToken!))).kind).toBe("disconnect");
  });
});

describe("Pinterest boards and pins", () => {
  it("lists the account's boards and every section as Board › Section", async () => {
    const a = await signIn("pin.boards");
    const boards = await provider.settingsChoices(access(a), "board");
    expect(boards).toEqual([
      { value: boardIdFor("pin.boards", 0), label: "Recipes" },
      { value: boardIdFor("pin.boards", 1), label: "Travel ideas" },
      { value: boardIdFor("pin.boards", 2), label: "Studio moodboard" },
    ]);
    const sections = await provider.settingsChoices(access(a), "section");
    expect(sections.map((s) => s.label)).toEqual([
      "Recipes › Favourites",
      "Recipes › To try",
      "Travel ideas › Favourites",
      "Travel ideas › To try",
    ]);
  });

  it("pins an image as base64 to the chosen board and section, with title, link and alt text", async () => {
    const a = await signIn("pin.image");
    const board = boardIdFor("pin.image", 0);
    const section = sectionIdFor(board, 1);
    const r = await provider.post(
      access(a),
      { text: "Lemon tart", media: [image()] },
      { board, section, title: "Tart", link: "https://example.com/tart" },
    );
    expect(r.url).toBe(`${emu.url}/pinterest/pin/${r.id}/`);
    expect(pins()[0]).toMatchObject({
      id: r.id,
      text: "Lemon tart",
      extra: {
        board_id: board,
        board_section_id: section,
        title: "Tart",
        link: "https://example.com/tart",
        alt_text: "A pinned picture",
        source_type: "image_base64",
      },
    });
  });

  it("pins 2–5 images as a carousel", async () => {
    const a = await signIn("pin.carousel");
    await provider.post(access(a), { text: "Three", media: [image(), image(), image()] }, { board: boardIdFor("pin.carousel", 1) });
    expect(pins()[0]).toMatchObject({ media: expect.any(Array), extra: { source_type: "multiple_image_base64" } });
    expect(pins()[0]!.media).toHaveLength(3);
  });

  it("uploads a video through media registration, waits for it, and pins it with a cover", async () => {
    const a = await signIn("pin.video");
    const video = { mimeType: "video/mp4", bytes: new Uint8Array(2000).fill(7) };
    await provider.post(access(a), { text: "Clip", media: [video] }, { board: boardIdFor("pin.video", 0) });
    expect(pins()[0]).toMatchObject({ extra: { source_type: "video_id", media_type: "video" } });
  }, 20_000);

  it("is refused a board the account does not own, in Pinterest's words", async () => {
    const a = await signIn("pin.other");
    const e = await failure(provider.post(access(a), { text: "x", media: [image()] }, { board: boardIdFor("someone.else", 0) }));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/Board not found\./) });
    expect(pins()).toHaveLength(0);
  });

  it("refuses a pin without media before calling Pinterest", async () => {
    const a = await signIn("pin.text");
    const e = await failure(provider.post(access(a), { text: "only words" }, { board: boardIdFor("pin.text", 0) }));
    expect(e.kind).toBe("bad-body");
  });

  it("finds a pin whose create answer was lost, by its description and time", async () => {
    const a = await signIn("pin.lost");
    const since = new Date();
    await injectFault(emu, { platform: "pinterest", route: "post", kind: "timeout", processed: true, delayMs: 3000 });
    process.env.PROVIDER_TIMEOUT_MS = "500";
    const e = await failure(provider.post(access(a), { text: "Lost pin", media: [image()] }, { board: boardIdFor("pin.lost", 0) }));
    delete process.env.PROVIDER_TIMEOUT_MS;
    expect(e.details.mayHavePublished).toBe(true);
    const found = await provider.findPublished(access(a), { text: "Lost pin" }, { since });
    expect(found?.id).toBe(pins()[0]!.id);
    expect(await provider.findPublished(access(a), { text: "Never pinned" }, { since })).toBeNull();
  });
});

describe("Pinterest analytics", () => {
  it("collects the account's daily figures (skipping days not READY) and a pin's totals", async () => {
    const a = await signIn("pin.stats");
    const to = new Date();
    const from = new Date(to.getTime() - 6 * 86_400_000);
    const m = await provider.analytics(access(a), { from, to });
    expect(m.gaps).toEqual([]);
    expect(new Set(m.points.map((p) => p.metric))).toEqual(
      new Set(["followers", "impressions", "pin_clicks", "outbound_clicks", "saves", "engagements"]),
    );
    const r = await provider.post(access(a), { text: "Measured", media: [image()] }, { board: boardIdFor("pin.stats", 0) });
    expect(Object.keys(await provider.postAnalytics(access(a), r.id))).toEqual(["impressions", "pin_clicks", "outbound_clicks", "saves"]);
  });

  it("clamps a range older than 90 days instead of being refused", async () => {
    const a = await signIn("pin.old");
    const to = new Date();
    const m = await provider.analytics(access(a), { from: new Date(to.getTime() - 200 * 86_400_000), to });
    expect(m.gaps).toEqual([]);
    expect(m.points.length).toBeGreaterThan(0);
  });

  it("turns a refused analytics read into a gap, not a failure", async () => {
    const a = await signIn("pin.gap");
    await injectFault(emu, { platform: "pinterest", route: "analytics", kind: "server-error", times: 5 });
    const m = await provider.analytics(access(a), { from: new Date(Date.now() - 86_400_000), to: new Date() });
    // The follower count (another endpoint) is still read.
    expect(m.points.map((p) => p.metric)).toEqual(["followers"]);
    expect(m.gaps[0]).toMatchObject({ kind: "unavailable", what: "account analytics" });
  });
});
