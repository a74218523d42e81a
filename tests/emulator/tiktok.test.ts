import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tiktokEmulator from "@/emulator/platforms/tiktok";
import { chunkProblem } from "@/emulator/platforms/tiktok/media-rules";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";

// The TikTok emulator refuses what TikTok documents: client_id instead of client_key, chunk plans
// off TikTok's arithmetic, out-of-order or misaligned Content-Range, a privacy level not offered,
// branded content kept private; and moves a publish PROCESSING_UPLOAD → PROCESSING_DOWNLOAD →
// PUBLISH_COMPLETE, with the post id as a bare int64.

const MB = 1024 * 1024;
let emu: Emulator;
let token = "";
const api = (path: string) => `${emu.url}/tiktok${path}`;
const call = async (path: string, body: unknown) => {
  const res = await fetch(api(path), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=UTF-8" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: JSON.parse(text) as { data: Record<string, unknown>; error: { code: string; message: string } },
  };
};
const postInfo = {
  title: "hi",
  privacy_level: "PUBLIC_TO_EVERYONE",
  disable_stitch: true,
  brand_content_toggle: false,
  brand_organic_toggle: false,
};

beforeAll(async () => {
  emu = await useEmulator([tiktokEmulator]);
  const q = new URLSearchParams({
    client_key: "emulator-client",
    scope: "user.info.basic,video.publish,video.upload",
    response_type: "code",
    redirect_uri: "http://127.0.0.1:5555/cb",
    state: "s",
  });
  const back = await authorizeInEmulator(emu, `${api("/v2/auth/authorize/")}?${q}`, { username: "emu_tiktok_contract" });
  const res = await fetch(api("/v2/oauth/token/"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_key: "emulator-client",
      client_secret: "emulator-secret",
      code: back.searchParams.get("code")!,
      grant_type: "authorization_code",
      redirect_uri: "http://127.0.0.1:5555/cb",
    }),
  });
  const t = (await res.json()) as { access_token: string; open_id: string; scope: string };
  expect(t.scope).toBe("user.info.basic,video.publish,video.upload");
  token = t.access_token;
});
afterAll(async () => {
  await emu.stop();
});

describe("TikTok emulator", () => {
  it("refuses an authorize link without client_key", async () => {
    const q = new URLSearchParams({
      client_id: "emulator-client",
      scope: "user.info.basic",
      response_type: "code",
      redirect_uri: "http://x/cb",
      state: "s",
    });
    const res = await fetch(`${api("/v2/auth/authorize/")}?${q}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/client_key is required/);
  });

  it("checks chunk plans by TikTok's rules", () => {
    expect(chunkProblem(100_000, 100_000, 1)).toBeUndefined();
    expect(chunkProblem(100_000, 50_000, 2)).toMatch(/under 5 MB must be uploaded whole/);
    expect(chunkProblem(25 * MB, 10 * MB, 2)).toBeUndefined();
    expect(chunkProblem(25 * MB, 10 * MB, 3)).toMatch(/floor\(video_size \/ chunk_size\) = 2/);
    expect(chunkProblem(200 * MB, 4 * MB, 50)).toMatch(/between 5 MB and 64 MB/);
    expect(chunkProblem(300 * MB, 64 * MB, 4)).toBeUndefined();
    // A final chunk over 128 MB would need a count below floor(size / chunk): refused by that rule.
    expect(chunkProblem(64 * MB * 2 + 127 * MB, 64 * MB, 2)).toMatch(/floor/);
  });

  it("offers the creator's privacy levels and refuses one it does not, and private branded content", async () => {
    const info = await call("/v2/post/publish/creator_info/query/", {});
    expect(info.body.error.code).toBe("ok");
    expect(info.body.data.privacy_level_options).toContain("SELF_ONLY");
    const source_info = { source: "FILE_UPLOAD", video_size: 1000, chunk_size: 1000, total_chunk_count: 1 };
    const bad = await call("/v2/post/publish/video/init/", { post_info: { ...postInfo, privacy_level: "EVERYONE" }, source_info });
    expect(bad.body.error.code).toBe("privacy_level_option_mismatch");
    const branded = await call("/v2/post/publish/video/init/", {
      post_info: { ...postInfo, privacy_level: "SELF_ONLY", brand_content_toggle: true },
      source_info,
    });
    expect(branded.body.error.message).toMatch(/Branded content cannot be posted with privacy SELF_ONLY/);
    const pull = await call("/v2/post/publish/video/init/", {
      post_info: postInfo,
      source_info: { source: "PULL_FROM_URL", video_url: "https://x/v.mp4" },
    });
    expect(pull.body.error.code).toBe("url_ownership_unverified");
  });

  it("takes chunks in order with an exact Content-Range, then moves the publish to PUBLISH_COMPLETE", async () => {
    const size = 12 * MB + 5;
    const init = await call("/v2/post/publish/video/init/", {
      post_info: postInfo,
      source_info: { source: "FILE_UPLOAD", video_size: size, chunk_size: 6 * MB, total_chunk_count: 2 },
    });
    expect(init.body.error.code).toBe("ok");
    const { publish_id, upload_url } = init.body.data as { publish_id: string; upload_url: string };
    const put = (start: number, end: number, range = `bytes ${start}-${end}/${size}`) =>
      fetch(upload_url, {
        method: "PUT",
        headers: { "content-type": "video/mp4", "content-range": range },
        body: Buffer.alloc(end - start + 1),
      });
    // Out of order, then a misaligned first chunk.
    expect((await put(6 * MB, size - 1)).status).toBe(416);
    expect((await put(0, 5 * MB)).status).toBe(416);
    expect((await put(0, 6 * MB - 1, "bytes=0-1")).status).toBe(400);
    expect((await call("/v2/post/publish/status/fetch/", { publish_id })).body.data.status).toBe("PROCESSING_UPLOAD");
    expect((await put(0, 6 * MB - 1)).status).toBe(206);
    expect((await put(6 * MB, size - 1)).status).toBe(201);
    expect((await call("/v2/post/publish/status/fetch/", { publish_id })).body.data.status).toBe("PROCESSING_DOWNLOAD");
    const done = await call("/v2/post/publish/status/fetch/", { publish_id });
    expect(done.body.data.status).toBe("PUBLISH_COMPLETE");
    // The id is written as TikTok writes it: a bare number, digit for digit.
    const id = emu.state.posts.find((p) => p.extra?.publishId === publish_id)!.id;
    expect(done.text).toContain(`"publicaly_available_post_id":[${id}]`);
  });
});
