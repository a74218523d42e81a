import { describe, expect, it } from "vitest";
import { decodeHtml, MAX_TITLE, parsePageMeta } from "./parse";

const page = (head: string, body = "") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe("parsePageMeta", () => {
  it("reads Open Graph tags first and resolves a relative image against the page's final address", () => {
    const meta = parsePageMeta(
      page(`<title>Plain title</title>
        <meta property="og:title" content="OG title">
        <meta property="og:description" content="OG description">
        <meta property="og:image" content="../img/card.png">
        <meta property="og:site_name" content="Example News">
        <meta name="twitter:title" content="Twitter title">
        <link rel="shortcut icon" href="/favicon.ico">`),
      "https://news.example/section/story/",
    );
    expect(meta).toEqual({
      title: "OG title",
      description: "OG description",
      image: "https://news.example/section/img/card.png",
      siteName: "Example News",
      icon: "https://news.example/favicon.ico",
      oembed: null,
    });
  });

  it("falls back to twitter:*, then <title> and meta description", () => {
    const tw = parsePageMeta(
      page(`<title>Plain</title><meta name="twitter:title" content="TW"><meta name="twitter:image:src" content="//cdn.example/a.jpg">
        <meta name="description" content="Plain description">`),
      "https://site.example/a",
    );
    expect(tw).toMatchObject({ title: "TW", image: "https://cdn.example/a.jpg", description: "Plain description" });
    const plain = parsePageMeta(page(`<TITLE>  Only\n  a   title </TITLE>`), "https://site.example/");
    expect(plain).toEqual({ title: "Only a title", description: null, image: null, siteName: null, icon: null, oembed: null });
  });

  it("decodes entities in text and attributes", () => {
    const meta = parsePageMeta(
      page(
        `<title>Tom &amp; Jerry&#39;s &eacute;t&eacute;</title><meta property="og:description" content="&lt;b&gt; &quot;quoted&quot; &#x1F600;">`,
      ),
      "https://x.example/",
    );
    expect(meta.title).toBe("Tom & Jerry's été");
    expect(meta.description).toBe('<b> "quoted" 😀');
  });

  it("ignores empty tags, non-http images, and honours <base href>", () => {
    const meta = parsePageMeta(
      page(`<base href="https://static.example/root/"><meta property="og:title" content="  ">
        <meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="pic.png"><title>T</title>
        <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">`),
      "https://site.example/page",
    );
    expect(meta.title).toBe("T");
    expect(meta.image).toBe("https://static.example/root/pic.png");
    expect(meta.oembed).toBe("https://static.example/oembed?url=x");
  });

  it("copes with missing tags and broken markup", () => {
    expect(parsePageMeta("<html><head><title>Unclosed", "https://a.example/").title).toBe("Unclosed");
    expect(parsePageMeta("", "https://a.example/")).toEqual({
      title: null,
      description: null,
      image: null,
      siteName: null,
      icon: null,
      oembed: null,
    });
    // A <title> inside an <svg> later in the body does not replace the page's own.
    expect(parsePageMeta(page("<title>Page</title>", "<svg><title>icon</title></svg>"), "https://a.example/").title).toBe("Page");
  });

  it("shortens a very long title on a character boundary", () => {
    const title = parsePageMeta(page(`<title>${"😀".repeat(MAX_TITLE + 50)}</title>`), "https://a.example/").title!;
    expect(Array.from(title)).toHaveLength(MAX_TITLE);
    expect(title.endsWith("…")).toBe(true);
  });

  it("reads what a page cut off mid-way (the fetch's size limit) still holds", () => {
    const full = page(`<meta property="og:title" content="Kept">`, "x".repeat(10_000));
    const meta = parsePageMeta(full.slice(0, 200), "https://a.example/");
    expect(meta.title).toBe("Kept");
  });
});

describe("decodeHtml", () => {
  it("uses the header's charset, else a <meta charset>, else UTF-8", () => {
    const latin1 = new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]); // <p>é</p>
    expect(decodeHtml(latin1, "text/html; charset=ISO-8859-1")).toBe("<p>é</p>");
    const meta = new TextEncoder().encode('<meta charset="windows-1252"><p>');
    expect(decodeHtml(new Uint8Array([...meta, 0xe9]), "text/html")).toMatch(/é$/);
    expect(decodeHtml(new TextEncoder().encode("é"), null)).toBe("é");
  });
});
