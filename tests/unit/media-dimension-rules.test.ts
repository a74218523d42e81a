import { describe, expect, it } from "vitest";
import { rulesText } from "@/lib/composer/rules-text";
import { checkVariant, type VariantRules } from "@/lib/posts/variant-rules";
import { dimensionProblem } from "@/providers/core/media-dimensions";

// The media rules a manifest may add for platforms that take only some image sizes
// (dimensions.exact) or refuse a post without media (minItems), checked as the composer and the
// server check them: by the numbers, naming the rule.

const rules = (media: Partial<VariantRules["media"]>): VariantRules => ({
  name: "Gallery",
  editor: "normal",
  counting: "chars",
  maxLength: 500,
  threads: null,
  polls: null,
  media: {
    maxItems: 1,
    mixKinds: false,
    image: {
      mimeTypes: ["image/png"],
      maxBytes: 8_000_000,
      maxCount: 1,
      dimensions: {
        exact: [
          { width: 400, height: 300 },
          { width: 800, height: 600 },
        ],
      },
    },
    ...media,
  },
});
const png = (width: number, height: number) => ({ mimeType: "image/png", fileName: "shot.png", size: 1000, width, height });

describe("exact image sizes", () => {
  it("takes a listed size and refuses any other, naming every allowed size", () => {
    expect(checkVariant("Acme", rules({}), [{ text: "t", media: [png(800, 600)] }])).toEqual({});
    expect(checkVariant("Acme", rules({}), [{ text: "t", media: [png(640, 480)] }])).toEqual({
      "items.0.media.0": 'Acme: "shot.png" is 640×480 pixels; it must be exactly 400×300 or 800×600 pixels',
    });
  });

  it("leaves a file of unknown size (a link, measured at publish time) to the provider", () => {
    expect(checkVariant("Acme", rules({}), [{ text: "t", media: [{ mimeType: "image/png", fileName: "x.png" }] }])).toEqual({});
  });

  it("checks min and max bounds too", () => {
    const bounds = { dimensions: { minWidth: 100, minHeight: 100, maxWidth: 1000, maxHeight: 1000 } };
    expect(dimensionProblem(bounds, 50, 500)).toBe("is 50×500 pixels; it must be at least 100×100 pixels");
    expect(dimensionProblem(bounds, 2000, 500)).toBe("is 2000×500 pixels; it must be at most 1000×1000 pixels");
    expect(dimensionProblem(bounds, 500, 500)).toBeUndefined();
    expect(dimensionProblem({}, 1, 1)).toBeUndefined();
  });

  it("is said in the rules text", () => {
    const text = rulesText({ ...rules({ minItems: 1 }), threads: undefined, polls: undefined } as never);
    expect(text).toContain("exactly 400×300 or 800×600 pixels");
    expect(text).toContain("media required (at least one attachment)");
  });
});

describe("media required", () => {
  it("refuses a first item without media, naming the rule, and not a follow-up", () => {
    const r = rules({ minItems: 1 });
    expect(checkVariant("Acme", r, [{ text: "only words" }])).toEqual({
      "items.0.media": "Acme needs an attachment in every post; attach one",
    });
    expect(checkVariant("Acme", r, [{ text: "t", media: [png(400, 300)] }])).toEqual({});
  });
});
