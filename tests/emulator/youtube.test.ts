import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/youtube";
import { youtubeStore } from "@/emulator/platforms/youtube/uploads";
import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator, useEmulator } from "@/tests/helpers/emulator";

// The YouTube emulator refuses and answers as Google documents the resumable protocol: a session
// from a valid video resource only, chunks in 256 KiB multiples with a matching Content-Range, 308
// with Range while bytes are missing (none before the first), `bytes */N` to ask, and the video
// only after the last byte.

let emu: Emulator;
let token = "";
const KIB256 = 256 * 1024;

async function signIn(): Promise<string> {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: "emulator-client",
    redirect_uri: "http://127.0.0.1:9/cb",
    state: "s",
    scope: "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly",
    access_type: "offline",
  });
  const back = await authorizeInEmulator(emu, `${emu.url}/youtube/o/oauth2/v2/auth?${q}`, { username: "emu_rules" });
  const res = await fetch(`${emu.url}/youtube/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code")!,
      redirect_uri: "http://127.0.0.1:9/cb",
      client_id: "emulator-client",
      client_secret: "emulator-secret",
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const start = (body: unknown, size: number, headers: Record<string, string> = {}) =>
  fetch(`${emu.url}/youtube/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json; charset=UTF-8",
      "x-upload-content-length": String(size),
      "x-upload-content-type": "video/mp4",
      ...headers,
    },
    body: JSON.stringify(body),
  });
const put = (session: string, range: string, body?: Uint8Array<ArrayBuffer>) =>
  fetch(session, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-range": range }, body, redirect: "manual" });
const reason = async (r: Response) => ((await r.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason;
const ok = { snippet: { title: "T", description: "D" }, status: { privacyStatus: "private" } };

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  token = await signIn();
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("YouTube emulator: videos.insert, resumable", () => {
  it("refuses a video resource YouTube refuses", async () => {
    expect(await reason(await start({ snippet: { title: "" }, status: {} }, 10))).toBe("invalidTitle");
    expect(await reason(await start({ snippet: { title: "x".repeat(101) }, status: {} }, 10))).toBe("invalidTitle");
    expect(await reason(await start({ snippet: { title: "T", description: "a<b" }, status: {} }, 10))).toBe("invalidDescription");
    expect(await reason(await start({ snippet: { title: "T", categoryId: "999" }, status: {} }, 10))).toBe("invalidCategoryId");
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect(await reason(await start({ snippet: { title: "T" }, status: { privacyStatus: "public", publishAt: at } }, 10))).toBe(
      "invalidPublishAt",
    );
    expect((await start(ok, 10, { "x-upload-content-type": "image/png" })).status).toBe(400);
    expect((await start(ok, 10, { authorization: "Bearer nope" })).status).toBe(401);
  });

  it("answers 308 with Range until the last byte, and the video after it", async () => {
    const size = 2 * KIB256 + 10;
    const res = await start(ok, size);
    expect(res.status).toBe(200);
    const session = res.headers.get("location")!;
    // Nothing yet: 308 without a Range header.
    let r = await put(session, `bytes */${size}`);
    expect(r.status).toBe(308);
    expect(r.headers.get("range")).toBeNull();
    // A chunk that is not a multiple of 256 KiB (and not the last) is refused.
    expect((await put(session, `bytes 0-999/${size}`, new Uint8Array(1000))).status).toBe(400);
    // A body that does not match its Content-Range is refused.
    expect((await put(session, `bytes 0-${KIB256 - 1}/${size}`, new Uint8Array(10))).status).toBe(400);
    r = await put(session, `bytes 0-${KIB256 - 1}/${size}`, new Uint8Array(KIB256));
    expect(r.status).toBe(308);
    expect(r.headers.get("range")).toBe(`bytes=0-${KIB256 - 1}`);
    r = await put(session, `bytes */${size}`);
    expect(r.headers.get("range")).toBe(`bytes=0-${KIB256 - 1}`);
    expect(emu.state.posts).toHaveLength(0);
    r = await put(session, `bytes ${KIB256}-${size - 1}/${size}`, new Uint8Array(size - KIB256));
    expect(r.status).toBe(200);
    const video = (await r.json()) as { id: string; status: { uploadStatus: string } };
    expect(video.status.uploadStatus).toBe("uploaded");
    expect(emu.state.posts.map((p) => p.id)).toEqual([video.id]);
    // Asking again: complete, the same video.
    r = await put(session, `bytes */${size}`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { id: string }).id).toBe(video.id);
    const s = [...youtubeStore(emu.state).sessions.values()].find((x) => x.videoId === video.id)!;
    expect(s.bytesReceived).toBe(size);
  });

  it("answers 404 for a session it does not know", async () => {
    expect((await put(`${emu.url}/youtube/upload/youtube/v3/videos?uploadType=resumable&upload_id=nope`, "bytes */10")).status).toBe(404);
  });
});
