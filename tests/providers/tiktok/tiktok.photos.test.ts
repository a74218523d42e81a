import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import tiktokEmulator from "@/emulator/platforms/tiktok";
import type { Emulator } from "@/emulator/server";
import { kindsUnavailable } from "@/lib/media/verified-prefix";
import { checkVariant } from "@/lib/posts/variant-rules";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess, PostItem } from "@/providers/social.integrations.interface";
import { tiktokManifest } from "@/providers/tiktok/tiktok.manifest";
import { TiktokProvider } from "@/providers/tiktok/tiktok.provider";
import { tiktokSettings } from "@/providers/tiktok/tiktok.settings";
import { useEmulator } from "@/tests/helpers/emulator";

// TikTok photo posts at the provider seam, against the emulated Content Posting API: photos go by
// PULL_FROM_URL from the verified prefix the operator names (TIKTOK_VERIFIED_MEDIA_PREFIX), an
// upload as its signed public URL; TikTok (the emulator) refuses other addresses with
// url_ownership_unverified and downloads each photo, failing the publish when it cannot.

const tiktok = new TiktokProvider();
let emu: Emulator;
let files: Server;
let filesUrl = "";
let channel: ChannelAccess;
const saved = { ...process.env };
// A JPEG's signature and a JFIF segment: enough for TikTok's (the emulator's) format check.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

beforeAll(async () => {
  emu = await useEmulator([tiktokEmulator]);
  files = createServer((req, res) => {
    if (req.url?.endsWith(".jpg")) res.writeHead(200, { "content-type": "image/jpeg" }).end(JPEG);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  process.env.TIKTOK_STATUS_POLL_SECONDS = "0.01";
  const acc = emu.state.account("tiktok", "jane");
  const t = emu.state.issueTokens("tiktok", acc.id, SANDBOX_CLIENT.id, ["user.info.basic", "video.publish", "video.upload"], true);
  channel = { id: "ch-jane", internalId: acc.id, username: "jane", accessToken: t.accessToken, profile: {} };
});
afterEach(() => {
  for (const k of ["TIKTOK_VERIFIED_MEDIA_PREFIX", "EMULATOR_TIKTOK_VERIFIED_PREFIX", "APP_URL"])
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
});
afterAll(async () => {
  await emu.stop();
  await new Promise((r) => files.close(r));
  if (saved.TIKTOK_STATUS_POLL_SECONDS === undefined) delete process.env.TIKTOK_STATUS_POLL_SECONDS;
});

const settings = (extra: Record<string, unknown> = {}) => tiktokSettings.parse({ privacy_level: "PUBLIC_TO_EVERYONE", ...extra });
const photos = (text: string, ...names: string[]): PostItem => ({
  text,
  media: names.map((n) => ({ url: `${filesUrl}/media/${n}`, mimeType: "image/jpeg" })),
});
const sent = (text: string) => emu.state.posts.filter((p) => p.platform === "tiktok" && p.text === text);

describe("TikTok photo posts", () => {
  it("init PHOTO by PULL_FROM_URL with the photos, cover, title and description; TikTok downloads each", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = `${filesUrl}/media/`;
    const out = await tiktok.post(
      channel,
      photos("Two photos", "a.jpg", "b.jpg"),
      settings({ photo_title: "Holiday", allow_comment: true }),
    );
    expect(out.url).toMatch(/^https:\/\/www\.tiktok\.com\/@jane\/video\/\d+$/);
    const [p] = sent("Two photos");
    expect(p?.media).toEqual([`${filesUrl}/media/a.jpg`, `${filesUrl}/media/b.jpg`]);
    expect(p?.extra).toMatchObject({
      kind: "photo",
      title: "Holiday",
      privacy_level: "PUBLIC_TO_EVERYONE",
      photo_cover_index: 0,
      disable_comment: false,
    });
    const fetches = p?.extra?.mediaFetches as { ok: boolean; sniffedType: string }[];
    expect(fetches.map((f) => [f.ok, f.sniffedType])).toEqual([
      [true, "image/jpeg"],
      [true, "image/jpeg"],
    ]);
  });

  it("sends an upload as its signed public URL (the publish context's)", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = `${filesUrl}/media/`;
    const item: PostItem = { text: "An upload", media: [{ mediaId: "m1", path: "org/m1.jpg", mimeType: "image/jpeg" }] };
    await tiktok.post(channel, item, settings(), { publicMediaUrl: async () => `${filesUrl}/media/signed.jpg` });
    expect(sent("An upload")[0]?.media).toEqual([`${filesUrl}/media/signed.jpg`]);
  });

  it("refuses a photo outside the verified prefix before asking TikTok, and any photo when none is named", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = `${filesUrl}/verified/`;
    const e = (await tiktok.post(channel, photos("Outside", "a.jpg"), settings()).catch((x) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/not under it/);
    delete process.env.TIKTOK_VERIFIED_MEDIA_PREFIX;
    const none = (await tiktok.post(channel, photos("Unset", "a.jpg"), settings()).catch((x) => x)) as ProviderError;
    expect(none.message).toMatch(/TIKTOK_VERIFIED_MEDIA_PREFIX does not name one/);
    expect([...sent("Outside"), ...sent("Unset")]).toHaveLength(0);
  });

  it("reads TikTok's url_ownership_unverified when the app's verified property is another address", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = `${filesUrl}/media/`;
    process.env.EMULATOR_TIKTOK_VERIFIED_PREFIX = "https://cdn.example.com/";
    const e = (await tiktok.post(channel, photos("Unverified", "a.jpg"), settings()).catch((x) => x)) as ProviderError;
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/domain is not verified for this app/);
    expect(sent("Unverified")).toHaveLength(0);
  });

  it("fails the post with photo_pull_failed when TikTok cannot download a photo", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = `${filesUrl}/media/`;
    const e = (await tiktok.post(channel, photos("Missing", "a.jpg", "gone.png"), settings()).catch((x) => x)) as ProviderError;
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/could not download the photos/);
    expect(sent("Missing")[0]?.extra?.status).toBe("FAILED");
  });

  it("sends a photo draft to the inbox (MEDIA_UPLOAD) with title and description only", async () => {
    process.env.TIKTOK_VERIFIED_MEDIA_PREFIX = filesUrl.replace(/^http:\/\//, "").replace(/:\d+$/, "");
    const out = await tiktok.post(channel, photos("Draft photos", "a.jpg"), settings({ post_mode: "inbox" }));
    expect(out.warnings?.join(" ")).toMatch(/inbox/);
    expect(sent("Draft photos")[0]?.extra).toMatchObject({ inbox: true, status: "SEND_TO_USER_INBOX", privacy_level: undefined });
  });
});

describe("photos are offered only under the verified prefix", () => {
  const base = { APP_URL: "https://social.example.com", PROVIDER_SANDBOX_URL: "" };
  it("says why, before scheduling: no prefix named, or this server's media not under it", () => {
    expect(kindsUnavailable(tiktokManifest.media, base).image).toEqual({
      reason: expect.stringMatching(/not named the address verified in the TikTok developer portal \(TIKTOK_VERIFIED_MEDIA_PREFIX\)/),
      uploadsOnly: false,
    });
    expect(kindsUnavailable(tiktokManifest.media, { ...base, TIKTOK_VERIFIED_MEDIA_PREFIX: "https://cdn.example.com/" }).image).toEqual({
      reason: expect.stringMatching(/media address \(https:\/\/social\.example\.com\/m\/\) is not under https:\/\/cdn\.example\.com\//),
      uploadsOnly: true,
    });
    expect(kindsUnavailable(tiktokManifest.media, { ...base, TIKTOK_VERIFIED_MEDIA_PREFIX: "https://social.example.com/m/" })).toEqual({});
    expect(kindsUnavailable(tiktokManifest.media, { ...base, TIKTOK_VERIFIED_MEDIA_PREFIX: "example.com" })).toEqual({});
  });

  it("the composer's check refuses an uploaded photo naming why, and leaves videos alone", () => {
    const mediaUnavailable = kindsUnavailable(tiktokManifest.media, { ...base, TIKTOK_VERIFIED_MEDIA_PREFIX: "https://cdn.example.com/" });
    const rules = { ...tiktokManifest, threads: null, polls: null, mediaUnavailable };
    const out = checkVariant("TikTok", rules, [{ text: "x", media: [{ mimeType: "image/jpeg", uploaded: true, fileName: "a.jpg" }] }]);
    expect(Object.values(out).join(" ")).toMatch(/takes images only from an address verified with the platform/);
    const link = checkVariant("TikTok", rules, [{ text: "x", media: [{ mimeType: "image/jpeg", fileName: "a.jpg" }] }]);
    expect(link).toEqual({});
    const video = checkVariant("TikTok", rules, [{ text: "x", media: [{ mimeType: "video/mp4", uploaded: true, fileName: "v.mp4" }] }]);
    expect(Object.values(video).join(" ")).not.toMatch(/verified/);
  });
});
