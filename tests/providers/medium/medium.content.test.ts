import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, splitOwnTitle, storyMarkdown } from "@/providers/medium/medium.content";
import { mediumManifest } from "@/providers/medium/medium.manifest";
import { mediumSettings } from "@/providers/medium/medium.settings";

// The Markdown Medium receives: the writer's text as written, the title as a heading unless the
// text brings its own, and uploaded images placed around it.

const md = new MarkdownIt();
const img = (n: number, alt?: string) => ({ url: `https://cdn-images-1.medium.com/0*img${n}.png`, ...(alt ? { alt } : {}) });

describe("storyMarkdown", () => {
  it("adds the title as a level-1 heading above the text, which is kept as written", () => {
    const text = "Some **bold** words.\n\n- a\n- b";
    expect(storyMarkdown(text, "My story")).toBe(`# My story\n\n${text}`);
  });

  it("keeps the writer's own opening heading instead of adding the title again", () => {
    expect(storyMarkdown("# Their title\n\nBody", "Listing title")).toBe("# Their title\n\nBody");
    // A level-2 heading is not a title: the title still goes on top.
    expect(storyMarkdown("## Part one\n\nBody", "T")).toBe("# T\n\n## Part one\n\nBody");
  });

  it("escapes the title so Markdown in it is shown as typed", () => {
    const out = storyMarkdown("Body", "*Not* a [link](x) # 1 <b>");
    const html = md.render(out);
    expect(html).toContain("<h1>*Not* a [link](x) # 1 &lt;b&gt;</h1>");
  });

  it("puts the first image under the title and the others after the text, with their alt text", () => {
    const out = storyMarkdown("Body text", "T", [img(1, "A [cat]"), img(2), img(3, "three")]);
    expect(out).toBe(
      "# T\n\n![A \\[cat\\]](https://cdn-images-1.medium.com/0*img1.png)\n\nBody text\n\n" +
        "![](https://cdn-images-1.medium.com/0*img2.png)\n\n![three](https://cdn-images-1.medium.com/0*img3.png)",
    );
    const html = md.render(out);
    expect(html).toContain('<img src="https://cdn-images-1.medium.com/0*img1.png" alt="A [cat]">');
    expect(html.indexOf("img1")).toBeLessThan(html.indexOf("Body text"));
    expect(html.indexOf("img2")).toBeGreaterThan(html.indexOf("Body text"));
  });

  it("puts the cover under the writer's own heading, not above it", () => {
    expect(storyMarkdown("# Own\n\nBody", "T", [img(1)])).toBe("# Own\n\n![](https://cdn-images-1.medium.com/0*img1.png)\n\nBody");
  });

  it("writes an image-only story", () => {
    expect(storyMarkdown("  ", "T", [img(1)])).toBe("# T\n\n![](https://cdn-images-1.medium.com/0*img1.png)");
  });

  it("encodes characters that would break an image address", () => {
    expect(storyMarkdown("x", "T", [{ url: "https://a.example/a b(1).png" }])).toContain("](https://a.example/a%20b%281%29.png)");
  });
});

describe("splitOwnTitle and escapeMarkdown", () => {
  it("splits a setext heading too, where markdown-it says it ends", () => {
    expect(splitOwnTitle("Title\n=====\nBody")).toEqual({ heading: "Title\n=====", rest: "Body" });
    expect(splitOwnTitle("Body only")).toEqual({ rest: "Body only" });
  });

  it("escapes every ASCII punctuation character and nothing else", () => {
    expect(escapeMarkdown("a_b*c`d#e!f~g|h\\i é")).toBe("a\\_b\\*c\\`d\\#e\\!f\\~g\\|h\\\\i é");
  });
});

describe("Medium settings", () => {
  const ok = { title: "A story" };

  it("needs a title of at most 100 characters (Medium ignores longer ones)", () => {
    expect(mediumSettings.safeParse({}).success).toBe(false);
    expect(mediumSettings.safeParse({ title: "   " }).error?.issues[0]?.message).toBe("Title must not be empty");
    expect(mediumSettings.safeParse({ title: "x".repeat(100) }).success).toBe(true);
    expect(mediumSettings.safeParse({ title: "x".repeat(101) }).error?.issues[0]?.message).toMatch(/at most 100 characters/);
  });

  it("takes at most 3 tags of at most 25 characters, as Medium uses them", () => {
    expect(mediumSettings.safeParse({ ...ok, tags: ["a", "b", "c"] }).success).toBe(true);
    expect(mediumSettings.safeParse({ ...ok, tags: ["a", "b", "c", "d"] }).error?.issues[0]?.message).toMatch(/at most 3 tags/);
    expect(mediumSettings.safeParse({ ...ok, tags: ["x".repeat(26)] }).error?.issues[0]?.message).toMatch(/at most 25 characters/);
  });

  it("checks the status, license, canonical link and publication against Medium's values", () => {
    expect(
      mediumSettings.safeParse({ ...ok, publishStatus: "unlisted", license: "cc-40-by", canonicalUrl: "https://b.example/p" }).success,
    ).toBe(true);
    expect(mediumSettings.safeParse({ ...ok, publishStatus: "scheduled" }).success).toBe(false);
    expect(mediumSettings.safeParse({ ...ok, license: "mit" }).success).toBe(false);
    expect(mediumSettings.safeParse({ ...ok, canonicalUrl: "ftp://b.example/p" }).error?.issues[0]?.message).toMatch(/http\(s\)/);
    expect(mediumSettings.safeParse({ ...ok, publication: "b45573563f5a" }).success).toBe(true);
    expect(mediumSettings.safeParse({ ...ok, publication: "../users/x" }).success).toBe(false);
  });

  it("offers the publication as a choice read from the channel", () => {
    expect(mediumSettings.shape.publication.meta()).toMatchObject({ title: "Publication", choices: "channel" });
  });
});

describe("Medium's availability", () => {
  it("is limited, telling users that only tokens made before keep working", () => {
    expect(mediumManifest.availability).toEqual({
      status: "limited",
      reason: expect.stringMatching(/no new integration tokens.*keeps working/),
    });
  });
});
