import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AttachmentList } from "@/components/media/attachment-list";
import { MediaLibrary } from "@/components/media/media-library";
import { MediaUploader } from "@/components/media/media-uploader";
import { ALT_TEXT_CEILING } from "@/lib/media/alt-text";
import type { MediaDto } from "@/lib/media/types";

// First render of the media components (no browser here; the composer's browser tests drive
// them for real): the controls exist with the names assistive technology announces.
const photo: MediaDto = {
  id: "m1",
  fileName: "team.png",
  mimeType: "image/png",
  size: 2048,
  width: 10,
  height: 10,
  alt: null,
  createdAt: "2026-11-24T10:00:00.000Z",
  url: "/api/media/m1/file",
};
const clip: MediaDto = { ...photo, id: "m2", fileName: "clip.mp4", mimeType: "video/mp4", url: "/api/media/m2/file" };

describe("media components render", () => {
  it("uploader: a real multiple file input with a label and the accepted types", () => {
    const html = renderToStaticMarkup(createElement(MediaUploader, { channels: [], onUploaded: () => {} }));
    expect(html).toMatch(/<input[^>]*type="file"[^>]*multiple/);
    expect(html).toContain('accept="image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime,video/webm"');
    expect(html).toMatch(/<label[^>]*>Choose files<\/label>/);
  });

  it("attachment list: image thumbnail, video tile, labelled alt inputs and remove buttons", () => {
    const html = renderToStaticMarkup(
      createElement(AttachmentList, {
        items: [
          { media: photo, alt: "Our team" },
          { media: clip, alt: "" },
        ],
        onAltChange: () => {},
        onRemove: () => {},
        onMove: () => {},
      }),
    );
    expect(html).toContain('<img src="/api/media/m1/file" alt="Our team"');
    expect(html).toContain('aria-label="Video: clip.mp4"');
    expect(html).toContain(">Alt text for team.png</label>");
    expect(html).toContain('aria-label="Remove clip.mp4"');
    expect(html).toContain(`maxLength="${ALT_TEXT_CEILING * 2}"`);
    // One line per file: the counter under the field, what to describe in its placeholder.
    expect(html).toContain(">0 characters</span>");
    expect(html).toContain('placeholder="Alt text: what the video shows"');
    expect(html).toContain('aria-label="Move team.png later"');
  });

  it("library: a dialog titled Media library", () => {
    const html = renderToStaticMarkup(createElement(MediaLibrary, { open: false, onClose: () => {}, onPick: () => {} }));
    expect(html).toMatch(/<dialog[^>]*aria-modal="true"/);
    expect(html).toContain("Media library");
  });
});
