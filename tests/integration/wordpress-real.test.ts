import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectWithFields } from "@/lib/channels/connect";
import { createPost } from "@/lib/posts/operations";
import { startPublishingWorker } from "@/lib/publishing/worker";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import { WordpressProvider } from "@/providers/wordpress/wordpress.provider";
import { startWordpress, wordpressMissing, type WordpressPeer } from "@/tests/peers/wordpress";
import { makeOwner } from "../helpers/factories";
import { png } from "../helpers/media-bytes";
import { ownDatabase, settled } from "../helpers/publishing";

// The WordPress provider against a real WordPress (Debian's package, PHP's built-in server, a
// scratch MariaDB database; tests/peers/wordpress.ts), served under /blog as a site in a folder
// is: discovery of the REST root, application-password sign-in, featured image upload with alt
// text, categories and tags, WordPress's own scheduling, and its refusal of a wrong password.
// `npm test` installs PHP and WordPress first; run directly without them, the suite says why it skips.

const missing = wordpressMissing();
if (missing) console.warn(`Skipping the real WordPress tests: ${missing}`);

const provider = new WordpressProvider();
let wp: WordpressPeer;
let auth: AuthResult;

const channel = (a: AuthResult): ChannelAccess => ({
  id: "ch",
  internalId: a.id,
  username: a.username,
  instanceUrl: String(a.profile?.service),
  accessToken: a.accessToken,
  profile: a.profile,
});

type WpPostRead = {
  id: number;
  status: string;
  link: string;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
  slug: string;
  featured_media: number;
  categories: number[];
  tags: number[];
  date_gmt: string;
};

describe.skipIf(!!missing)("wordpress against a real WordPress", () => {
  ownDatabase();
  beforeAll(async () => {
    const t0 = Date.now();
    wp = await startWordpress();
    console.log(`WordPress started in ${Date.now() - t0} ms (${JSON.stringify(wp.timings)})`);
    auth = await provider.connectWithFields({ site: wp.siteUrl, username: wp.username, password: wp.appPassword });
  });
  afterAll(async () => {
    await wp?.stop();
  });

  it("connects with an application password: the REST root discovered under the site's folder, the account read", () => {
    expect(auth).toMatchObject({
      id: "1",
      name: "admin",
      username: "admin",
      accessToken: wp.appPassword,
      profile: { service: wp.siteUrl, apiRoot: `${wp.siteUrl}/wp-json/`, login: "admin", userId: 1, canPublish: true },
    });
    expect(auth.picture).toMatch(/^https?:\/\/.+s=96/);
  });

  it("publishes through the app: connected with the form's values, published by the engine, WordPress's link kept on the target", async () => {
    const owner = await makeOwner("wp-real");
    const ch = await connectWithFields(owner, "wordpress", { site: `${wp.siteUrl}/`, username: "admin", password: wp.appPassword });
    const worker = await startPublishingWorker();
    try {
      const settings = { title: "Through the engine", tags: [String(wp.terms.tags.postmill)] };
      const { id } = await createPost(owner, {
        mode: "now",
        targets: [{ channelId: ch.id, items: [{ text: "<p>Engine</p>" }], settings }],
      });
      const [t] = await settled(id);
      expect(t!.status, t!.errorMessage ?? "").toBe("published");
      const [r] = t!.results as { id: string; url: string }[];
      const post = await wp.rest<WpPostRead>(`/wp/v2/posts/${r!.id}?context=edit`);
      expect(post).toMatchObject({ link: r!.url, status: "publish", title: { raw: "Through the engine" }, tags: [wp.terms.tags.postmill] });
      expect(r!.url).toBe(`${wp.siteUrl}/through-the-engine/`);
    } finally {
      await worker.stop();
    }
  });

  it("refuses a wrong application password with WordPress's own message, as a 4xx-kind refusal", async () => {
    const e = (await provider
      .connectWithFields({ site: wp.siteUrl, username: "admin", password: "aaaa bbbb cccc dddd eeee ffff" })
      .catch((x: unknown) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("bad-body");
    expect(e.details.status).toBe(401);
    // WordPress 6.1 answers rest_not_logged_in (newer versions: incorrect_password); either is its own text.
    expect(JSON.parse(e.details.body!).code).toMatch(/^(rest_not_logged_in|incorrect_password)$/);
    expect(e.message).toMatch(/^(You are not currently logged in\.|The provided password is an invalid application password\.)/);
    const login = (await provider
      .connectWithFields({ site: wp.siteUrl, username: "admin", password: wp.password })
      .catch((x: unknown) => x)) as ProviderError;
    expect(login.message).toMatch(/application password is 24 letters and digits/);
  });

  it("offers the site's categories and tags as choices, ids as values", async () => {
    const cats = await provider.settingsChoices(channel(auth), "categories");
    expect(cats).toEqual(
      expect.arrayContaining([
        { value: String(wp.terms.categories.News), label: "News" },
        { value: String(wp.terms.categories.Releases), label: "Releases" },
      ]),
    );
    expect(await provider.settingsChoices(channel(auth), "tags")).toEqual([
      { value: String(wp.terms.tags.launch), label: "launch" },
      { value: String(wp.terms.tags.postmill), label: "postmill" },
    ]);
  });

  it("publishes with a featured image (alt text kept), categories and tags; the post reads back through the REST API", async () => {
    const image = png(64, 48);
    const published = await provider.post(
      channel(auth),
      {
        text: '<h2>Launch</h2><p>Hello <strong>world</strong><script>alert(1)</script></p><p><a href="https://example.com/x">link</a></p>',
        media: [{ mimeType: "image/png", bytes: image, alt: "A red square", url: "https://files.example/cover.png" }],
      },
      {
        title: "Postmill launch",
        status: "publish",
        excerpt: "Short summary",
        slug: "postmill-launch",
        categories: [String(wp.terms.categories.Releases)],
        tags: [String(wp.terms.tags.postmill), String(wp.terms.tags.launch)],
      },
    );
    expect(published.url).toBe(`${wp.siteUrl}/postmill-launch/`);
    const post = await wp.rest<WpPostRead>(`/wp/v2/posts/${published.id}?context=edit`);
    expect(post).toMatchObject({
      id: Number(published.id),
      status: "publish",
      link: published.url,
      title: { raw: "Postmill launch" },
      excerpt: { raw: "Short summary" },
      slug: "postmill-launch",
      categories: [wp.terms.categories.Releases],
    });
    expect([...post.tags].sort()).toEqual([wp.terms.tags.postmill, wp.terms.tags.launch].sort());
    expect(post.content.raw).toContain("<h2>Launch</h2><p>Hello <strong>world</strong></p>");
    expect(post.content.raw).not.toContain("script");
    expect(post.featured_media).toBeGreaterThan(0);
    const media = await wp.rest<{ alt_text: string; mime_type: string; source_url: string; post: number | null }>(
      `/wp/v2/media/${post.featured_media}?context=edit`,
    );
    expect(media).toMatchObject({ alt_text: "A red square", mime_type: "image/png" });
    expect(media.source_url).toMatch(new RegExp(`^${wp.siteUrl}/wp-content/uploads/\\d{4}/\\d{2}/cover\\.png$`));
    const file = await fetch(media.source_url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(image))).toBe(true);
    // The public link answers (the Debian package ships no theme, so the page itself is empty).
    expect((await fetch(published.url)).status).toBe(200);
  });

  it("schedules on the site: a future date gives status future at that date (GMT)", async () => {
    const date = "2031-03-04T05:06:07.000Z";
    const published = await provider.post(channel(auth), { text: "<p>Later</p>" }, { title: "Scheduled post", status: "future", date });
    expect(published.ref).toMatchObject({ status: "future" });
    const post = await wp.rest<WpPostRead>(`/wp/v2/posts/${published.id}?context=edit`);
    expect(post).toMatchObject({ status: "future", date_gmt: "2031-03-04T05:06:07" });
  });

  it("counts a post's approved comments as its analytics", async () => {
    const published = await provider.post(channel(auth), { text: "<p>Talk</p>" }, { title: "Discussed" });
    expect(await provider.postAnalytics(channel(auth), published.id)).toEqual({ comments: 0 });
    for (const content of ["First!", "Second"])
      await wp.rest(`/wp/v2/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ post: Number(published.id), content }),
      });
    expect(await provider.postAnalytics(channel(auth), published.id)).toEqual({ comments: 2 });
  });

  it("a category the site does not have is dropped by WordPress without an error; the user is warned", async () => {
    const published = await provider.post(channel(auth), { text: "<p>x</p>" }, { title: "Gone category", categories: ["999999"] });
    expect((await wp.rest<WpPostRead>(`/wp/v2/posts/${published.id}`)).categories).toEqual([]);
    expect(published.warnings).toEqual(["The site no longer has these categories (ids 999999); the post was published without them"]);
  });

  it("saves drafts and pending posts with the status asked for", async () => {
    for (const status of ["draft", "pending"] as const) {
      const published = await provider.post(channel(auth), { text: `<p>${status}</p>` }, { title: `A ${status} post`, status });
      expect((await wp.rest<WpPostRead>(`/wp/v2/posts/${published.id}?context=edit`)).status).toBe(status);
    }
  });

  it("with plain permalinks, finds the API at ?rest_route= and publishes through it (image and alt text included)", async () => {
    wp.setPermalinks("");
    try {
      const plain = await provider.connectWithFields({ site: wp.siteUrl, username: wp.username, password: wp.appPassword });
      // WordPress 6.1 names index.php in the link (the docs show /?rest_route=/); either works.
      expect(plain.profile).toMatchObject({ apiRoot: `${wp.siteUrl}/index.php?rest_route=/` });
      const published = await provider.post(
        channel(plain),
        { text: "<p>Plain</p>", media: [{ mimeType: "image/png", bytes: png(4, 4), alt: "Plain alt" }] },
        { title: "Plain permalinks", tags: [String(wp.terms.tags.launch)] },
      );
      expect(published.url).toMatch(new RegExp(`^${wp.siteUrl}/\\?p=${published.id}$`));
      const post = await wp.rest<WpPostRead>(`/wp/v2/posts/${published.id}?context=edit`);
      expect(post).toMatchObject({ status: "publish", tags: [wp.terms.tags.launch], title: { raw: "Plain permalinks" } });
      expect((await wp.rest<{ alt_text: string }>(`/wp/v2/media/${post.featured_media}?context=edit`)).alt_text).toBe("Plain alt");
    } finally {
      wp.setPermalinks("/%postname%/");
    }
  });

  it("classifies WordPress's real refusals: an invalid parameter, a revoked password", async () => {
    const res = await fetch(`${wp.siteUrl}/wp-json/wp/v2/posts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`admin:${wp.appPassword}`).toString("base64")}` },
      body: JSON.stringify({ title: "x", status: "bogus" }),
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(JSON.parse(body).code).toBe("rest_invalid_param");
    expect(provider.handleErrors(body, res.status)).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/status/) });
    const revoked = (await provider
      .post({ ...channel(auth), accessToken: "zzzzzzzzzzzzzzzzzzzzzzzz" }, { text: "<p>x</p>" }, { title: "Revoked" })
      .catch((x: unknown) => x)) as ProviderError;
    expect(revoked).toMatchObject({ kind: "disconnect" });
  });
});
