import { describe, expect, it } from "vitest";
import { linkify } from "@/lib/composer/linkify";
import { markdownToHtml } from "@/lib/composer/markdown";
import { htmlToText, sanitizeHtml, textToHtml } from "@/lib/markup/sanitize-html";

const noHref = '<a rel="noopener noreferrer nofollow">x</a>';

describe("sanitizeHtml", () => {
  it("keeps the allowed formatting and drops every attribute but a safe href", () => {
    expect(sanitizeHtml('<p class="x" onclick="evil()">Hi <b>there</b> <i>you</i></p>')).toBe(
      "<p>Hi <strong>there</strong> <em>you</em></p>",
    );
    expect(sanitizeHtml('<a href="https://example.com/?a=1&b=2" target="_blank">link</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer nofollow">link</a>',
    );
  });
  it("neutralises scripts, event handlers and dangerous link schemes", () => {
    expect(sanitizeHtml("<script>alert(1)</script>ok")).toBe("ok");
    expect(sanitizeHtml('<img src=x onerror="alert(1)">')).toBe("");
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe(noHref);
    expect(sanitizeHtml('<a href="java&#x09;script:alert(1)">x</a>')).toBe(noHref);
    expect(sanitizeHtml('<a href=" JaVaScRiPt:alert(1)">x</a>')).toBe(noHref);
    expect(sanitizeHtml('<a href="//evil.example/x">x</a>')).toBe(noHref);
    expect(sanitizeHtml("<svg><script>alert(1)</script></svg>after")).toBe("after");
    expect(sanitizeHtml("<style>p{}</style><!-- <script> -->text")).toBe("text");
    expect(sanitizeHtml('<p title="a>b">x</p>')).toBe("<p>x</p>");
  });
  it("reads attributes as a browser does: a quoted value that looks like an href is not the link", () => {
    expect(sanitizeHtml('<a title=" href=https://attacker.example" href="https://legit.example">x</a>')).toBe(
      '<a href="https://legit.example" rel="noopener noreferrer nofollow">x</a>',
    );
    expect(sanitizeHtml("<a title=' href=https://attacker.example' href=https://legit.example>x</a>")).toBe(
      '<a href="https://legit.example" rel="noopener noreferrer nofollow">x</a>',
    );
  });
  it("keeps spaces inside a link's address (only the surrounding ones go)", () => {
    expect(sanitizeHtml('<a href=" https://x.example/a b?q=1 2 ">x</a>')).toBe(
      '<a href="https://x.example/a b?q=1 2" rel="noopener noreferrer nofollow">x</a>',
    );
  });
  it("drops a <script/> element with its body: in HTML the slash does not close it", () => {
    expect(sanitizeHtml("<script/>alert(document.cookie)</script>ok")).toBe("ok");
    expect(sanitizeHtml("<p>a<style/>p{color:red}</style>b</p>")).toBe("<p>ab</p>");
  });
  it("escapes stray markup characters and closes what was left open", () => {
    expect(sanitizeHtml("1 < 2 & 3 > 2")).toBe("1 &lt; 2 &amp; 3 &gt; 2");
    expect(sanitizeHtml("<ul><li>one<li>two")).toBe("<ul><li>one</li><li>two</li></ul>");
    expect(sanitizeHtml("a</strong>b")).toBe("ab");
    expect(sanitizeHtml("&amp; stays &lt;escaped&gt;")).toBe("&amp; stays &lt;escaped&gt;");
  });
  it("turns plain text into paragraphs and back", () => {
    const html = textToHtml("Hello <world> & co\nsecond line\n\nNext paragraph");
    expect(html).toBe("<p>Hello &lt;world&gt; &amp; co<br>second line</p><p>Next paragraph</p>");
    expect(htmlToText(html)).toBe("Hello <world> & co\nsecond line\nNext paragraph");
    expect(htmlToText("<p>a &quot;b&quot; &eacute;<script>x</script></p>")).toBe('a "b" é');
  });
});

describe("markdownToHtml", () => {
  it("renders headings, emphasis, code, lists, quotes and links", () => {
    expect(markdownToHtml("# Title\n\nSome **bold** and *it* and `a<b>`.")).toBe(
      "<h2>Title</h2>\n<p>Some <strong>bold</strong> and <em>it</em> and <code>a&lt;b&gt;</code>.</p>\n",
    );
    expect(markdownToHtml("- one\n- two\n\n1. first")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>\n");
    expect(markdownToHtml("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n");
    expect(markdownToHtml("[site](https://example.com)")).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer nofollow">site</a></p>\n',
    );
    expect(markdownToHtml("```js\n<b>raw</b>\n```")).toBe("<pre><code>&lt;b&gt;raw&lt;/b&gt;\n</code></pre>\n");
    expect(markdownToHtml("![a chart](https://img.example/c.png)")).toBe(
      '<p><a href="https://img.example/c.png" rel="noopener noreferrer nofollow">a chart</a></p>\n',
    );
  });
  it("keeps a link's address whole: emphasis markers inside it are not emphasis", () => {
    expect(markdownToHtml("[a*](https://x.example/*)")).toBe(
      '<p><a href="https://x.example/*" rel="noopener noreferrer nofollow">a*</a></p>\n',
    );
    expect(markdownToHtml("*x* [b](https://x.example/_y_/) _z_")).toBe(
      '<p><em>x</em> <a href="https://x.example/_y_/" rel="noopener noreferrer nofollow">b</a> <em>z</em></p>\n',
    );
  });
  it("never emits script or unsafe links", () => {
    expect(markdownToHtml("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expect(markdownToHtml("[x](javascript:alert(1))")).not.toContain("href");
    expect(markdownToHtml("[x](JAVASCRIPT:alert(1)) ![y](data:text/html;base64,PHNjcmlwdD4=)")).not.toContain("href");
    expect(markdownToHtml('[x](https://a.example/"onmouseover="alert(1))')).not.toMatch(/"\s*onmouseover/);
  });
});

describe("linkify", () => {
  it("finds URLs, mentions (including fediverse handles) and hashtags", () => {
    expect(linkify("See https://example.com/a, ping @bob and @alice@mastodon.social about #launch!")).toEqual([
      { kind: "text", text: "See " },
      { kind: "url", text: "https://example.com/a" },
      { kind: "text", text: ", ping " },
      { kind: "mention", text: "@bob" },
      { kind: "text", text: " and " },
      { kind: "mention", text: "@alice@mastodon.social" },
      { kind: "text", text: " about " },
      { kind: "tag", text: "#launch" },
      { kind: "text", text: "!" },
    ]);
  });
  it("leaves e-mail addresses, numbers after # and plain text alone", () => {
    expect(linkify("mail me@example.com issue #123")).toEqual([{ kind: "text", text: "mail me@example.com issue #123" }]);
  });
});
