import { describe, expect, it } from "vitest";
import { z } from "zod";
import { textSetting } from "@/lib/composer/settings-fields";

// A text setting the user typed and then emptied is sent as "not set": platforms' optional URL and
// pattern rules (a canonical URL, a slug) refuse "", so sending it would block a post for nothing.

const settings = z.object({
  canonicalUrl: z.url().optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

describe("textSetting", () => {
  it("turns an emptied field into an absent setting the platform's schema accepts", () => {
    const sent = JSON.parse(JSON.stringify({ canonicalUrl: textSetting(""), slug: textSetting("") }));
    expect(sent).toEqual({});
    expect(settings.safeParse(sent).success).toBe(true);
    // What the form sent before: refused on save for fields the user left empty.
    expect(settings.safeParse({ canonicalUrl: "", slug: "" }).success).toBe(false);
  });

  it("keeps whatever else was typed, spaces included, for the rules to judge", () => {
    expect(textSetting("my-post")).toBe("my-post");
    expect(textSetting(" ")).toBe(" ");
  });
});
