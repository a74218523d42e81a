import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SocialAbstract } from "@/providers/social.abstract";
import { MB } from "@/providers/tiktok/tiktok.chunks";
import { uploadChunks } from "@/providers/tiktok/tiktok.publish";
import { openVideo, videoDurationSeconds } from "@/providers/tiktok/tiktok.source";
import { storageRangeReader } from "@/lib/publishing/media";

// A library video goes to TikTok read from the media store one chunk at a time (never whole), with
// the publishing engine's ranged reader (manifest media.streamed), each chunk PUT with its exact
// Content-Range; its playing time is read from the mvhd box.

/** A library file as the publishing engine hands it to a streamed platform. */
const library = (key: string, bytes: number) => ({ path: key, mimeType: "video/mp4", size: bytes, read: storageRangeReader(key) });

let dir: string;
const before = process.env.DATA_DIR;
const size = 21 * MB + 7; // two chunks of 10 MB, the last taking the trailing 1 MB + 7 bytes

const mvhdMp4 = (seconds: number, filler: number) => {
  const box = (type: string, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(8 + body.length);
    h.write(type, 4, "latin1");
    return Buffer.concat([h, body]);
  };
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(600, 12);
  mvhd.writeUInt32BE(seconds * 600, 16);
  return Buffer.concat([
    box("ftyp", Buffer.from("isom\x00\x00\x02\x00isommp41", "latin1")),
    box("mdat", Buffer.alloc(filler)),
    box("moov", box("mvhd", mvhd)),
  ]);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tiktok-upload-"));
  process.env.DATA_DIR = dir;
  await mkdir(path.join(dir, "media", "org"), { recursive: true });
  const file = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) file[i] = (i / 4096) % 251;
  await writeFile(path.join(dir, "media", "org", "big.mp4"), file);
  await writeFile(path.join(dir, "media", "org", "long.mp4"), mvhdMp4(700, 1000));
});
afterAll(async () => {
  if (before === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = before;
  await rm(dir, { recursive: true, force: true });
});

describe("TikTok upload from storage", () => {
  it("reads the file by ranges and PUTs each chunk with its exact Content-Range", async () => {
    const video = await openVideo(library("org/big.mp4", size));
    const reads: [number, number][] = [];
    const read = video.read.bind(video);
    video.read = async (start, length) => {
      reads.push([start, length]);
      return read(start, length);
    };
    const sent: { range: string; type: string; bytes: number; first: number }[] = [];
    const api = {
      fetch: async (_url: string, init: RequestInit) => {
        const h = init.headers as Record<string, string>;
        const body = init.body as Uint8Array;
        sent.push({ range: h["content-range"]!, type: h["content-type"]!, bytes: body.length, first: body[0]! });
        return new Response(null, { status: sent.length === 2 ? 201 : 206 });
      },
    } as unknown as SocialAbstract;
    await uploadChunks(api, "http://127.0.0.1/upload", video, { token: "t" });
    await video.close();
    expect(video.size).toBe(size);
    expect(reads).toEqual([
      [0, 10 * MB],
      [10 * MB, size - 10 * MB],
    ]);
    expect(sent.map((s) => s.range)).toEqual([`bytes 0-${10 * MB - 1}/${size}`, `bytes ${10 * MB}-${size - 1}/${size}`]);
    expect(sent.every((s) => s.type === "video/mp4")).toBe(true);
    expect(sent.map((s) => s.bytes)).toEqual([10 * MB, size - 10 * MB]);
    // The second chunk's bytes are the file's from 10 MB on.
    expect(sent[1]!.first).toBe(((10 * MB) / 4096) % 251);
  });

  it("finds the playing time in the mvhd box, wherever moov sits", async () => {
    const video = await openVideo(library("org/long.mp4", mvhdMp4(700, 1000).length));
    expect(await videoDurationSeconds(video)).toBe(700);
    await video.close();
    const bytes = await openVideo({ bytes: new Uint8Array(Buffer.alloc(64)), mimeType: "video/mp4" });
    expect(await videoDurationSeconds(bytes)).toBeUndefined();
  });

  it("never reads outside the media store, and refuses an item with nothing to read", async () => {
    const escape = await openVideo(library("../../etc/passwd", 10));
    await expect(escape.read(0, 10)).rejects.toThrow(/not a media storage key/);
    await expect(openVideo({ path: "org/big.mp4", mimeType: "video/mp4" })).rejects.toThrow(/no file content/);
  });
});
