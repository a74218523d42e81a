import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, injectFault, useEmulator } from "@/tests/helpers/emulator";
import { MissingScopesError, ProviderError } from "@/providers/core/errors";
import { randomToken } from "@/providers/core/pkce";
import type { ChannelAccess, PostItem, PublishContext } from "@/providers/social.integrations.interface";
import xEmulator from "@/emulator/platforms/x";
import { XProvider } from "@/providers/x/x.provider";
import { animatedGif, connectX, mp4, png, REDIRECT } from "@/tests/helpers/platforms/x";

// The X provider against the X emulator: connecting, publishing (text, media, polls, threads,
// settings) and every injectable fault.

let emu: Emulator;
const x = new XProvider();
let seq = 0;
const text = (s: string) => `${s} #${++seq}`;
const xPosts = () => emu.state.posts.filter((p) => p.platform === "x");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a ProviderError");
    },
    (e: unknown) => e as ProviderError,
  );

beforeAll(async () => {
  emu = await useEmulator([xEmulator]);
});
afterAll(async () => {
  await emu.stop();
});

describe("connecting", () => {
  it("runs the PKCE flow and reads the account", async () => {
    const { auth } = await connectX(emu, x, "ada_x");
    expect(auth).toMatchObject({ name: "ada x", username: "ada_x", expiresIn: 7200 });
    expect(auth.id).toBeTruthy();
    expect(auth.picture).toMatch(/^https:\/\//);
    expect(auth.refreshToken).toBeTruthy();
    expect(auth.scopes).toEqual(x.scopes);
  });

  it("sends the user back with error=access_denied when they deny", async () => {
    const start = await x.generateAuthUrl({ redirectUri: REDIRECT, state: "s-deny", codeVerifier: randomToken() });
    const back = await authorizeInEmulator(emu, start.url, { deny: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s-deny");
  });

  it("refuses a connection without tweet.write", async () => {
    const start = await x.generateAuthUrl({ redirectUri: REDIRECT, state: "s-scope", codeVerifier: randomToken() });
    const back = await authorizeInEmulator(emu, start.url, { dropScopes: ["tweet.write"] });
    const err = await x
      .authenticate({ code: back.searchParams.get("code")!, codeVerifier: start.codeVerifier, redirectUri: REDIRECT })
      .catch((e) => e);
    expect(err).toBeInstanceOf(MissingScopesError);
    expect((err as MissingScopesError).missing).toEqual(["tweet.write"]);
  });

  it("rotates refresh tokens; re-using an old one means reconnect", async () => {
    const { auth } = await connectX(emu, x, "rotating_x");
    const next = await x.refreshToken(auth.refreshToken!);
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(auth.refreshToken);
    const err = await failure(x.refreshToken(auth.refreshToken!));
    expect(err.kind).toBe("disconnect");
    // Reuse revokes the whole family, the new token included.
    expect((await failure(x.refreshToken(next.refreshToken!))).kind).toBe("disconnect");
  });
});

describe("publishing", () => {
  let channel: ChannelAccess;
  beforeAll(async () => {
    ({ channel } = await connectX(emu, x, "poster_x"));
  });

  it("publishes a text post and links to it", async () => {
    const t = text("Hello from Postmill https://example.com/launch");
    const out = await x.post(channel, { text: t }, {});
    const rec = xPosts().find((p) => p.id === out.id)!;
    expect(rec).toMatchObject({ accountId: channel.id, text: t, media: [] });
    expect(out.url).toBe(`${emu.url}/x/poster_x/status/${out.id}`);
    expect(out.ref).toEqual({ id: out.id });
    const page = await fetch(out.url);
    expect(await page.text()).toContain("Hello from Postmill");
  });

  it("uploads an image with its description", async () => {
    const out = await x.post(channel, { text: text("With a picture"), media: [png("A red dot")] }, {});
    const rec = xPosts().find((p) => p.id === out.id)!;
    expect(rec.media).toHaveLength(1);
    expect(emu.state.media.get(rec.media[0]!)).toMatchObject({ mimeType: "image/png", alt: "A red dot", accountId: channel.id });
  });

  it("uploads four images in order", async () => {
    const out = await x.post(channel, { text: text("Four"), media: [png(), png(), png(), png()] }, {});
    const ids = xPosts().find((p) => p.id === out.id)!.media;
    expect(ids).toHaveLength(4);
    expect([...ids].sort()).toEqual(ids);
  });

  it("uploads a video in parts and waits for processing", async () => {
    const video = mp4();
    const out = await x.post(channel, { text: text("Video"), media: [video] }, {});
    const id = xPosts().find((p) => p.id === out.id)!.media[0]!;
    expect(emu.state.media.get(id)).toMatchObject({ size: video.bytes!.length, mimeType: "video/mp4" });
  });

  it("uploads an animated GIF through the chunked path", async () => {
    const out = await x.post(channel, { text: text("GIF"), media: [animatedGif()] }, {});
    expect(xPosts().find((p) => p.id === out.id)!.media).toHaveLength(1);
  });

  it("fails with X's reason when video processing fails", async () => {
    const broken = { mimeType: "video/mp4", bytes: new Uint8Array(2048) };
    const err = await failure(x.post(channel, { text: text("Broken video"), media: [broken] }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toContain("Unsupported video format");
  });

  it("publishes a poll", async () => {
    const poll = { options: ["Tabs", "Spaces", "Both"], durationMinutes: 1440 };
    const out = await x.post(channel, { text: text("Tabs or spaces?"), poll }, {});
    expect(xPosts().find((p) => p.id === out.id)!.poll).toEqual({ options: poll.options, duration_minutes: 1440 });
  });

  it("publishes a 3-item thread as a reply chain", async () => {
    const before = xPosts().length;
    const items: PostItem[] = [{ text: text("Thread 1/3") }, { text: text("Thread 2/3"), media: [png()] }, { text: text("Thread 3/3") }];
    const root = await x.post(channel, items[0]!, {});
    const second = await x.comment(channel, items[1]!, root, root, {});
    const third = await x.comment(channel, items[2]!, second, root, {});
    const recorded = xPosts().slice(before);
    expect(recorded.map((p) => p.text)).toEqual(items.map((i) => i.text));
    expect(recorded.map((p) => p.replyTo)).toEqual([undefined, root.id, second.id]);
    expect(third.url).toContain(`/status/${third.id}`);
  });

  it("maps settings to reply_settings and community_id (community on the first post only)", async () => {
    const settings = { replySettings: "following" as const, communityId: "1493446837214187523" };
    const root = await x.post(channel, { text: text("In the community") }, settings);
    const reply = await x.comment(channel, { text: text("And a reply") }, root, root, settings);
    expect(xPosts().find((p) => p.id === root.id)!.extra).toEqual({ reply_settings: "following", community_id: settings.communityId });
    expect(xPosts().find((p) => p.id === reply.id)!.extra).toEqual({ reply_settings: "following" });
  });

  it("refuses what X would refuse before uploading anything", async () => {
    const uploads = emu.state.media.size;
    const poll = { options: ["a", "b"], durationMinutes: 60 };
    expect((await failure(x.post(channel, { text: "poll + image", media: [png()], poll }, {}))).kind).toBe("bad-body");
    expect((await failure(x.post(channel, { text: "video + image", media: [mp4(64), png()] }, {}))).kind).toBe("bad-body");
    expect((await failure(x.post(channel, { text: "", media: [] }, {}))).kind).toBe("bad-body");
    expect(emu.state.media.size).toBe(uploads);
  });

  it("says which file could not be read when bytes are missing", async () => {
    const err = await failure(x.post(channel, { text: text("No bytes"), media: [{ mimeType: "image/png", path: "uploads/cat.png" }] }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toContain("uploads/cat.png");
  });

  it("passes X's refusal of over-length text on as bad-body", async () => {
    const err = await failure(x.post(channel, { text: "é".repeat(281) }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toMatch(/too long/);
  });

  it("refuses the same text twice with X's duplicate message", async () => {
    const t = text("Said once");
    await x.post(channel, { text: t }, {});
    const err = await failure(x.post(channel, { text: t }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toBe("You are not allowed to create a Tweet with duplicate content.");
  });
});

describe("faults", () => {
  let channel: ChannelAccess;
  let refreshToken: string;
  let refreshes = 0;
  const ctx: PublishContext = {
    refreshAccessToken: async () => {
      refreshes++;
      const next = await x.refreshToken(refreshToken);
      refreshToken = next.refreshToken ?? refreshToken;
      channel.accessToken = next.accessToken; // what the token store does with a fresh token
      return next.accessToken;
    },
  };
  beforeAll(async () => {
    const c = await connectX(emu, x, "faulty_x");
    channel = c.channel;
    refreshToken = c.auth.refreshToken!;
  });
  beforeEach(() => {
    refreshes = 0;
    emu.state.faults = [];
  });

  it("expired token: refreshes once and publishes", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "expired-token" });
    const out = await x.post(channel, { text: text("After refresh") }, {}, ctx);
    expect(refreshes).toBe(1);
    expect(xPosts().some((p) => p.id === out.id)).toBe(true);
  });

  it("expired token without a way to refresh: refresh-token", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "expired-token" });
    const err = await failure(x.post(channel, { text: text("No refresh") }, {}));
    expect(err.kind).toBe("refresh-token");
    expect(err.message).toBe("Unauthorized");
  });

  it("a really expired token is refreshed once for uploads and post together", async () => {
    emu.state.expireTokens("x");
    const out = await x.post(channel, { text: text("Expired for real"), media: [png()] }, {}, ctx);
    expect(refreshes).toBe(1);
    expect(xPosts().find((p) => p.id === out.id)!.media).toHaveLength(1);
  });

  it("missing scope: bad-body with X's message", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "missing-scope" });
    const err = await failure(x.post(channel, { text: text("No scope") }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toBe("You are not permitted to perform this action.");
  });

  it("rate limit: waits until x-rate-limit-reset, then publishes", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "rate-limit", retryAfterSeconds: 1 });
    const before = xPosts().length;
    const started = Date.now();
    await x.post(channel, { text: text("After the limit") }, {});
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(xPosts().length).toBe(before + 1);
  });

  it("rate limit: a long reset is handed back as retry with the delay", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "rate-limit", retryAfterSeconds: 600 });
    const err = await failure(x.post(channel, { text: text("Much later") }, {}));
    expect(err.kind).toBe("retry");
    expect(err.details.retryAfterMs).toBeGreaterThan(590_000);
    expect(err.details.mayHavePublished).toBe(false);
  });

  it("server error on the post: retry, never repeated blindly", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "server-error", times: 2 });
    const err = await failure(x.post(channel, { text: text("Unclear") }, {}));
    expect(err.kind).toBe("retry");
    expect(err.details.mayHavePublished).toBe(true);
    expect(emu.state.faults[0]?.times).toBe(1); // the second fault is untouched: one request only
  });

  it("server error on an upload: repeated, since an extra upload publishes nothing", async () => {
    await injectFault(emu, { platform: "x", route: "media", kind: "server-error" });
    const out = await x.post(channel, { text: text("Upload retried"), media: [png()] }, {});
    expect(xPosts().find((p) => p.id === out.id)!.media).toHaveLength(1);
  });

  it("duplicate fault: bad-body", async () => {
    await injectFault(emu, { platform: "x", route: "post", kind: "duplicate" });
    const err = await failure(x.post(channel, { text: text("Dup") }, {}));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toContain("duplicate content");
  });

  it("a timed-out post that went through is reported as possibly published, not repeated", async () => {
    process.env.PROVIDER_TIMEOUT_MS = "300";
    try {
      await injectFault(emu, { platform: "x", route: "post", kind: "timeout", processed: true, delayMs: 1_000 });
      const before = xPosts().length;
      const err = await failure(x.post(channel, { text: text("Lost answer") }, {}));
      expect(err.kind).toBe("retry");
      expect(err.details.mayHavePublished).toBe(true);
      expect(xPosts().length).toBe(before + 1);
    } finally {
      delete process.env.PROVIDER_TIMEOUT_MS;
    }
  });
});
