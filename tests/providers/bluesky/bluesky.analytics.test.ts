import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { useEmulator } from "@/tests/helpers/emulator";
import type { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import blueskyEmulator from "@/emulator/platforms/bluesky";
import { BlueskyProvider } from "@/providers/bluesky/bluesky.provider";

// Bluesky analytics at the provider seam: profile counts and app.bsky.feed.getPosts.

const bsky = new BlueskyProvider();
let emu: Emulator;
let channel: ChannelAccess;

beforeAll(async () => {
  emu = await useEmulator([blueskyEmulator]);
  const service = `${emu.url}/bluesky`;
  const auth = await bsky.connectWithFields({ service, identifier: "counts.emulator.test", password: "app-pass-word-emul" });
  channel = {
    id: "ch-1",
    internalId: auth.id,
    username: auth.username,
    instanceUrl: service,
    accessToken: auth.accessToken,
    profile: auth.profile,
  };
});
afterAll(() => emu.stop());

describe("Bluesky analytics", () => {
  it("reads the profile's follower, follows and post counts", async () => {
    const { points, gaps } = await bsky.analytics(channel, { from: new Date(), to: new Date() });
    expect(points.map((p) => p.metric)).toEqual(["followers", "following", "posts_total"]);
    expect(gaps).toEqual([]);
  });

  it("reads a post's counts from getPosts, and reports a post Bluesky no longer shows", async () => {
    const made = await bsky.post(channel, { text: "count my likes" }, {});
    expect(Object.keys(await bsky.postAnalytics(channel, made.id)).sort()).toEqual([
      "bookmarks",
      "engagements",
      "likes",
      "quotes",
      "replies",
      "reposts",
    ]);
    const gone = made.id.replace(/[^/]+$/, "3kaaaaaaaaaaa");
    const err = (await bsky.postAnalytics(channel, gone).catch((e) => e)) as ProviderError;
    expect(err.kind).toBe("bad-body");
  });

  it("refuses more than 25 uris as the lexicon says", async () => {
    const uris = Array.from({ length: 26 }, (_, i) => `uris=${encodeURIComponent(`at://did:plc:x/app.bsky.feed.post/${i}`)}`).join("&");
    const res = await fetch(`${emu.url}/bluesky/xrpc/app.bsky.feed.getPosts?${uris}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "InvalidRequest" });
  });
});
