import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { provider, fb, CLIP, pageChannel, userChannel, posts, graph, withFacebookEmulator } from "./fixture";

// Facebook video against the emulator: by file_url, as multipart source with the Page token, through
// the Resumable Upload API with a user token, and Reels and Stories ("Post as").
withFacebookEmulator();

describe("video", () => {
  it("publishes a video by file_url when it has a public address", async () => {
    const ch = await pageChannel();
    const r = await provider.post(ch, { text: "A video", media: [{ url: `${fb.filesUrl}/clip.mp4`, mimeType: "video/mp4" }] }, {});
    expect(r.url).toBe(`https://www.facebook.com/${ch.internalId}/videos/${r.id}`);
    expect(posts()[0]).toMatchObject({ text: "A video", media: [`${fb.filesUrl}/clip.mp4`], extra: { kind: "video", via: "file_url" } });
  });

  it("with the Page token, sends a video's bytes as multipart source on the publish call", async () => {
    const ch = await pageChannel();
    await provider.post(ch, { text: "Sent video", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, {});
    expect(posts()[0]!.media).toEqual([`upload:${createHash("sha256").update(CLIP).digest("hex")}`]);
    expect(posts()[0]!.extra?.via).toBe("source");
  });

  it("with the user token (older channels), sends the bytes through the Resumable Upload API, the file arriving whole", async () => {
    const ch = await userChannel();
    await provider.post(ch, { text: "Uploaded video", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, {});
    expect(posts()[0]!.media).toEqual([`upload:${createHash("sha256").update(CLIP).digest("hex")}`]);
    expect(posts()[0]!.extra?.via).toBe("resumable-upload");
  });

  it("the emulator's upload session takes only the user's token and the offset where the upload stands", async () => {
    const ch = await userChannel();
    const open = await fetch(graph(`/emulator-client/uploads?file_name=a.mp4&file_length=10&file_type=video/mp4`), {
      method: "POST",
      headers: { authorization: `Bearer ${ch.accessToken}` },
    });
    const { id } = (await open.json()) as { id: string };
    expect(id).toMatch(/^upload:/);
    const wrong = await fetch(graph(`/${id}`), {
      method: "POST",
      headers: { authorization: `OAuth ${ch.accessToken}`, file_offset: "5" },
      body: new Uint8Array(5),
    });
    expect(JSON.stringify(await wrong.json())).toMatch(/file_offset must be 0/);
  });
});

describe("Reels and Stories (Post as)", () => {
  it("publishes a Reel by file_url through the upload host: start, upload, finish with video_state=PUBLISHED", async () => {
    const ch = await pageChannel();
    const r = await provider.post(
      ch,
      { text: "My reel", media: [{ url: `${fb.filesUrl}/clip.mp4`, mimeType: "video/mp4" }] },
      { postAs: "reel" },
    );
    expect(r.url).toBe(`https://www.facebook.com/reel/${r.id}`);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ id: r.id, text: "My reel", media: [`${fb.filesUrl}/clip.mp4`], extra: { kind: "reel" } });
    expect((posts()[0]!.extra!.mediaFetches as { ok: boolean }[])[0]!.ok).toBe(true);
  });

  it("uploads a Reel's bytes with offset and file_size when there is no public address", async () => {
    const ch = await pageChannel();
    await provider.post(ch, { text: "Bytes reel", media: [{ mimeType: "video/mp4", bytes: new Uint8Array(CLIP) }] }, { postAs: "reel" });
    expect(posts()[0]!.media[0]).toMatch(/^upload:[0-9a-f]{64}$/);
  });

  it("publishes a photo Story (unpublished photo, then photo_stories) and a video Story", async () => {
    const ch = await pageChannel();
    const a = await provider.post(ch, { text: "", media: [{ url: `${fb.filesUrl}/pic.png`, mimeType: "image/png" }] }, { postAs: "story" });
    const b = await provider.post(
      ch,
      { text: "ignored", media: [{ url: `${fb.filesUrl}/clip.mp4`, mimeType: "video/mp4" }] },
      { postAs: "story" },
    );
    expect(posts().map((p) => [p.id, p.extra?.kind])).toEqual([
      [a.id, "photo_story"],
      [b.id, "video_story"],
    ]);
    expect(b.warnings?.[0]).toMatch(/takes no text/);
  });

  it("refuses what a Reel or Story cannot carry on save, naming the setting", async () => {
    const ch = await pageChannel();
    expect(await provider.checkSettings!(ch, { postAs: "reel" }, [{ text: "x", mediaTypes: ["image/png"] }])).toEqual({
      postAs: "A Facebook Reel needs exactly one video",
    });
    expect(await provider.checkSettings!(ch, { postAs: "story" }, [{ text: "x", mediaTypes: [] }])).toHaveProperty("postAs");
    expect(await provider.checkSettings!(ch, { link: "https://e.com" }, [{ text: "x", mediaTypes: ["image/png"] }])).toHaveProperty("link");
    expect(await provider.checkSettings!(ch, { postAs: "reel" }, [{ text: "x", mediaTypes: ["video/mp4"] }])).toEqual({});
  });
});
