import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { saveUpload } from "@/lib/media/store";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import * as bytes from "../../helpers/media-bytes";
import { ownDatabase, settled } from "../../helpers/publishing";

// An upload from the media library reaches the platform: the worker finds the file where the
// upload stored it and sends the same bytes, type and alt text.
ownDatabase();
let dataDir: string;
let emu: Emulator;
let worker: PublishingWorker;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let mastodon: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-media-pub-"));
  process.env.DATA_DIR = dataDir;
  emu = await useEmulator();
  owner = await makeOwner("media-pub");
  mastodon = await connectEmulated(owner, emu, "mastodon", "media_pub");
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("publishing a library upload", () => {
  it("sends the uploaded file with its type and the post's alt text", async () => {
    const data = bytes.bigPng(5000);
    const stream = new ReadableStream<Uint8Array>({ start: (c) => { c.enqueue(data); c.close(); } });
    const media = await saveUpload(owner, stream, { fileName: "card.png", declaredSize: data.length });
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: mastodon, items: [{ text: "with a picture", media: [{ mediaId: media.id, alt: "A test card" }] }] }],
    });
    const [t] = await settled(id);
    expect(t!.errorMessage).toBeNull();
    expect(t!.status).toBe("published");
    const post = emu.state.posts.find((p) => p.text === "with a picture")!;
    expect(post.media).toHaveLength(1);
    expect(emu.state.media.get(post.media[0]!)).toMatchObject({ mimeType: "image/png", size: 5000, alt: "A test card" });
  });
});
