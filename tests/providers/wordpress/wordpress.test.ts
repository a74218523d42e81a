import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emulator from "@/emulator/platforms/wordpress";
import { appPasswordFor } from "@/emulator/platforms/wordpress/site";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { apiRootFromLink, restUrl } from "@/providers/wordpress/wordpress.api";
import { postContent } from "@/providers/wordpress/wordpress.post";
import { WordpressProvider } from "@/providers/wordpress/wordpress.provider";
import { wordpressSettings } from "@/providers/wordpress/wordpress.settings";
import { useEmulator } from "@/tests/helpers/emulator";
import { png } from "@/tests/helpers/media-bytes";

// The provider's pieces on their own (Link parsing, URL building, markup, settings) and against
// the WordPress emulator (a site in a folder) and a tiny site without pretty permalinks.

const provider = new WordpressProvider();
let emu: Emulator;
let site: string;
let plain: Server;
let plainUrl: string;
const plainRequests: string[] = [];

const access = (a: AuthResult): ChannelAccess => ({
  id: "ch",
  internalId: a.id,
  username: a.username,
  instanceUrl: a.profile!.service as string,
  accessToken: a.accessToken,
  profile: a.profile,
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  site = `${emu.url}/wordpress`;
  // A site with plain permalinks: only index.php?rest_route= reaches the API, and its pages say so.
  plain = createServer((req, res) => {
    plainRequests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://x");
    const root = `${plainUrl}/?rest_route=/`;
    // A site whose pages carry no Link header (a cache stripped it): only /wp-json/ tells.
    if (url.pathname === "/nolink/wp-json/") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ namespaces: ["oembed/1.0", "wp/v2"] }));
    } else if (url.pathname === "/nolink/wp-json/wp/v2/users/me") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: 8, name: "No link", avatar_urls: {} }));
    } else if (url.pathname === "/nolink/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    } else if (url.pathname === "/" && url.searchParams.get("rest_route") === "/wp/v2/users/me") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: 7, name: "Plain", slug: "plain", avatar_urls: {} }));
    } else if (url.pathname === "/" && url.searchParams.get("rest_route") === "/wp/v2/comments") {
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    } else if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html", link: `<${root}>; rel="https://api.w.org/"` }).end("<html></html>");
    } else res.writeHead(404, { "content-type": "text/html" }).end("not found");
  });
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
});
afterAll(async () => {
  await emu.stop();
  plain.close();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("REST root discovery and URLs", () => {
  it("reads the api.w.org link among others in a Link header", () => {
    expect(apiRootFromLink('<https://e.com/wp-json/>; rel="https://api.w.org/"')).toBe("https://e.com/wp-json/");
    expect(
      apiRootFromLink(
        '<https://e.com/wp-json/wp/v2/pages/2>; rel="alternate"; type="application/json", <https://e.com/blog/?rest_route=/>; rel="https://api.w.org/"',
      ),
    ).toBe("https://e.com/blog/?rest_route=/");
    expect(apiRootFromLink('<https://e.com/feed/>; rel="alternate"')).toBeUndefined();
    expect(apiRootFromLink(null)).toBeUndefined();
  });

  it("builds routes under both documented roots, query parameters kept apart from rest_route", () => {
    expect(restUrl("https://e.com/blog/wp-json/", "/wp/v2/posts", { per_page: 100 })).toBe(
      "https://e.com/blog/wp-json/wp/v2/posts?per_page=100",
    );
    expect(restUrl("https://e.com/?rest_route=/", "/wp/v2/media", { alt_text: "a b&c" })).toBe(
      "https://e.com/?rest_route=%2Fwp%2Fv2%2Fmedia&alt_text=a+b%26c",
    );
  });

  it("connects to a site without pretty permalinks through ?rest_route=", async () => {
    const a = await provider.connectWithFields({ site: plainUrl, username: "plain", password: "abcd efgh ijkl mnop qrst uvwx" });
    expect(a.profile).toMatchObject({ service: plainUrl, apiRoot: `${plainUrl}/?rest_route=/`, userId: 7 });
    expect(plainRequests).toContain("GET /?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit");
    expect(plainRequests.some((r) => r.includes("/wp-json"))).toBe(false);
  });

  it("without a Link header, finds the API at /wp-json/ by its index", async () => {
    const a = await provider.connectWithFields({ site: `${plainUrl}/nolink`, username: "x", password: "abcd efgh ijkl mnop qrst uvwx" });
    expect(a.profile).toMatchObject({ apiRoot: `${plainUrl}/nolink/wp-json/`, userId: 8 });
  });

  it("refuses an address with no WordPress behind it, on the site field", async () => {
    const e = (await provider
      .connectWithFields({ site: `${plainUrl}/nothing`, username: "x", password: "y" })
      .catch((x: unknown) => x)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.site).toMatch(/No WordPress REST API was found at .*\/nothing/);
  });
});

describe("connect against the emulator", () => {
  it("checks the application password live and keeps the discovered root and login", async () => {
    const a = await provider.connectWithFields({ site: `${site}/`, username: "jane", password: appPasswordFor("jane") });
    expect(a).toMatchObject({
      name: "jane",
      username: "jane",
      accessToken: appPasswordFor("jane"),
      profile: { service: site, apiRoot: `${site}/wp-json/`, login: "jane", canPublish: true },
    });
    expect(a.picture).toMatch(/s=96/);
  });

  it("refuses a wrong password with WordPress's message, hinting when it is not an application password", async () => {
    const wrong = await failure(provider.connectWithFields({ site, username: "jane", password: "AAAA BBBB CCCC DDDD EEEE FFFF" }));
    expect(wrong).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/^The provided password is an invalid application password\./),
    });
    expect(wrong.message).not.toMatch(/24 letters/);
    const login = await failure(provider.connectWithFields({ site, username: "jane", password: "my login p@ss!" }));
    expect(login.message).toMatch(/24 letters and digits/);
  });

  it("names the missing fields", async () => {
    const e = (await provider.connectWithFields({ site, username: " ", password: "" }).catch((x: unknown) => x)) as ValidationError;
    expect(Object.keys(e.fields).sort()).toEqual(["password", "username"]);
  });
});

describe("publishing against the emulator", () => {
  let ch: ChannelAccess;
  beforeAll(async () => {
    ch = access(await provider.connectWithFields({ site, username: "poster", password: appPasswordFor("poster") }));
  });

  it("uploads the featured image with its alt text, then creates the post pointing at it, with categories and tags as ids", async () => {
    const item = await provider.post(
      ch,
      {
        text: "<p>Body</p>",
        media: [{ mimeType: "image/png", bytes: png(8, 8), alt: "Alt words", url: "https://x.example/a/cover.png?x=1" }],
      },
      { title: "Hello", categories: ["2"], tags: ["4", "5"], excerpt: "Ex", slug: "hello-there" },
    );
    const post = emu.state.posts.find((p) => p.id === item.id)!.extra!.post as Record<string, unknown>;
    expect(post).toMatchObject({ status: "publish", slug: "hello-there", categories: [2], tags: [4, 5], excerpt: { raw: "Ex" } });
    expect(item.url).toBe(`${site}/hello-there/`);
    const media = emu.state.media.get(String(post.featured_media))!;
    expect(media).toMatchObject({ mimeType: "image/png", alt: "Alt words" });
    expect((await fetch(item.url)).status).toBe(200);
  });

  it("schedules with date_gmt in UTC without an offset; the site answers status future", async () => {
    const item = await provider.post(ch, { text: "<p>Later</p>" }, { title: "Later", status: "future", date: "2031-01-02T03:04:05+02:00" });
    const post = emu.state.posts.find((p) => p.id === item.id)!.extra!.post as Record<string, unknown>;
    expect(post).toMatchObject({ status: "future", date_gmt: "2031-01-02T01:04:05" });
    expect(item.ref).toEqual({ status: "future" });
  });

  it("an unknown category is dropped by the site, as WordPress does, and the user is told", async () => {
    const item = await provider.post(ch, { text: "<p>x</p>" }, { title: "x", categories: ["2", "999"] });
    expect((emu.state.posts.find((p) => p.id === item.id)!.extra!.post as { categories: number[] }).categories).toEqual([2]);
    expect(item.warnings).toEqual(["The site no longer has these categories (ids 999); the post was published without them"]);
  });

  it("reads the site's terms as choices (parents in the label)", async () => {
    expect(await provider.settingsChoices(ch, "categories")).toEqual([
      { value: "1", label: "Uncategorized" },
      { value: "2", label: "News" },
      { value: "3", label: "News › Releases" },
    ]);
    await expect(provider.settingsChoices(ch, "status")).rejects.toBeInstanceOf(ValidationError);
  });

  it("reads a post's comment count from X-WP-Total; a missing header is an unknown figure, not zero", async () => {
    const item = await provider.post(ch, { text: "<p>c</p>" }, { title: "c" });
    const recordedPost = emu.state.posts.find((p) => p.id === item.id)!;
    recordedPost.receivedAt -= 2 * 3_600_000;
    const counted = await provider.postAnalytics(ch, item.id);
    expect(counted).toEqual({ comments: expect.any(Number) });
    const res = await fetch(`${site}/wp-json/wp/v2/comments?post=${item.id}`);
    expect(counted.comments).toBe(Number(res.headers.get("x-wp-total")));
    const noHeader = { ...ch, profile: { ...ch.profile, apiRoot: `${plainUrl}/?rest_route=/` } };
    await expect(provider.postAnalytics(noHeader, item.id)).resolves.toEqual({});
  });

  it("a revoked application password disconnects the channel", async () => {
    const token = emu.state.accessTokens.get(ch.accessToken)!;
    emu.state.grants.get(token.grantId)!.revoked = true;
    const e = await failure(provider.post(ch, { text: "<p>x</p>" }, { title: "x" }));
    expect(e.kind).toBe("disconnect");
  });
});

describe("content and settings", () => {
  it("sanitises the body to post HTML: headings, images and tables kept; scripts, styles and handlers gone", () => {
    const html = postContent(
      '<h1 style="color:red">T</h1><p onclick="x()">a <b>b</b> <img src="https://e.com/i.png" alt="i" onerror="x()"></p><script>alert(1)</script><table><tr><td colspan="2">c</td></tr></table><a href="javascript:x()">j</a>',
    );
    expect(html).toBe(
      '<h1>T</h1><p>a <strong>b</strong> <img src="https://e.com/i.png" alt="i" /></p><table><tr><td colspan="2">c</td></tr></table><a>j</a>',
    );
  });

  it("requires a title, and a future date for a scheduled post", () => {
    const issues = (v: unknown) => (wordpressSettings.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(issues({})).toEqual(["title: WordPress posts need a title"]);
    expect(issues({ title: " " })).toEqual(["title: WordPress posts need a title"]);
    expect(issues({ title: "t", status: "future" })).toEqual(["date: a scheduled post needs its date"]);
    expect(issues({ title: "t", status: "future", date: "2001-01-01T00:00:00Z" })).toEqual([
      "date: a scheduled post's date must be in the future",
    ]);
    expect(issues({ title: "t", status: "future", date: "2099-01-01T00:00:00Z", categories: ["3"], tags: ["x"] })).toEqual([
      "Tags: each entry must be a tag id from the site",
    ]);
    expect(issues({ title: "t", status: "sticky" })).toEqual(["status: one of publish, draft, pending or future"]);
  });
});
