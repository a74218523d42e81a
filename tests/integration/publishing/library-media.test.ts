import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { updateMediaAlt } from "@/lib/media/library";
import { saveUpload } from "@/lib/media/store";
import { createPost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { connectEmulated } from "../../helpers/channels";
import { injectFault, useEmulator } from "../../helpers/emulator";
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
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(data);
        c.close();
      },
    });
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

describe("alt text and each channel's limit", () => {
  const upload = async (name: string) => {
    const data = bytes.bigPng(3000);
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(data);
        c.close();
      },
    });
    return saveUpload(owner, stream, { fileName: name, declaredSize: data.length });
  };

  it("a library file's long alt text is refused on save for X, naming the channel and the rule, but goes to Mastodon", async () => {
    const x = await connectEmulated(owner, emu, "x", "alt_limit_x");
    const media = await upload("long-alt.png");
    await updateMediaAlt(owner, media.id, { alt: "a".repeat(1200) });
    const err = (await createPost(owner, {
      mode: "now",
      targets: [{ channelId: x, items: [{ text: "too long alt", media: [{ mediaId: media.id }] }] }],
    }).catch((e) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({
      "targets.0.items.0.media.0.alt":
        'alt limit x (X, @alt_limit_x): the alt text of "long-alt.png" has 1200 characters; the platform takes at most 1000; shorten it by 200',
    });

    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: mastodon, items: [{ text: "long alt is fine here", media: [{ mediaId: media.id }] }] }],
    });
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    const post = emu.state.posts.find((p) => p.text === "long alt is fine here")!;
    expect(emu.state.media.get(post.media[0]!)!.alt).toBe("a".repeat(1200));
  });

  it("X refusing the alt text publishes the post and shows a warning on the target", async () => {
    const x = await connectEmulated(owner, emu, "x", "alt_refused_x");
    const media = await upload("refused.png");
    await injectFault(emu, { platform: "x", route: "media-metadata", kind: "missing-scope" });
    const { id } = await createPost(owner, {
      mode: "now",
      targets: [{ channelId: x, items: [{ text: "refused alt", media: [{ mediaId: media.id, alt: "A card" }] }] }],
    });
    const [t] = await settled(id);
    expect(t!.status).toBe("published");
    const view = await getPost(owner, id);
    expect(view.status).toBe("published");
    expect(view.targets[0]!.warnings).toEqual([
      "X did not take the alt text of image 1 (You are not permitted to perform this action.), so it was published without it",
    ]);
    expect(view.targets[0]!.links).toHaveLength(1);
  });
});
