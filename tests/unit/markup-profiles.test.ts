import { describe, expect, it } from "vitest";
import { MARKUP_PROFILES, markupProfileOf } from "@/lib/markup/profiles";
import { htmlToText, sanitizeHtml } from "@/lib/markup/sanitize-html";
import { htmlToSlackMrkdwn } from "@/lib/composer/slack-mrkdwn";

// The per-platform allow-lists, and the sanitiser's cost on hostile input.

const sample =
  '<h2>Launch</h2><p>Hi <b>all</b>, <i>see</i> <u>this</u> <del>old</del> <span class="tg-spoiler">secret</span> <a href="https://x.example/?a=1&amp;b=2">link</a></p>' +
  '<ul><li>one &amp; two</li><li>three &lt;3</li></ul><blockquote>quote</blockquote><pre><code class="language-js">a < b</code></pre><img src="https://img.example/a.png" alt="A">';

describe("markup profiles: chosen from the provider's declaration", () => {
  it("uses the declared profile, rich text for an html editor, none for plain and markdown editors", () => {
    expect(markupProfileOf({ editor: "html", markup: "telegram-html" })).toBe("telegram-html");
    expect(markupProfileOf({ editor: "html" })).toBe("rich-text");
    expect(markupProfileOf({ editor: "normal" })).toBeNull();
    expect(markupProfileOf({ editor: "markdown" })).toBeNull();
  });
});

describe("telegram-html", () => {
  it("keeps only Telegram's tags, writes blocks as line breaks, and escapes only < > & in text", () => {
    expect(sanitizeHtml(sample, "telegram-html")).toBe(
      'Launch\n\nHi <b>all</b>, <i>see</i> <u>this</u> <del>old</del> <tg-spoiler>secret</tg-spoiler> <a href="https://x.example/?a=1&amp;b=2">link</a>\n\n' +
        '• one &amp; two\n• three &lt;3\n<blockquote>quote</blockquote><pre><code class="language-js">a &lt; b</code></pre>',
    );
  });
  it("keeps an expandable quote, drops classes other than the spoiler and code language, and unwraps plain spans", () => {
    expect(
      sanitizeHtml(
        '<blockquote expandable>long</blockquote><span class="x">plain</span><span class="big tg-spoiler">hid</span><code class="evil">c</code>',
        "telegram-html",
      ),
    ).toBe("<blockquote expandable>long</blockquote>plain<tg-spoiler>hid</tg-spoiler><code>c</code>");
  });
  it("never lets a tag outside the list through", () => {
    const out = sanitizeHtml(sample + "<p>x<br>y</p><h1>t</h1><table><tr><td>c</td></tr></table>", "telegram-html");
    const tags = new Set([...out.matchAll(/<\/?([a-z-]+)/g)].map((m) => m[1]));
    for (const t of tags) expect(MARKUP_PROFILES["telegram-html"].tags).toContain(t);
  });
});

describe("post-html (WordPress, Ghost)", () => {
  it("keeps headings, images with an http(s) source and tables, without classes, styles or rel", () => {
    expect(
      sanitizeHtml(
        '<h1 style="x">T</h1><img src="https://img.example/a.png" alt="A" onerror="x()"><img src="javascript:alert(1)"><table><tr><td colspan="2" class="c">1</td></tr></table><a href="https://x.example">x</a>',
        "post-html",
      ),
    ).toBe(
      '<h1>T</h1><img src="https://img.example/a.png" alt="A" /><img /><table><tr><td colspan="2">1</td></tr></table><a href="https://x.example">x</a>',
    );
  });
});

describe("slack-mrkdwn", () => {
  it("converts rich text to mrkdwn with Slack's escaping", () => {
    expect(htmlToSlackMrkdwn(sample)).toBe(
      "Launch\n\nHi *all*, _see_ this ~old~ secret <https://x.example/?a=1&amp;b=2|link>\n\n• one &amp; two\n• three &lt;3\n\n> quote\n\n```\na &lt; b\n```",
    );
  });
  it("writes a bare link once, numbers ordered lists and keeps | and > out of link targets", () => {
    expect(
      htmlToSlackMrkdwn(
        '<p><a href="https://x.example/a|b>c">https://x.example/a|b>c</a> <a href="https://y.example">a | b</a></p><ol><li>x</li><li>y</li></ol>',
      ),
    ).toBe("<https://x.example/a%7Cb%3Ec> <https://y.example|a / b>\n\n1. x\n2. y");
  });
});

describe("htmlToText", () => {
  it("counts what a reader sees, whatever profile the markup came from", () => {
    expect(htmlToText(sanitizeHtml(sample, "post-html"))).toBe(
      "Launch\nHi all, see this old secret link\none & two\nthree <3\nquote\na < b",
    );
  });
});

describe("sanitiser cost on hostile input", () => {
  // Linear work grows 4x from 25,000 to 100,000 characters; the hand-written sanitiser grew 16x
  // (quadratic: 40 KB of "<a" took 2 s) and htmlparser2's open-element list grows as deep as the
  // nesting. The factor allowed is generous so a busy machine cannot fail it; the absolute figures
  // are in `npm run bench:sanitize`.
  const hostile: Record<string, (n: number) => string> = {
    "unterminated <a": (n) => "<a".repeat(n / 2),
    "unterminated attribute": (n) => '<a title="'.repeat(n / 10),
    "deep nesting": (n) => "<p><b><i>".repeat(n / 9),
    "list items in paragraphs": (n) => "<li><p>".repeat(n / 7),
    comments: (n) => "<!--".repeat(n / 4),
    links: (n) => '<a href="https://x.example/?q=1">x</a>'.repeat(n / 38),
  };
  const time = (s: string) => {
    // The fastest of five: another process or a GC pause only ever adds time, so the minimum is
    // the figure closest to the work itself on a busy machine.
    const runs = [0, 1, 2, 3, 4].map(() => {
      const t = performance.now();
      sanitizeHtml(s);
      sanitizeHtml(s, "telegram-html");
      return performance.now() - t;
    });
    return Math.min(...runs);
  };
  it.each(Object.keys(hostile))("grows linearly: %s", (name) => {
    const make = hostile[name]!;
    time(make(10_000)); // warm up the JIT
    const small = time(make(25_000));
    const large = time(make(100_000));
    expect(large).toBeLessThan(10 * Math.max(small, 5));
  });
});
