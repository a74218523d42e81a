import { describe, expect, it } from "vitest";
import { durationsText, minutesText, rulesText, sizeText } from "@/lib/composer/rules-text";
import { manifests } from "@/providers/manifests";

describe("rulesText", () => {
  it("writes X's rules from its manifest's numbers", () => {
    expect(rulesText(manifests.x)).toBe(
      "Up to 280 characters (links count as 23, emoji and CJK characters as 2) · " +
        "Up to 4 images, 1 video or 1 animated GIF, not mixed (images: JPEG, PNG, GIF or WebP, up to 5 MB each; video: MP4 or MOV, up to 512 MB; animated GIF: up to 15 MB) · " +
        "alt text up to 1,000 characters · threads of up to 25 follow-up replies · " +
        "polls of 2–4 options up to 25 characters, open 5 minutes to 7 days, without media",
    );
  });

  it("follows a change of the numbers", () => {
    const m = {
      ...manifests.x,
      maxLength: 25_000,
      polls: { ...manifests.x.polls, maxOptions: 6 },
      media: { ...manifests.x.media, maxAltTextLength: 420 },
    };
    const text = rulesText(m);
    expect(text).toContain("Up to 25,000 characters");
    expect(text).toContain("polls of 2–6 options");
    expect(text).toContain("alt text up to 420 characters");
  });

  it("shows a channel's own limit instead of the platform's default", () => {
    expect(rulesText(manifests.mastodon)).toMatch(/^Up to 500 characters unless your server allows more/);
    expect(rulesText(manifests.mastodon, 5000)).toMatch(/^Up to 5,000 characters \(/);
  });

  it("writes comments, fixed poll durations, byte limits and text-only platforms", () => {
    expect(rulesText(manifests.linkedin)).toContain("up to 10 follow-up comments under the post");
    expect(rulesText(manifests.linkedin)).toContain("open 1, 3, 7 or 14 days");
    expect(rulesText(manifests.bluesky)).toMatch(/^Up to 300 characters and 3,000 bytes \(an emoji counts as 1\)/);
    expect(rulesText(manifests.bluesky)).not.toContain("polls");
    expect(rulesText({ counting: "chars", maxLength: 500, media: { maxItems: 0, mixKinds: false } })).toBe(
      "Up to 500 characters · text only, no media",
    );
  });

  it("writes mixed attachments, dimensions and durations", () => {
    const text = rulesText({
      counting: "utf8-bytes",
      maxLength: 4096,
      media: {
        maxItems: 10,
        mixKinds: true,
        image: { mimeTypes: ["image/png"], maxBytes: 10 * 1_048_576, maxCount: 10, dimensions: { maxWidth: 4096, maxHeight: 4096 } },
        video: { mimeTypes: ["video/mp4"], maxBytes: 50 * 1_048_576, maxCount: 2, durationSeconds: { min: 3, max: 90 } },
      },
    });
    expect(text).toBe(
      "Up to 4,096 bytes · Up to 10 attachments (up to 10 images and up to 2 videos) " +
        "(images: PNG, up to 10 MB each, at most 4096×4096 pixels; videos: MP4, up to 50 MB each, 3–90 seconds)",
    );
  });

  it("formats sizes and durations", () => {
    expect([sizeText(5 * 1_048_576), sizeText(1_000_000), sizeText(52_428_800), sizeText(500_000), sizeText(1_500_000_0)]).toEqual([
      "5 MB",
      "1 MB",
      "50 MB",
      "488 KB",
      "15 MB",
    ]);
    expect([minutesText(5), minutesText(60), minutesText(10080), minutesText(43_829)]).toEqual([
      "5 minutes",
      "1 hour",
      "7 days",
      "30 days",
    ]);
    expect(durationsText({ choices: [60, 1440] })).toBe("1 hour or 1 day");
  });
});
