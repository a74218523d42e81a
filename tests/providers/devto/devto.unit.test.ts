import { afterEach, describe, expect, it, vi } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { httpClient } from "@/providers/core/transport";
import { withPublicMedia } from "@/providers/core/public-media";
import { articleBody, NO_COVER_ADDRESS } from "@/providers/devto/devto.article";
import { hasFrontMatter, sameMarkdown } from "@/providers/devto/devto.markdown";
import { DevtoProvider } from "@/providers/devto/devto.provider";
import { devtoSettings } from "@/providers/devto/devto.settings";

const provider = new DevtoProvider();
const forem = (error: string, status: number) => JSON.stringify({ error, status });

describe("devto handleErrors: every documented row", () => {
  const rows: [number, string, string][] = [
    [401, forem("unauthorized", 401), "disconnect"],
    [403, forem("Forbidden Bots", 403), "bad-body"],
    [403, forem("You are not authorized to perform this action", 403), "bad-body"],
    [404, forem("not found", 404), "bad-body"],
    [422, forem("Tag list exceed the maximum of 4 tags", 422), "bad-body"],
    [422, forem('Tag "github-actions" contains non-alphanumeric or prohibited unicode characters', 422), "bad-body"],
    [422, forem("Canonical url has already been taken. Email yo@dev.to for further details.", 422), "bad-body"],
    [422, forem("Title has already been used in the last five minutes", 422), "bad-body"],
    [422, forem("Title can't be blank", 422), "bad-body"],
    [422, forem("Body markdown is too long.", 422), "bad-body"],
    [500, forem("Internal Server Error", 500), "retry"],
    [502, "<html><body>Bad gateway</body></html>", "retry"],
  ];
  it.each(rows)("%i %s -> %s", (status, body, kind) => {
    const h = provider.handleErrors(body, status);
    expect(h?.kind).toBe(kind);
    const said = body.startsWith("{") ? (JSON.parse(body) as { error: string }).error : undefined;
    if (said) expect(h?.message).toContain(said);
  });

  it("retries Rack::Attack's plain-text 429 (the kit reads its Retry-After)", () => {
    expect(provider.handleErrors("Retry later\n", 429)).toEqual({ kind: "retry", message: "DEV's rate limit was reached" });
  });

  it("tells the user what to do about a refused key and a reused title", () => {
    expect(provider.handleErrors(forem("unauthorized", 401), 401)?.message).toMatch(/generate a new key/);
    expect(provider.handleErrors(forem("Title has already been used in the last five minutes", 422), 422)?.message).toMatch(
      /change the title or wait/,
    );
  });

  it("leaves other statuses to the kit's status rules", () => {
    expect(provider.handleErrors("", 418)).toBeUndefined();
  });
});

describe("devto settings", () => {
  it("requires a title and refuses one over 128 characters not counting spaces", () => {
    expect(devtoSettings.safeParse({}).success).toBe(false);
    const issue = devtoSettings.safeParse({ title: "  " }).error?.issues[0];
    expect(issue?.path).toEqual(["title"]);
    expect(issue?.message).toMatch(/Title is required/);
    expect(devtoSettings.safeParse({ title: `${"a ".repeat(128)}` }).success).toBe(true); // 128 letters, 127 spaces
    expect(devtoSettings.safeParse({ title: "a".repeat(129) }).error?.issues[0]?.message).toMatch(/at most 128/);
  });

  it("keeps at most 4 tags of letters and digits, lower-cased", () => {
    expect(devtoSettings.parse({ title: "T", tags: ["#JavaScript", "WebDev"] }).tags).toEqual(["javascript", "webdev"]);
    expect(devtoSettings.safeParse({ title: "T", tags: ["a", "b", "c", "d", "e"] }).error?.issues[0]?.message).toMatch(/at most 4 tags/);
    expect(devtoSettings.safeParse({ title: "T", tags: ["github-actions"] }).error?.issues[0]?.message).toMatch(/letters and digits/);
    expect(devtoSettings.safeParse({ title: "T", tags: ["a".repeat(31)] }).error?.issues[0]?.message).toMatch(/at most 30/);
  });

  it("publishes by default, and refuses a local canonical URL and a non-numeric organization", () => {
    expect(devtoSettings.parse({ title: "T" }).status).toBe("published");
    expect(devtoSettings.safeParse({ title: "T", canonicalUrl: "http://localhost:3000/post" }).success).toBe(false);
    expect(devtoSettings.safeParse({ title: "T", canonicalUrl: "https://blog.example/post" }).success).toBe(true);
    expect(devtoSettings.safeParse({ title: "T", organization: "acme" }).error?.issues[0]?.message).toMatch(/numeric id/);
  });
});

describe("devto article body", () => {
  const settings = devtoSettings.parse({
    title: "Hello",
    status: "draft",
    tags: ["ts"],
    series: "Notes",
    canonicalUrl: "https://blog.example/hello",
    description: "Short",
    organization: "9000123",
  });

  it("sends the markdown as written, tags as an array, the organization as a number and the cover by URL", () => {
    const { article, warnings } = articleBody(
      { text: "# Hi\n\n```\ncode\n```", media: [{ url: "https://img.example/c.png", mimeType: "image/png" }] },
      settings,
    );
    expect(article).toEqual({
      title: "Hello",
      body_markdown: "# Hi\n\n```\ncode\n```",
      published: false,
      tags: ["ts"],
      series: "Notes",
      canonical_url: "https://blog.example/hello",
      description: "Short",
      main_image: "https://img.example/c.png",
      organization_id: 9000123,
    });
    expect(warnings).toEqual([]);
  });

  it("sends a cover from the media library by the signed public URL the publish context gives", async () => {
    const upload = { mediaId: "m1", path: "org/b.png", mimeType: "image/png", bytes: new Uint8Array(1) };
    const publicMediaUrl = vi.fn(async (m: { mediaId?: string }) => `https://app.example/m/token-of-${m.mediaId}.png`);
    const item = await withPublicMedia({ text: "x", media: [upload] }, { publicMediaUrl }, NO_COVER_ADDRESS);
    expect(articleBody(item, settings).article.main_image).toBe("https://app.example/m/token-of-m1.png");
    // A link attachment keeps its own address; without a context there is none for an upload.
    const linked = { url: "https://img.example/c.png", mimeType: "image/png" };
    expect(await withPublicMedia({ text: "x", media: [linked] }, { publicMediaUrl }, NO_COVER_ADDRESS)).toEqual({
      text: "x",
      media: [linked],
    });
    expect(publicMediaUrl).toHaveBeenCalledTimes(1);
    await expect(withPublicMedia({ text: "x", media: [upload] }, undefined, NO_COVER_ADDRESS)).rejects.toThrow(NO_COVER_ADDRESS);
  });

  it("refuses a cover from the media library that has no public address, and warns that alt text is not sent", () => {
    const lib = () => articleBody({ text: "x", media: [{ path: "a/b.png", mimeType: "image/png", bytes: new Uint8Array(1) }] }, settings);
    expect(lib).toThrow(ProviderError);
    expect(lib).toThrow(/public address/);
    const { warnings } = articleBody(
      { text: "x", media: [{ url: "https://img.example/c.png", mimeType: "image/png", alt: "A cat" }] },
      settings,
    );
    expect(warnings[0]).toMatch(/no alt text/);
  });

  it("refuses a body opening with front matter, which DEV would read instead of the settings", () => {
    expect(() => articleBody({ text: "---\ntitle: Other\npublished: false\n---\nBody" }, settings)).toThrow(/front matter/);
    expect(hasFrontMatter("\n---\ntitle: x\n---\n")).toBe(true);
    expect(hasFrontMatter("Intro\n\n---\n\nMore\n\n---")).toBe(false);
    expect(hasFrontMatter("---\nA single break")).toBe(false);
  });
});

describe("devto read-back matching", () => {
  it("matches a body whose bare code fence DEV labelled, and nothing else", () => {
    const sent = "Intro\r\n\r\n```\nnpm test\n```\n";
    expect(sameMarkdown("Intro\n\n```shell\nnpm test\n```", sent)).toBe(true);
    expect(sameMarkdown("Intro\n\n```shell\nnpm run build\n```", sent)).toBe(false);
    expect(sameMarkdown("Other intro\n\n```\nnpm test\n```", sent)).toBe(false);
  });
});

describe("devto create answers", () => {
  const channel = { id: "c", internalId: "1", accessToken: "key", instanceUrl: "https://dev.example" };
  const answer = (status: number, body: unknown) =>
    vi
      .spyOn(httpClient, "send")
      .mockResolvedValueOnce(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
  afterEach(() => vi.restoreAllMocks());

  it("sends the key, the v1 media type and a User-Agent, and says when DEV kept a draft it was asked to publish", async () => {
    const spy = answer(201, { id: 42, url: "https://dev.example/jane/hello-1", published: false });
    const made = await provider.post(channel, { text: "Body" }, devtoSettings.parse({ title: "Hello" }));
    expect(made).toEqual({
      id: "42",
      url: "https://dev.example/jane/hello-1",
      warnings: ["DEV saved the article as a draft instead of publishing it"],
    });
    const [url, init] = spy.mock.calls[0]!;
    expect(url).toBe("https://dev.example/api/articles");
    const h = init.headers;
    expect([h.get("api-key"), h.get("accept"), h.get("user-agent")?.length]).toEqual([
      "key",
      "application/vnd.forem.api-v1+json",
      expect.any(Number),
    ]);
    expect(h.get("authorization")).toBeNull();
  });

  it("treats a success without id and link as a publish that may have happened", async () => {
    answer(201, { ok: true });
    const e = (await provider.post(channel, { text: "Body" }, devtoSettings.parse({ title: "Hello" })).catch((x) => x)) as ProviderError;
    expect([e.kind, e.details.mayHavePublished]).toEqual(["retry", true]);
  });
});
