import { describe, expect, it } from "vitest";
import { checkFileForChannels, mediaKindOf } from "@/lib/media/rules-check";
import { providers } from "@/providers/registry";
import type { MediaRules } from "@/providers/social.integrations.interface";

const MB = 1_048_576;
const rich: MediaRules = {
  maxItems: 4,
  mixKinds: false,
  image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 5 * MB, maxCount: 4 },
  video: { mimeTypes: ["video/mp4", "video/quicktime"], maxBytes: 512 * MB, maxCount: 1 },
  gif: { mimeTypes: ["image/gif"], maxBytes: 15 * MB, maxCount: 1 },
};
const textOnly: MediaRules = { maxItems: 0, mixKinds: false };
const imagesOnly: MediaRules = {
  maxItems: 4,
  mixKinds: false,
  image: { mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 1_000_000, maxCount: 4 },
};

const acme = { name: "Acme", descriptor: { name: "Birdsite", media: rich } };
const notes = { name: "Notes", descriptor: { name: "Textland", media: textOnly } };
const pics = { name: "Pics", descriptor: { name: "Pixhub", media: imagesOnly } };

describe("checkFileForChannels", () => {
  it("passes a file every channel takes", () => {
    expect(checkFileForChannels({ name: "photo.jpg", type: "image/jpeg", size: 200_000 }, [acme, pics])).toEqual([]);
  });

  it("says which channel refuses a type and lists what it takes", () => {
    expect(checkFileForChannels({ name: "photo.bmp", type: "image/bmp", size: 10 }, [acme])).toEqual([
      'Acme (Birdsite) does not accept "photo.bmp" (image/bmp); it accepts JPEG, PNG, GIF, MP4, MOV',
    ]);
    expect(checkFileForChannels({ name: "clip.mp4", type: "video/mp4", size: 10 }, [acme, pics])).toEqual([
      'Pics (Pixhub) does not accept "clip.mp4" (video/mp4); it accepts JPEG, PNG, GIF',
    ]);
  });

  it("gives the size limit in MB for the file's kind", () => {
    expect(checkFileForChannels({ name: "big.png", type: "image/png", size: 6 * MB }, [acme])).toEqual([
      '"big.png" is 6.0 MB; Acme (Birdsite) accepts images up to 5.0 MB',
    ]);
    expect(checkFileForChannels({ name: "long.mov", type: "video/quicktime", size: 600 * MB }, [acme])).toEqual([
      '"long.mov" is 600.0 MB; Acme (Birdsite) accepts videos up to 512.0 MB',
    ]);
  });

  it("uses GIF rules when the platform has them, and image rules otherwise", () => {
    const anim = { name: "anim.gif", type: "image/gif", size: 8 * MB };
    expect(checkFileForChannels(anim, [acme])).toEqual([]);
    expect(checkFileForChannels(anim, [pics])).toEqual(['"anim.gif" is 8.0 MB; Pics (Pixhub) accepts gifs up to 1.0 MB']);
  });

  it("names a platform that takes no media at all", () => {
    expect(checkFileForChannels({ name: "photo.jpg", type: "image/jpeg", size: 10 }, [notes])).toEqual([
      'Notes (Textland) does not accept media, so "photo.jpg" cannot go to it',
    ]);
  });

  it("falls back on the extension when the browser gives no type, and says so when there is neither", () => {
    expect(checkFileForChannels({ name: "photo.JPG", type: "", size: 10 }, [acme])).toEqual([]);
    expect(checkFileForChannels({ name: "mystery", type: "", size: 10 }, [acme])[0]).toMatch(/"mystery" \(unknown type\)/);
  });

  it("gives one message per refusing channel, with real provider descriptors", () => {
    const channels = [
      { name: "Brand", descriptor: providers.x },
      { name: "Toots", descriptor: providers.mastodon },
      { name: "Sky", descriptor: providers.bluesky },
    ];
    const out = checkFileForChannels({ name: "scan.tiff", type: "image/tiff", size: 10 }, channels);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^Brand \(X\) does not accept "scan.tiff" \(image\/tiff\); it accepts /);
  });
});

describe("mediaKindOf", () => {
  it("sorts types into image, gif, video or nothing", () => {
    expect(mediaKindOf("image/png")).toBe("image");
    expect(mediaKindOf("image/gif")).toBe("gif");
    expect(mediaKindOf("video/webm")).toBe("video");
    expect(mediaKindOf("application/pdf")).toBeNull();
  });
});
