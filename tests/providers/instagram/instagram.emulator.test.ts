import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import instagramEmu from "@/emulator/platforms/instagram";
import type { Emulator } from "@/emulator/server";
import { createServer, type Server } from "node:http";
import { useEmulator } from "@/tests/helpers/emulator";
import { isoMedia, jpeg } from "@/tests/helpers/media-bytes";

// The emulator's own rules, as Meta documents them: a video container is IN_PROGRESS before it is
// FINISHED and cannot be published meanwhile (9007/2207027), an unpublished container EXPIRES after
// 24 hours (2207020), a carousel takes 2 to 10 children, and the insights metrics removed in 2025
// (impressions) are refused.

let emu: Emulator;
let base = "";
let token = "";
let ig = "";
let files: Server;
let image = "";

// A test's reading of Meta's answers: every field it looks at, present or not.
type Answer = {
  id: string;
  error: { code?: number; error_subcode?: number; message: string };
  status_code: string;
  status: string;
  data: { values: unknown[] }[];
};

async function call(method: string, path: string, params: Record<string, string> = {}) {
  const q = new URLSearchParams(params);
  const res = await fetch(`${base}${path}${method === "GET" ? `?${q}` : ""}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    ...(method === "POST" ? { body: q } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

beforeAll(async () => {
  emu = await useEmulator([instagramEmu]);
  base = `${emu.url}/instagram`;
  const account = emu.state.account("instagram", "emu.rules");
  // A long-lived token (60 days), so it outlives the container aged below.
  emu.state.accessTtlSeconds = 60 * 86_400;
  token = emu.state.issueTokens(
    "instagram",
    account.id,
    "emulator-client",
    ["instagram_basic", "instagram_content_publish", "instagram_manage_insights"],
    false,
  ).accessToken;
  ig = `ig-${account.id}`;
  const body = Buffer.from(jpeg(1080, 1080));
  const clip = Buffer.concat([isoMedia("mp42"), Buffer.alloc(1000)]);
  files = createServer((req, res) =>
    req.url === "/clip.mp4"
      ? res.writeHead(200, { "content-type": "video/mp4", "content-length": clip.length }).end(clip)
      : res.writeHead(200, { "content-type": "image/jpeg", "content-length": body.length }).end(body),
  );
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  image = `http://127.0.0.1:${(files.address() as { port: number }).port}/pic.jpg`;
});
afterAll(async () => {
  files?.close();
  await emu?.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
afterEach(() => vi.useRealTimers());

describe("Instagram emulator containers", () => {
  it("keeps a video IN_PROGRESS at first, refusing media_publish until it is FINISHED", async () => {
    const reel = await call("POST", `/${ig}/media`, { media_type: "REELS", video_url: image.replace("pic.jpg", "clip.mp4"), caption: "r" });
    const early = await call("POST", `/${ig}/media_publish`, { creation_id: reel.body.id });
    expect(early.body.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
    expect((await call("GET", `/${reel.body.id}`, { fields: "status_code" })).body.status_code).toBe("IN_PROGRESS");
    expect((await call("GET", `/${reel.body.id}`, { fields: "status_code" })).body.status_code).toBe("FINISHED");
    expect((await call("POST", `/${ig}/media_publish`, { creation_id: reel.body.id })).body.id).toBeTruthy();
  });

  it("shows ERROR with Meta's subcode for a video it cannot download, and refuses to publish it", async () => {
    // An unreachable video fails while processing: the container shows ERROR with Meta's subcode.
    const bad = await call("POST", `/${ig}/media`, { media_type: "REELS", video_url: "http://127.0.0.1:9/none.mp4" });
    expect(bad.status).toBe(200);
    const early = await call("POST", `/${ig}/media_publish`, { creation_id: bad.body.id });
    expect(early.body.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
    expect((await call("GET", `/${bad.body.id}`, { fields: "status_code" })).body.status_code).toBe("ERROR");
    const status = await call("GET", `/${bad.body.id}`, { fields: "status_code,status" });
    expect(status.body.status).toMatch(/2207052/);
  });

  it("expires a container left unpublished for 24 hours", async () => {
    const img = await call("POST", `/${ig}/media`, { image_url: "http://127.0.0.1:9/none.jpg" });
    // An image is fetched at once: one Meta cannot download is refused with 9004/2207052.
    expect(img.body.error).toMatchObject({ code: 9004, error_subcode: 2207052 });
    const carousel = await call("POST", `/${ig}/media`, { media_type: "CAROUSEL", children: "1" });
    expect(carousel.body.error).toMatchObject({ code: 100, error_subcode: 2207028 });
    const ok = await call("POST", `/${ig}/media`, { image_url: image, caption: "late" });
    expect((await call("GET", `/${ok.body.id}`, { fields: "status_code" })).body.status_code).toBe("FINISHED");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 25 * 3_600_000);
    expect((await call("GET", `/${ok.body.id}`, { fields: "status_code" })).body.status_code).toBe("EXPIRED");
    const late = await call("POST", `/${ig}/media_publish`, { creation_id: ok.body.id });
    expect(late.body.error).toMatchObject({ code: 9007, error_subcode: 2207020 });
  });

  it("refuses the deprecated impressions metric and ranges over 30 days", async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await call("GET", `/${ig}/insights`, {
      metric: "impressions",
      period: "day",
      since: String(now - 86400),
      until: String(now),
    });
    expect(old.body.error).toMatchObject({ code: 100 });
    const long = await call("GET", `/${ig}/insights`, {
      metric: "reach",
      period: "day",
      since: String(now - 40 * 86400),
      until: String(now),
    });
    expect(long.body.error.message).toMatch(/30 days/);
    const ok = await call("GET", `/${ig}/insights`, { metric: "reach", period: "day", since: String(now - 3 * 86400), until: String(now) });
    expect(ok.body.data[0]!.values).toHaveLength(3);
  });

  it("reads the publishing quota as quota_usage (the Reel published above) and config", async () => {
    const q = await call("GET", `/${ig}/content_publishing_limit`, { fields: "quota_usage,config" });
    expect(q.body.data[0]).toEqual({ quota_usage: 1, config: { quota_total: 100, quota_duration: 86400 } });
  });
});
