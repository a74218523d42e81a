import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "@/emulator/platforms/telegram/html";
import { checkVariant } from "@/lib/posts/variant-rules";
import { telegramManifest } from "@/providers/telegram/telegram.manifest";
import { classifyTelegramError } from "@/providers/telegram/telegram.errors";
import { telegramLength, telegramPlainText, toTelegramHtml } from "@/providers/telegram/telegram.html";
import { messageUrl } from "@/providers/telegram/telegram.publish";

// The composer's HTML as Telegram's parse_mode HTML, against the Bot API's "HTML style" rules
// (core.telegram.org/bots/api#html-style), and the documented error answers.

describe("toTelegramHtml: the composer's markup in Telegram's HTML subset", () => {
  it("keeps every documented tag", () => {
    const html =
      "<b>b</b> <strong>strong</strong> <i>i</i> <em>em</em> <u>u</u> <ins>ins</ins> <s>s</s> <strike>strike</strike> <del>del</del> " +
      '<tg-spoiler>sp</tg-spoiler> <a href="https://example.com/?a=1&amp;b=2">link</a> <code>x</code> <pre><code class="language-python">print(1)</code></pre> ' +
      "<blockquote>quote</blockquote>";
    expect(toTelegramHtml(html)).toBe(html);
  });

  it('writes <span class="tg-spoiler"> as <tg-spoiler>, and drops other spans keeping their text', () => {
    expect(toTelegramHtml('<span class="tg-spoiler">secret</span> <span style="color:red">red</span>')).toBe(
      "<tg-spoiler>secret</tg-spoiler> red",
    );
  });

  it("turns paragraphs, line breaks and lists into newlines (Telegram has no <p>, <br> or lists)", () => {
    expect(toTelegramHtml("<p>One<br>two</p><p>Three</p><ul><li>a</li><li>b</li></ul>")).toBe("One\ntwo\n\nThree\n\n• a\n• b");
  });

  it("removes any other tag and keeps its text; scripts lose their content", () => {
    expect(
      toTelegramHtml(
        '<h1>Title</h1><div>body <img src="https://x/y.png"> <script>alert(1)</script><table><tr><td>c</td></tr></table></div>',
      ),
    ).toBe("Title\n\nbody  c");
  });

  it("escapes < > & in text, so typed markup stays text", () => {
    const out = toTelegramHtml("<p>a &lt;b&gt; &amp; c &lt; d</p>");
    expect(out).toBe("a &lt;b&gt; &amp; c &lt; d");
    expect(telegramPlainText(out)).toBe("a <b> & c < d");
  });

  it("keeps links to http(s) and mailto only", () => {
    expect(toTelegramHtml('<a href="javascript:alert(1)">x</a> <a href="https://ok.test">ok</a>')).toBe(
      'x <a href="https://ok.test">ok</a>',
    );
  });

  it("follows the nesting rules: pre and code hold plain text, blockquotes do not nest, links hold no link or code", () => {
    expect(toTelegramHtml("<code><b>bold</b> code</code>")).toBe("<code>bold code</code>");
    expect(toTelegramHtml("<pre><b>x</b><code>y</code></pre>")).toBe("<pre>x<code>y</code></pre>");
    expect(toTelegramHtml("<blockquote>a<blockquote>b</blockquote></blockquote>")).toBe("<blockquote>ab</blockquote>");
    expect(toTelegramHtml('<a href="https://a.test"><code>c</code></a>')).toBe('<a href="https://a.test">c</a>');
    expect(toTelegramHtml('<code class="language-js">inline</code>')).toBe("<code>inline</code>");
    // Bold and italic may hold other entities.
    expect(toTelegramHtml('<b><i>bi</i> <a href="https://a.test">l</a></b>')).toBe('<b><i>bi</i> <a href="https://a.test">l</a></b>');
  });

  it("produces what Telegram's HTML parser accepts, for hostile and messy input", () => {
    const inputs = [
      "<p>a<b>b<i>c</p>d",
      "<ul><li><b>x</li></ul>",
      "<blockquote><blockquote><pre><b>x</b></pre></blockquote></blockquote>",
      "<<script>>&&<<",
      '<a href="https://a.test"><a href="https://b.test">x</a></a>',
      '<span class="tg-spoiler"><code><span class="tg-spoiler">x</span></code></span>',
      "&nbsp;&copy;&#169;",
      '<a href="javascript:alert(1)"><b>x</b></a>',
    ];
    for (const input of inputs) expect(parseTelegramHtml(toTelegramHtml(input)), input).not.toHaveProperty("error");
  });

  it("counts what Telegram counts: characters after entity parsing", () => {
    expect(telegramLength("<b>ab</b> &lt;c&gt; &amp;")).toBe(8);
    expect(telegramLength("😀é")).toBe(2);
    expect(telegramLength("&#128512;")).toBe(1);
  });
});

describe("the emulator's parse_mode HTML check (so a converter bug shows)", () => {
  it('refuses unsupported tags and broken nesting with "can\'t parse entities"', () => {
    expect(parseTelegramHtml("<p>x</p>")).toEqual({ error: expect.stringMatching(/^can't parse entities: Unsupported start tag "p"/) });
    expect(parseTelegramHtml("<b>x")).toEqual({ error: expect.stringMatching(/can't parse entities/) });
    expect(parseTelegramHtml("<b>x</i>")).toEqual({ error: expect.stringMatching(/can't parse entities/) });
    expect(parseTelegramHtml("a < b")).toEqual({ error: expect.stringMatching(/can't parse entities/) });
    expect(parseTelegramHtml("<b>ok</b> &lt;")).toEqual({ text: "ok <" });
  });
});

describe("links to a message", () => {
  it("public chats link by username, private ones by the id without -100", () => {
    expect(messageUrl({ chatId: "-1001234567890", username: "launchnews" }, 42)).toBe("https://t.me/launchnews/42");
    expect(messageUrl({ chatId: "-1001234567890" }, 42)).toBe("https://t.me/c/1234567890/42");
  });
});

const body = (error_code: number, description: string, parameters?: object) =>
  JSON.stringify({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) });

describe("classifyTelegramError: the documented error answers", () => {
  it("429 waits parameters.retry_after seconds", () => {
    expect(classifyTelegramError(body(429, "Too Many Requests: retry after 35", { retry_after: 35 }), 429)).toMatchObject({
      kind: "retry",
      retryAfterMs: 35_000,
    });
  });

  it.each([
    [403, "Forbidden: bot was kicked from the channel chat"],
    [403, "Forbidden: bot was kicked from the supergroup chat"],
    [403, "Forbidden: bot is not a member of the channel chat"],
    [400, "Bad Request: chat not found"],
    [400, "Bad Request: need administrator rights in the channel chat"],
    [400, "Bad Request: not enough rights to send photos to the chat"],
  ])("%i %s flags the channel for linking again", (status, description) => {
    const h = classifyTelegramError(body(status, description), status);
    expect(h).toMatchObject({ kind: "disconnect" });
    expect(h!.message).toContain(description);
    expect(h!.message).toMatch(/link it again/);
  });

  it("a group upgraded to a supergroup names the new id and asks for a new link", () => {
    expect(
      classifyTelegramError(body(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1009876 }), 400),
    ).toMatchObject({ kind: "disconnect", message: expect.stringContaining("-1009876") });
  });

  it.each([
    "Bad Request: message is too long",
    "Bad Request: message caption is too long",
    'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0',
    "Bad Request: message text is empty",
    "Bad Request: wrong file identifier/HTTP URL specified",
  ])("400 %s refuses the post with Telegram's words", (description) => {
    expect(classifyTelegramError(body(400, description), 400)).toEqual({ kind: "bad-body", message: `Telegram: ${description}` });
  });

  it("a revoked bot token is the operator's to fix, not a reconnect", () => {
    expect(classifyTelegramError(body(401, "Unauthorized"), 401)).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/TELEGRAM_BOT_TOKEN/),
    });
  });

  it("409 (another reader, or a webhook) and 5xx are tried again; 413 is a file too large", () => {
    expect(classifyTelegramError(body(409, "Conflict: terminated by other getUpdates request"), 409)).toMatchObject({ kind: "retry" });
    expect(classifyTelegramError(body(502, "Bad Gateway"), 502)).toMatchObject({ kind: "retry" });
    expect(classifyTelegramError("<html>Request Entity Too Large</html>", 413)).toMatchObject({ kind: "bad-body" });
  });
});

describe("the composer's and server's rules for Telegram (checkVariant)", () => {
  const m = telegramManifest;
  const rules = {
    name: m.name,
    threads: m.threads,
    polls: m.polls,
    media: m.media,
    counting: m.counting,
    editor: m.editor,
    maxLength: m.maxLength,
  };
  const image = { mimeType: "image/png", size: 1000 };

  it("counts text after the markup, up to 4,096 characters", () => {
    expect(checkVariant("News", rules, [{ text: `<p><b>${"a".repeat(4096)}</b></p>` }])).toEqual({});
    expect(checkVariant("News", rules, [{ text: `<p>${"a".repeat(4097)}</p>` }])["items.0.text"]).toMatch(/4097 of 4096/);
  });

  it("holds a caption (text with media) to 1,024 characters", () => {
    expect(checkVariant("News", rules, [{ text: "a".repeat(1024), media: [image] }])).toEqual({});
    expect(checkVariant("News", rules, [{ text: "a".repeat(1025), media: [image] }])["items.0.text"]).toMatch(
      /caption of at most 1024 characters; 1025 used/,
    );
  });

  it("holds a poll's question (its text) to 300 characters, and albums to one kind of 2-10 files", () => {
    const poll = { options: ["a", "b"], durationMinutes: 60 };
    expect(checkVariant("News", rules, [{ text: "q".repeat(301), poll }])["items.0.text"]).toMatch(/question, at most 300 characters/);
    expect(checkVariant("News", rules, [{ text: "x", media: Array(11).fill(image) }])["items.0.media"]).toMatch(/at most 10/);
    expect(checkVariant("News", rules, [{ text: "x", media: [image, { mimeType: "video/mp4", size: 1000 }] }])["items.0.media"]).toMatch(
      /cannot mix/,
    );
  });
});
