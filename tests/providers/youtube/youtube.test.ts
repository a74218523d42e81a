import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/youtube";
import { youtubeStore } from "@/emulator/platforms/youtube/uploads";
import type { Emulator } from "@/emulator/server";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess, QuotaLedger, UploadCheckpoint } from "@/providers/social.integrations.interface";
import { YoutubeProvider } from "@/providers/youtube/youtube.provider";
import type { YoutubeSettings } from "@/providers/youtube/youtube.settings";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { isoMedia } from "@/tests/helpers/media-bytes";

// The provider against the YouTube emulator (written from Google's docs): Google sign-in with
// offline access, the channel pick, the resumable upload in 256 KiB-multiple chunks, resuming a
// saved session from the offset YouTube reports, the quota ledger, and analytics.

const provider = new YoutubeProvider();
let emu: Emulator;
let n = 0;
const REDIRECT = "http://127.0.0.1:5555/api/integrations/youtube/callback";
const VERIFIER = "v".repeat(43);
const KIB256 = 256 * 1024;
const settings: YoutubeSettings = { title: "My video", madeForKids: "no" };

async function signIn(username = `yt_user${++n}`, dropScopes?: string[]): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT, state: `state-${n}`, codeVerifier: VERIFIER });
  const back = await authorizeInEmulator(emu, start.url, { username, dropScopes });
  return provider.authenticate({ code: back.searchParams.get("code")!, codeVerifier: VERIFIER, redirectUri: REDIRECT });
}
const on = (a: AuthResult): ChannelAccess => ({ id: "ch", internalId: a.id, accessToken: a.accessToken });
const video = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(isoMedia("mp42"));
  return { mimeType: "video/mp4", bytes, size };
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "youtube");

/** A checkpoint in memory, as the target's row keeps it; `crashOnSave` throws at that save (a worker dying). */
function memoryCheckpoint(crashOnSave?: number) {
  const box: { state: Record<string, unknown> | null; saves: number; progress: (string | null)[] } = {
    state: null,
    saves: 0,
    progress: [],
  };
  const cp: UploadCheckpoint = {
    load: async () => box.state,
    save: async (s) => {
      box.saves++;
      if (crashOnSave !== undefined && box.saves === crashOnSave) throw new Error("worker killed");
      box.state = s;
    },
    progress: async (t) => void box.progress.push(t),
  };
  return { cp, box };
}

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  provider.uploadChunkBytes = KIB256;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("Google sign-in", () => {
  it("asks for offline access with consent, PKCE and the YouTube scopes", async () => {
    const url = new URL((await provider.generateAuthUrl({ redirectUri: REDIRECT, state: "s", codeVerifier: VERIFIER })).url);
    expect(url.origin + url.pathname).toBe(`${emu.url}/youtube/o/oauth2/v2/auth`);
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("scope")!.split(" ")).toContain("https://www.googleapis.com/auth/youtube.upload");
  });

  it("keeps the refresh token Google does not rotate, and lists the channel to pick", async () => {
    const a = await signIn();
    expect(a.needsPagePick).toBe(true);
    expect(a.refreshToken).toBeTruthy();
    const fresh = await provider.refreshToken(a.refreshToken!);
    expect(fresh.accessToken).not.toBe(a.accessToken);
    expect(fresh.refreshToken).toBeUndefined();
    // The same refresh token still works (no rotation, no reuse detection at Google).
    expect((await provider.refreshToken(a.refreshToken!)).accessToken).toBeTruthy();
    const pages = await provider.pages(on(a));
    expect(pages.map((p) => p.id)).toEqual([a.id]);
    expect(pages[0]!.username).toMatch(/^@/);
  });

  it("refuses a sign-in without the upload scope", async () => {
    const e = await failure(signIn(undefined, ["https://www.googleapis.com/auth/youtube.upload"]));
    expect(e.message).toMatch(/youtube\.upload/);
  });
});

describe("resumable upload", () => {
  it("uploads in 256 KiB chunks with the metadata, and links to the video", async () => {
    const a = await signIn();
    const { cp, box } = memoryCheckpoint();
    const size = 3 * KIB256 + 1000;
    const r = await provider.post(
      on(a),
      { text: "The description", media: [video(size)] },
      { ...settings, privacy: "unlisted", tags: ["a b", "c"], categoryId: "22", notifySubscribers: false },
      { upload: cp },
    );
    expect(r.url).toBe(`${emu.url}/youtube/watch?v=${r.id}`);
    const [p] = posts();
    expect(p).toMatchObject({ id: r.id, text: "The description" });
    expect(p!.extra).toMatchObject({
      title: "My video",
      categoryId: "22",
      notifySubscribers: false,
      bytesReceived: size,
      container: "iso-bmff",
    });
    expect(p!.extra!.status).toMatchObject({ privacyStatus: "unlisted", selfDeclaredMadeForKids: false });
    const session = youtubeStore(emu.state).sessions.get(String(p!.extra!.session))!;
    expect(session.chunks).toBe(4);
    expect(box.progress.at(-1)).toBeNull();
    expect(box.progress).toContain("Uploading 33%");
    expect(box.state).toMatchObject({ videoId: r.id });
  });

  it("continues a session after the worker died mid-file, from the offset YouTube reports", async () => {
    const a = await signIn();
    const size = 6 * KIB256;
    const item = { text: "resumed", media: [video(size)] };
    const { cp, box } = memoryCheckpoint(4); // save 1: session opened; 2–3: chunks 1–2; dies saving chunk 3
    await expect(provider.post(on(a), item, settings, { upload: cp })).rejects.toThrow("worker killed");
    expect(posts()).toHaveLength(0);
    // The next attempt: findPublished finds no video yet, post() continues.
    expect(await provider.findPublished(on(a), item, { since: new Date(0) }, { upload: cp })).toBeNull();
    const r = await provider.post(on(a), item, settings, { upload: cp });
    const [p] = posts();
    expect(p!.id).toBe(r.id);
    // Every byte went once: YouTube had 3 chunks when the worker died, and got the other 3.
    expect(p!.extra!.bytesReceived).toBe(size);
    expect(box.state).toMatchObject({ videoId: r.id });
    // A further attempt adopts the finished video instead of uploading again.
    expect(await provider.findPublished(on(a), item, { since: new Date(0) }, { upload: cp })).toMatchObject({ id: r.id });
  });

  it("asks the session after a failed chunk instead of sending it blindly again", async () => {
    const a = await signIn();
    const size = 4 * KIB256;
    await injectFault(emu, { platform: "youtube", route: "upload", kind: "timeout", processed: true, delayMs: 200 });
    const { cp } = memoryCheckpoint();
    const r = await provider.post(on(a), { text: "lost chunk", media: [video(size)] }, settings, { upload: cp });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.id).toBe(r.id);
    expect(posts()[0]!.extra!.bytesReceived).toBe(size);
  });

  it("starts over when the saved session expired (404)", async () => {
    const a = await signIn();
    const { cp, box } = memoryCheckpoint(3);
    const item = { text: "expired session", media: [video(3 * KIB256)] };
    await expect(provider.post(on(a), item, settings, { upload: cp })).rejects.toThrow("worker killed");
    youtubeStore(emu.state).sessions.clear();
    const r = await provider.post(on(a), item, settings, { upload: cp });
    expect(posts().map((p) => p.id)).toEqual([r.id]);
    expect(box.state).toMatchObject({ videoId: r.id });
  });

  it("refuses what YouTube refuses before any byte is sent", async () => {
    const a = await signIn();
    expect((await failure(provider.post(on(a), { text: "a <b>", media: [video(1000)] }, settings))).kind).toBe("bad-body");
    expect((await failure(provider.post(on(a), { text: "no video", media: [] }, settings))).message).toMatch(/exactly one video/);
    // The emulator checks too: a category YouTube does not assign.
    const e = await failure(provider.post(on(a), { text: "cat", media: [video(1000)] }, { ...settings, categoryId: "18" }));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/category ID/);
    expect(posts()).toHaveLength(0);
  });

  it("waits for the reset instead of opening a session when the day's uploads are spent", async () => {
    const a = await signIn();
    const spent: string[] = [];
    const quota: QuotaLedger = {
      remaining: async () => ({ uploads: 0, units: 10_000 }),
      spend: async (b) => void spent.push(b),
      exhaust: async () => undefined,
      msUntilReset: () => 3_600_000,
    };
    const e = await failure(provider.post(on(a), { text: "no quota", media: [video(1000)] }, settings, { quota }));
    expect(e.kind).toBe("retry");
    expect(e.details.retryAfterMs).toBe(3_600_000);
    expect(e.details.mayHavePublished).toBe(false);
    expect(spent).toEqual([]);
  });
});

describe("analytics", () => {
  it("reads the channel's daily report and subscribers, and a video's counters", async () => {
    const a = await signIn();
    const to = new Date();
    const m = await provider.analytics(on(a), { from: new Date(to.getTime() - 3 * 86_400_000), to });
    expect(m.gaps).toEqual([]);
    expect(new Set(m.points.map((p) => p.metric))).toEqual(
      new Set(["views", "minutes_watched", "likes", "comments", "shares", "follower_gains", "follower_losses", "followers"]),
    );
    const r = await provider.post(on(a), { text: "counted", media: [video(1000)] }, settings);
    const c = await provider.postAnalytics(on(a), r.id);
    expect(Object.keys(c).sort()).toEqual(["comments", "favorites", "likes", "views"]);
  });

  it("keeps what it could read when the report fails", async () => {
    const a = await signIn();
    await injectFault(emu, { platform: "youtube", route: "reports", kind: "server-error", times: 10 });
    const to = new Date();
    const m = await provider.analytics(on(a), { from: new Date(to.getTime() - 86_400_000), to });
    expect(m.points.map((p) => p.metric)).toEqual(["followers"]);
    expect(m.gaps[0]).toMatchObject({ what: "daily channel report", kind: "unavailable" });
  });
});
