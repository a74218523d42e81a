import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { altCounter, AttachmentList } from "@/components/media/attachment-list";
import { channelProblems } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { ALT_TEXT_CEILING } from "@/lib/media/alt-text";
import { altSchema } from "@/lib/media/library";
import { mediaRefSchema } from "@/lib/posts/schemas";
import { validateVariant } from "@/lib/posts/validate-variant";
import { allProviders, describeProvider } from "@/providers/registry";
import type { SocialProvider } from "@/providers/social.integrations.interface";

// Each platform's alt-text limit is a media rule: the composer counts against it and refuses
// more, the server refuses more on save naming the channel and the rule, and the media library
// keeps at most what the most generous platform takes.

const png = (alt: string) => ({ mimeType: "image/png", fileName: "card.png", size: 1000, alt });

// Platforms whose limits were checked against their documentation when they were added; a new
// platform's number is checked by the data-driven tests below through its manifest alone.
const DOCUMENTED = { x: 1000, mastodon: 1500, bluesky: 2000, linkedin: 4086, "linkedin-page": 4086, ghost: 125 };
const limited = allProviders().filter((p) => p.media.maxAltTextLength !== undefined);
const unlimited = allProviders().filter((p) => p.media.maxAltTextLength === undefined);
const descriptor = (p: SocialProvider) => describeProvider(p) as unknown as Descriptor;
const channel = (id: string, provider: string): ComposerChannel => ({ id, name: "Acme", provider }) as ComposerChannel;
const composerAlt = (p: SocialProvider, alt: string) => {
  const media = [{ src: "/m", fileName: "card.png", mimeType: "image/png", size: 1000, alt }];
  const state = { picked: ["a"], global: [{ text: "hi", media }], variants: {}, settings: {} } as unknown as ComposerState;
  return channelProblems(state, channel("a", p.identifier), descriptor(p))["items.0.media.0.alt"];
};
const serverAlt = (p: SocialProvider, alt: string) =>
  validateVariant({ channelName: "Acme", provider: p, items: [{ text: "", media: [png(alt)] }] })["items.0.media.0.alt"];

describe("alt-text limits", () => {
  it("are declared from the documentation by the platforms checked so far", () => {
    const declared = Object.fromEntries(allProviders().map((p) => [p.identifier, p.media.maxAltTextLength]));
    expect(declared).toMatchObject(DOCUMENTED);
    expect(limited.length).toBeGreaterThanOrEqual(Object.keys(DOCUMENTED).length);
    // The browser gets the manifest's number, the one the composer checks against.
    for (const p of allProviders()) expect(descriptor(p).media.maxAltTextLength, p.identifier).toBe(p.manifest.media.maxAltTextLength);
  });

  it("the library's ceiling is the most any platform takes", () => {
    expect(ALT_TEXT_CEILING).toBe(Math.max(...allProviders().map((p) => p.media.maxAltTextLength ?? 0)));
    expect(altSchema.safeParse({ alt: "a".repeat(ALT_TEXT_CEILING) }).success).toBe(true);
    expect(altSchema.safeParse({ alt: "a".repeat(ALT_TEXT_CEILING + 1) }).success).toBe(false);
    expect(mediaRefSchema.safeParse({ mediaId: "m", alt: "a".repeat(2000) }).success).toBe(true);
  });

  it.each(limited.map((p) => [p.identifier, p] as const))(
    "the server refuses alt text over %s's limit, naming the channel and the rule",
    (_id, p) => {
      const max = p.media.maxAltTextLength!;
      // Counted in characters (code points): an emoji is one, not two UTF-16 units.
      expect(serverAlt(p, "🐈".repeat(max))).toBeUndefined();
      expect(serverAlt(p, "a".repeat(max + 200))).toBe(
        `Acme (${p.name}): the alt text of "card.png" has ${max + 200} characters; the platform takes at most ${max}; shorten it by 200`,
      );
    },
  );

  it.each(limited.map((p) => [p.identifier, p] as const))("the composer runs the same check for a %s channel", (_id, p) => {
    const max = p.media.maxAltTextLength!;
    expect(composerAlt(p, "🐈".repeat(max))).toBeUndefined();
    expect(composerAlt(p, "a".repeat(max + 1))).toMatch(`${max + 1} characters; the platform takes at most ${max};`);
  });

  it("a platform that declares no limit gets no alt-text check, on the server or in the composer", () => {
    for (const p of unlimited) {
      expect(serverAlt(p, "a".repeat(ALT_TEXT_CEILING)), p.identifier).toBeUndefined();
      expect(composerAlt(p, "a".repeat(ALT_TEXT_CEILING)), p.identifier).toBeUndefined();
    }
  });

  it("a channel's limit is its own: the same alt text is refused on one platform and taken by a more generous one", () => {
    const byLimit = [...limited].sort((a, b) => a.media.maxAltTextLength! - b.media.maxAltTextLength!);
    const strict = byLimit[0]!;
    const generous = byLimit[byLimit.length - 1]!;
    const alt = "a".repeat(strict.media.maxAltTextLength! + 1);
    expect(serverAlt(strict, alt)).toBeDefined();
    expect(composerAlt(strict, alt)).toBeDefined();
    expect(serverAlt(generous, alt)).toBeUndefined();
    expect(composerAlt(generous, alt)).toBeUndefined();
  });

  it("the alt field counts against the strictest platform the item goes to", () => {
    expect(
      altCounter("🐈 cat", [
        { platform: "Mastodon", max: 1500 },
        { platform: "X", max: 1000 },
      ]),
    ).toBe("5 of 1000 characters (X; Mastodon takes 1500)");
    expect(altCounter("", [])).toBe("0 characters");
    const photo = {
      id: "m1",
      fileName: "team.png",
      mimeType: "image/png",
      size: 1,
      width: 1,
      height: 1,
      alt: null,
      createdAt: "",
      url: "/m1",
    };
    const html = renderToStaticMarkup(
      createElement(AttachmentList, {
        items: [{ media: photo, alt: "x".repeat(1001) }],
        onAltChange: () => {},
        onRemove: () => {},
        altLimits: [{ platform: "X", max: 1000 }],
        altErrors: { 0: "Acme (X): the alt text is too long" },
      }),
    );
    expect(html).toContain("1001 of 1000 characters (X)");
    expect(html).toContain("Acme (X): the alt text is too long");
  });
});
