import { describe, expect, it } from "vitest";
import { validateVariant } from "@/lib/posts/validate-variant";
import { getProvider } from "@/providers/registry";

// What the server (and the composer, with the same rules) refuses on save for a YouTube channel,
// before any upload: a video is required, one only; the description takes no < or >; the title
// and the made-for-kids answer are required.

const youtube = getProvider("youtube")!;
const check = (text: string, media: { mimeType: string; fileName: string }[], settings: unknown = { title: "T", madeForKids: "no" }) =>
  validateVariant({ channelName: "My channel", provider: youtube, items: [{ text, media }], settings });
const clip = { mimeType: "video/mp4", fileName: "clip.mp4" };

describe("YouTube's rules on save", () => {
  it("accepts one video with a title and the made-for-kids answer", () => {
    expect(check("A description", [clip])).toEqual({});
  });
  it("names < and > in the description", () => {
    expect(check("a <b> c", [clip])["items.0.text"]).toMatch(/does not take "<" or ">" in the text/);
  });
  it("needs exactly one video", () => {
    expect(check("no video", [])["items.0.media"]).toMatch(/needs an attachment/);
    expect(check("two", [clip, clip])["items.0.media"]).toMatch(/at most 1\b/);
  });
  it("needs the title and the made-for-kids answer", () => {
    const out = check("text", [clip], {});
    expect(out["settings.title"]).toMatch(/Title is required/);
    expect(out["settings.madeForKids"]).toMatch(/Made for kids is required/);
  });
});
