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
import { allProviders, describeProvider, providers } from "@/providers/registry";

// Each platform's alt-text limit is a media rule: the composer counts against it and refuses
// more, the server refuses more on save naming the channel and the rule, and the media library
// keeps at most what the most generous platform takes.

const png = (alt: string) => ({ mimeType: "image/png", fileName: "card.png", size: 1000, alt });

describe("alt-text limits", () => {
  it("are declared by every platform from its documentation", () => {
    expect(Object.fromEntries(allProviders().map((p) => [p.identifier, p.media.maxAltTextLength]))).toEqual({
      x: 1000,
      mastodon: 1500,
      bluesky: 2000,
      linkedin: 4086,
      "linkedin-page": 4086,
      ghost: 125,
    });
  });

  it("the library's ceiling is the most any platform takes", () => {
    expect(ALT_TEXT_CEILING).toBe(Math.max(...allProviders().map((p) => p.media.maxAltTextLength ?? 0)));
    expect(altSchema.safeParse({ alt: "a".repeat(ALT_TEXT_CEILING) }).success).toBe(true);
    expect(altSchema.safeParse({ alt: "a".repeat(ALT_TEXT_CEILING + 1) }).success).toBe(false);
    expect(mediaRefSchema.safeParse({ mediaId: "m", alt: "a".repeat(2000) }).success).toBe(true);
  });

  it("the server refuses alt text over a channel's limit, naming the channel and the rule", () => {
    const x = { channelName: "Acme", provider: providers.x };
    expect(validateVariant({ ...x, items: [{ text: "", media: [png("🐈".repeat(1000))] }] })).toEqual({});
    expect(validateVariant({ ...x, items: [{ text: "", media: [png("a".repeat(1200))] }] })).toEqual({
      "items.0.media.0.alt": 'Acme (X): the alt text of "card.png" has 1200 characters; the platform takes at most 1000; shorten it by 200',
    });
    expect(
      validateVariant({ channelName: "Toots", provider: providers.mastodon, items: [{ text: "", media: [png("a".repeat(1200))] }] }),
    ).toEqual({});
  });

  it("the composer runs the same check per channel", () => {
    const d = (id: "x" | "mastodon") => describeProvider(providers[id]) as unknown as Descriptor;
    const channel = (id: string, provider: string): ComposerChannel => ({ id, name: id, provider }) as ComposerChannel;
    const media = [{ src: "/m", fileName: "card.png", mimeType: "image/png", size: 1000, alt: "a".repeat(1200) }];
    const state = { picked: ["a", "b"], global: [{ text: "hi", media }], variants: {}, settings: {} } as unknown as ComposerState;
    expect(channelProblems(state, channel("a", "x"), d("x"))["items.0.media.0.alt"]).toMatch(
      /1200 characters; the platform takes at most 1000/,
    );
    expect(channelProblems(state, channel("b", "mastodon"), d("mastodon"))["items.0.media.0.alt"]).toBeUndefined();
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
