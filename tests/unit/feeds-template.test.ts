import { describe, expect, it } from "vitest";
import { itemKey } from "@/lib/feeds/identity";
import { parseFeed } from "@/lib/feeds/parse";
import { fitTemplate, longestFitting, renderTemplate, templateProblem, type TemplateValues } from "@/lib/feeds/template";
import { countText } from "@/providers/core/counting";

const values: TemplateValues = {
  title: "Spring release",
  link: "https://blog.example/posts/spring-release",
  summary: "We shipped calendars, feeds and a faster composer.",
  author: "Ann",
  feed: "Acme blog",
};
const chars = (t: string) => [...t].length;

describe("feed templates", () => {
  it("puts the item's fields in and tidies the blank lines they leave", () => {
    expect(renderTemplate("{title} by {author}\n\n{summary}\n\n{link}", values)).toBe(
      "Spring release by Ann\n\nWe shipped calendars, feeds and a faster composer.\n\nhttps://blog.example/posts/spring-release",
    );
    expect(renderTemplate("{title}\n\n{summary}\n\n\n{link}", { ...values, summary: "" })).toBe(
      "Spring release\n\nhttps://blog.example/posts/spring-release",
    );
    expect(renderTemplate("New on {feed}: {title}", values)).toBe("New on Acme blog: Spring release");
  });

  it("names an unknown placeholder and refuses an empty template", () => {
    expect(templateProblem("{titel} {link}")).toMatch(/unknown placeholder \{titel\}.*\{title\}/);
    expect(templateProblem("  ")).toMatch(/write a template/);
    expect(templateProblem("{title} {link} {summary} {author} {feed}")).toBeNull();
  });

  it("keeps a text that fits as it is", () => {
    expect(fitTemplate("{title} {link}", values, 500, chars)).toEqual({ text: `${values.title} ${values.link}`, shortened: false });
  });

  it("shortens the summary at a word boundary, keeping the link whole", () => {
    const template = "{title}\n{summary}\n{link}";
    const fitted = fitTemplate(template, values, 90, chars);
    expect(fitted).toEqual({
      text: "Spring release\nWe shipped calendars, feeds and…\nhttps://blog.example/posts/spring-release",
      shortened: true,
    });
    if ("text" in fitted) expect(chars(fitted.text)).toBeLessThanOrEqual(90);
  });

  it("drops the summary, then shortens the title, before it gives up", () => {
    const long = { ...values, title: "A very long title about everything that happened this spring" };
    const fitted = fitTemplate("{title} {summary} {link}", long, 70, chars);
    expect("text" in fitted && fitted.text).toBe("A very long title about… https://blog.example/posts/spring-release");
    expect(fitTemplate("Read: {link}", values, 20, chars)).toEqual({
      problem: "the template with the link alone is 47 characters; the channel takes at most 20",
    });
  });

  it("counts as the platform does (X counts any link as 23)", () => {
    const longLink = { ...values, link: `https://blog.example/${"a".repeat(200)}` };
    const fitted = fitTemplate("{title} {link}", longLink, 280, (t) => countText("x-weighted", t));
    expect(fitted).toEqual({ text: `${values.title} ${longLink.link}`, shortened: false });
  });

  it("cuts a text without spaces by character", () => {
    expect(longestFitting("春のリリースです", (s) => chars(s) <= 4)).toBe("春のリ…");
    expect(longestFitting("one two three", () => false)).toBe("");
  });
});

describe("feed item identity", () => {
  it("is the guid, else the link, else a hash of title and link", () => {
    expect(itemKey({ guid: " tag:blog,2026:1 ", link: "https://b/1", title: "T" })).toBe("guid:tag:blog,2026:1");
    expect(itemKey({ guid: "", link: "https://b/1", title: "T" })).toBe("link:https://b/1");
    const a = itemKey({ title: "Hello" });
    expect(a).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(itemKey({ title: "Hello" })).toBe(a);
    expect(itemKey({ title: "Hello again" })).not.toBe(a);
  });

  it("does not change when only the text of an item changes", () => {
    expect(itemKey({ guid: "g1", title: "Old title" })).toBe(itemKey({ guid: "g1", title: "New title" }));
  });

  it("stores a very long guid as its hash", () => {
    const key = itemKey({ guid: "x".repeat(2000) });
    expect(key).toMatch(/^guid-sha256:[0-9a-f]{64}$/);
  });
});

describe("feed parsing", () => {
  it("reads RSS 2.0 with HTML summaries as plain text", () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>My &amp; blog</title>
      <item><title>First</title><link>https://ex.test/1</link><guid isPermaLink="false">id-1</guid><dc:creator>Ann</dc:creator>
      <description><![CDATA[<p>Hello <b>world</b> &amp; more</p><script>alert(1)</script>]]></description><pubDate>Wed, 02 Dec 2026 10:00:00 GMT</pubDate></item>
      <item><title>Second</title><link>/2</link></item></channel></rss>`,
      "https://ex.test/feed.xml",
    );
    expect(feed.title).toBe("My & blog");
    expect(feed.items).toEqual([
      {
        key: "guid:id-1",
        title: "First",
        link: "https://ex.test/1",
        summary: "Hello world & more",
        author: "Ann",
        publishedAt: new Date("2026-12-02T10:00:00Z"),
      },
      { key: "link:https://ex.test/2", title: "Second", link: "https://ex.test/2", summary: "", author: "", publishedAt: null },
    ]);
  });

  it("reads Atom with its id, author and escaped HTML", () => {
    const feed = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><entry><title type="html">A &lt;i&gt;b&lt;/i&gt;</title><id>urn:uuid:1</id>
      <link rel="alternate" href="https://ex.test/e1"/><author><name>Bob</name></author><updated>2026-12-02T10:00:00Z</updated>
      <summary type="html">&lt;p&gt;Sum &amp;amp; mary&lt;/p&gt;</summary></entry></feed>`,
      "https://ex.test/atom.xml",
    );
    expect(feed.items).toEqual([
      {
        key: "guid:urn:uuid:1",
        title: "A b",
        link: "https://ex.test/e1",
        summary: "Sum & mary",
        author: "Bob",
        publishedAt: new Date("2026-12-02T10:00:00Z"),
      },
    ]);
  });

  it("takes an Atom feed without entries yet as an empty feed", () => {
    expect(
      parseFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>New</title></feed>', "https://ex.test/"),
    ).toEqual({
      title: "",
      items: [],
    });
    expect(() => parseFeed("<feed><title>not atom</title></feed>", "https://ex.test/")).toThrow(/not.*RSS or Atom feed/);
  });

  it("says when the answer is not a feed", () => {
    expect(() => parseFeed("<html><body>hi</body></html>", "https://ex.test/")).toThrow(/not.*RSS or Atom feed/);
    expect(() => parseFeed('{"a":1}', "https://ex.test/")).toThrow(/not XML/);
  });
});
