import { mkdirSync, mkdtempSync, openSync, closeSync, writeSync, ftruncateSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { youtubeStore } from "@/emulator/platforms/youtube/uploads";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { createPost } from "@/lib/posts/operations";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { isoMedia } from "../../helpers/media-bytes";
import { ownDatabase, settled, spawnWorker, stopWorker, waitFor, workerReady } from "../../helpers/publishing";

// A YouTube upload survives its worker being SIGKILLed mid-file: the real `npm run worker` process
// uploads a library video through the resumable protocol to the emulator, is killed after some
// chunks were confirmed, and a second worker asks YouTube's session for its offset and sends only
// the rest. The emulator counts every byte a session received: the file arrives exactly once, in
// one session, and one video is created.
const database = ownDatabase();
let emu: Emulator;
let dataDir: string;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channel: string;
const workers: ReturnType<typeof spawnWorker>[] = [];
const MIB = 1024 * 1024;
const SIZE = 40 * MIB; // five 8 MiB chunks

const start = async () => {
  const w = spawnWorker(database.url(), emu.url, { PROVIDER_TIMEOUT_MS: "10000", DATA_DIR: dataDir });
  workers.push(w);
  await workerReady(w);
  return w;
};
const latency = (ms: number) =>
  fetch(`${emu.url}/_emulator/latency`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: "youtube", ms }),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-yt-resume-"));
  process.env.DATA_DIR = dataDir;
  emu = await useEmulator();
  owner = await makeOwner("yt-resume");
  channel = await connectEmulated(owner, emu, "youtube", "yt_resume");
}, 60_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopWorker(w, "SIGKILL")));
  await latency(0);
});
afterAll(async () => {
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A library video: an MP4 header, then a sparse 40 MiB. */
async function libraryVideo(): Promise<string> {
  const rel = path.join(owner.organizationId, "resume.mp4");
  const file = path.join(dataDir, "media", rel);
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  try {
    writeSync(fd, isoMedia("mp42"));
    ftruncateSync(fd, SIZE);
  } finally {
    closeSync(fd);
  }
  const row = await db.media.create({
    data: { organizationId: owner.organizationId, fileName: "resume.mp4", mimeType: "video/mp4", size: SIZE, path: rel },
  });
  return row.id;
}

describe("a YouTube upload and a killed worker", () => {
  it("continues from YouTube's offset after a SIGKILL mid-file: every byte once, one video", async () => {
    const mediaId = await libraryVideo();
    const text = "resumed after a SIGKILL";
    // Each chunk takes a while at the platform, so the kill lands mid-file.
    await latency(400);
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [
        { channelId: channel, items: [{ text, media: [{ mediaId }] }], settings: { title: "Killed mid-upload", madeForKids: "no" } },
      ],
    });
    const first = await start();
    const sessions = () => [...youtubeStore(emu.state).sessions.values()].filter((s) => s.metadata.snippet.description === text);
    const progress = new Set<string>();
    await waitFor(
      "two chunks confirmed and saved on the target",
      async () => {
        const t = await db.postTarget.findFirstOrThrow({ where: { postId: id } });
        if (t.uploadProgress) progress.add(t.uploadProgress);
        const saved = t.uploadState as { offset?: number } | null;
        return (saved?.offset ?? 0) >= 2 * 8 * MIB && sessions()[0]!.chunks >= 2;
      },
      60_000,
    );
    await stopWorker(first, "SIGKILL");
    const atKill = sessions()[0]!.received;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(SIZE);
    expect(emu.state.posts.filter((p) => p.text === text)).toHaveLength(0);

    await latency(0);
    await start();
    const [t] = await settled(id, 60_000);
    expect(t!.status, t!.errorMessage ?? "").toBe("published");
    expect(t!.attempts).toBe(2);
    expect([...progress].some((p) => /^Uploading \d+%$/.test(p))).toBe(true);

    // One session, each byte received once: the second worker did not start again from 0.
    expect(sessions()).toHaveLength(1);
    expect(sessions()[0]!.bytesReceived).toBe(SIZE);
    const videos = emu.state.posts.filter((p) => p.text === text);
    expect(videos).toHaveLength(1);
    expect((t!.results as { id: string }[])[0]!.id).toBe(videos[0]!.id);
    expect(videos[0]!.extra).toMatchObject({ size: SIZE, container: "iso-bmff" });
  }, 150_000);
});
