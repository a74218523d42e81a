import { describe, expect, it } from "vitest";
import { imageDimensions } from "@/lib/media/dimensions";
import { isAllowedMediaType, sniffType } from "@/lib/media/sniff";
import * as b from "../helpers/media-bytes";

describe("sniffType: the real type from the first bytes", () => {
  it.each([
    ["jpeg", b.jpeg(1, 1), "image/jpeg"],
    ["png", b.png(1, 1), "image/png"],
    ["gif", b.gif(1, 1), "image/gif"],
    ["webp", b.webpLossy(1, 1), "image/webp"],
    ["mp4 (isom)", b.isoMedia("isom"), "video/mp4"],
    ["mp4 (mp42)", b.isoMedia("mp42"), "video/mp4"],
    ["mp4 (avc1)", b.isoMedia("avc1"), "video/mp4"],
    ["mp4 (iso6)", b.isoMedia("iso6"), "video/mp4"],
    ["m4v", b.isoMedia("M4V "), "video/mp4"],
    ["mov", b.isoMedia("qt  "), "video/quicktime"],
    ["webm", b.ebml("webm"), "video/webm"],
  ])("recognises %s", (_name, bytes, type) => {
    expect(sniffType(bytes)).toBe(type);
    expect(isAllowedMediaType(sniffType(bytes))).toBe(true);
  });

  it.each([
    ["bmp", b.bmp(), "image/bmp"],
    ["heic", b.isoMedia("heic"), "image/heic"],
    ["avif", b.isoMedia("avif"), "image/avif"],
    ["matroska", b.ebml("matroska"), "video/x-matroska"],
    ["text", b.text(), "text/plain"],
    ["svg", b.text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "image/svg+xml"],
  ])("names refused formats too (%s) so the refusal can say what the file is", (_name, bytes, type) => {
    expect(sniffType(bytes)).toBe(type);
    expect(isAllowedMediaType(sniffType(bytes))).toBe(false);
  });

  it.each([["f4v "], ["crx "], ["XAVC"], ["iso9"], ["zzzz"]])(
    "refuses an MP4-family file of brand %j instead of calling it video/mp4, naming the brand",
    (brand) => {
      const type = sniffType(b.isoMedia(brand));
      expect(type).toBe(`MPEG-4 brand "${brand}" (not standard MP4 video)`);
      expect(isAllowedMediaType(type)).toBe(false);
    },
  );

  it("gives null for bytes it does not know, and never trusts a name", () => {
    expect(sniffType(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe("imageDimensions from headers", () => {
  it.each([
    ["image/png", b.png(1200, 630)],
    ["image/gif", b.gif(1200, 630)],
    ["image/jpeg", b.jpeg(1200, 630)],
    ["image/webp", b.webpLossy(1200, 630)],
    ["image/webp", b.webpLossless(1200, 630)],
    ["image/webp", b.webpExtended(1200, 630)],
  ])("reads %s width and height", (type, bytes) => {
    expect(imageDimensions(type, bytes)).toEqual({ width: 1200, height: 630 });
  });

  it.each([
    [1, 1200, 630],
    [3, 1200, 630],
    [6, 630, 1200],
    [8, 630, 1200],
    [5, 630, 1200],
    [7, 630, 1200],
  ])("applies a JPEG's EXIF orientation %i: a quarter-turned photo reports its upright width and height", (orientation, width, height) => {
    expect(imageDimensions("image/jpeg", b.jpegOriented(1200, 630, orientation))).toEqual({ width, height });
  });

  it("gives null for a truncated header, a JPEG without a frame, or a video", () => {
    expect(imageDimensions("image/png", b.png(10, 10).subarray(0, 20))).toBeNull();
    expect(imageDimensions("image/jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0, 0]))).toBeNull();
    expect(imageDimensions("video/mp4", b.isoMedia("isom"))).toBeNull();
    expect(imageDimensions("image/png", b.png(0, 10))).toBeNull();
  });
});
