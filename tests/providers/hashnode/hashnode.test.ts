import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import emulatorModule from "@/emulator/platforms/hashnode";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { HashnodeProvider } from "@/providers/hashnode/hashnode.provider";
import type { AuthResult, ChannelAccess, Page } from "@/providers/social.integrations.interface";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";

// The provider against the Hashnode emulator (written from Hashnode's documentation): connect
// with a personal access token, the blog pick, publishPost with every setting and a cover, the
// GraphQL errors that arrive with HTTP 200, and post analytics.

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
const provider = new HashnodeProvider();
let emu: Emulator;
let n = 0;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a refusal"),
    (e: unknown) => e as Error,
  );
const channelOf = (a: AuthResult, page: Page): ChannelAccess => ({ id: `ch-${page.id}`, internalId: page.id, accessToken: a.accessToken });
const pending = (a: AuthResult): ChannelAccess => ({ id: "pending", internalId: `pending:${a.id}`, accessToken: a.accessToken });
const gql = (body: unknown, token?: string) =>
  fetch(`${emu.url}/hashnode/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: JSON.stringify(body),
  });

/** A fresh user, connected, with the blog picked: the Pro one unless `free`. */
async function blog(opts: { free?: boolean } = {}) {
  const auth = await provider.connectWithFields({ token: `emu-pat-writer${++n}` });
  const pages = await provider.pages(pending(auth));
  const page = await provider.fetchPageInformation(pending(auth), pages[opts.free ? 1 : 0]!.id);
  return { auth, page, channel: channelOf(auth, page) };
}
const recordedFor = (text: string) => emu.state.posts.filter((p) => p.platform === "hashnode" && p.text === text);

beforeAll(async () => {
  emu = await useEmulator([emulatorModule]);
});
afterEach(() => {
  emu.state.faults = [];
});
afterAll(() => emu.stop());

describe("connecting with a personal access token", () => {
  it("reads the user with the me query and leaves the channel to a blog pick", async () => {
    const auth = await provider.connectWithFields({ token: "  Bearer emu-pat-ada  " });
    expect(auth).toMatchObject({ username: "ada", name: "ada", accessToken: "emu-pat-ada", needsPagePick: true });
    expect(auth.picture).toMatch(/^https:\/\/cdn\.hashnode\.com\//);
    const pages = await provider.pages(pending(auth));
    expect(pages).toEqual([
      expect.objectContaining({ name: "ada's blog", username: "ada.hashnode.dev" }),
      expect.objectContaining({ name: "ada's notes (free plan)", username: "ada-notes.hashnode.dev" }),
    ]);
    expect(await provider.fetchPageInformation(pending(auth), pages[0]!.id)).toEqual(pages[0]);
  });

  it("refuses a wrong token on the token field, in Hashnode's words", async () => {
    const e = await failure(provider.connectWithFields({ token: "not-a-real-token" }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields.token).toMatch(/You must be logged in to perform this action.*reconnect with a new token/);
  });

  it("refuses an empty token before calling Hashnode", async () => {
    const e = await failure(provider.connectWithFields({ token: "   " }));
    expect((e as ValidationError).fields).toEqual({ token: expect.stringMatching(/Enter a personal access token/) });
  });

  it("refuses to pick a blog that is not the user's", async () => {
    const auth = await provider.connectWithFields({ token: "emu-pat-grace" });
    const e = await failure(provider.fetchPageInformation(pending(auth), "0123456789abcdef01234567"));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/not one of this Hashnode account's blogs/) });
  });

  it("names the moved endpoint when the API host answers a web page (the retired gql.hashnode.com)", async () => {
    const old: Server = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><body>Hashnode's API has moved</body></html>"),
    );
    await new Promise<void>((r) => old.listen(0, "127.0.0.1", r));
    process.env.HASHNODE_API_URL = `http://127.0.0.1:${(old.address() as { port: number }).port}`;
    try {
      const e = await failure(provider.connectWithFields({ token: "emu-pat-ada" }));
      expect(e).toMatchObject({
        kind: "bad-body",
        message: expect.stringMatching(/gql-beta\.hashnode\.com.*not a problem with the token/),
      });
    } finally {
      delete process.env.HASHNODE_API_URL;
      old.close();
    }
  });
});

describe("publishing with publishPost", () => {
  it("sends the markdown, title, subtitle, tags as { slug, name }, canonical URL, slug and options, to the picked blog", async () => {
    const { channel, page } = await blog();
    const text = "# Intro\n\nBody in **markdown**.";
    const out = await provider.post(
      channel,
      { text },
      {
        title: "Shipping a GraphQL API",
        subtitle: "What we learnt",
        tags: ["GraphQL", "Web Development", "graphql"],
        canonicalUrl: "https://example.com/original",
        slug: "shipping-graphql",
        disableComments: true,
        delisted: true,
        tableOfContents: true,
      },
    );
    const [rec] = recordedFor(text);
    expect(out).toEqual({ id: rec!.id, url: `https://${page.username}/shipping-graphql`, ref: { slug: "shipping-graphql" } });
    expect(rec!.extra).toMatchObject({
      publicationId: page.id,
      title: "Shipping a GraphQL API",
      subtitle: "What we learnt",
      tags: [
        { slug: "graphql", name: "GraphQL" },
        { slug: "web-development", name: "Web Development" },
      ],
      originalArticleURL: "https://example.com/original",
      disableComments: true,
      isDelisted: true,
      enableToc: true,
    });
  });

  it("uploads the cover to Hashnode's CDN first (presigned PUT, then confirm) and sends its URL as coverImage", async () => {
    const { channel } = await blog();
    const text = "A post with a cover";
    const out = await provider.post(
      channel,
      { text, media: [{ mimeType: "image/png", bytes: PNG, alt: "a dot" }] },
      { title: "Covered post" },
    );
    const [rec] = recordedFor(text);
    expect(rec!.media).toEqual([expect.stringMatching(/^https:\/\/cdn\.hashnode\.com\/res\/hashnode\/image\/upload\/.+\.png$/)]);
    const key = rec!.media[0]!.replace("https://cdn.hashnode.com/", "");
    expect(emu.state.media.get(key)).toMatchObject({ platform: "hashnode", mimeType: "image/png", size: PNG.length });
    expect(out.warnings).toEqual([expect.stringMatching(/no alt text/)]);
  });

  it("refuses an SVG cover before uploading it", async () => {
    const { channel } = await blog();
    const e = await failure(
      provider.post(channel, { text: "svg", media: [{ mimeType: "image/svg+xml", bytes: PNG }] }, { title: "Vector cover" }),
    );
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/no SVG/) });
  });

  it("refuses a title under 6 characters without calling Hashnode", async () => {
    const { channel } = await blog();
    const e = await failure(provider.post(channel, { text: "short title" }, { title: "Hi" }));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/at least 6 characters/) });
    expect(recordedFor("short title")).toHaveLength(0);
  });

  it("fails with Hashnode's Pro-plan message on a free blog (a 200 with errors is not a success)", async () => {
    const { channel } = await blog({ free: true });
    const e = await failure(provider.post(channel, { text: "on the free plan" }, { title: "Free plan post" }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/does not have an active Pro plan.*Hashnode Pro/) });
    expect((e as ProviderError).details.status).toBe(200);
    expect(recordedFor("on the free plan")).toHaveLength(0);
  });

  it("a revoked token at publish time disconnects the channel", async () => {
    const { channel } = await blog();
    const grant = emu.state.grants.get(emu.state.accessTokens.get(channel.accessToken)!.grantId)!;
    grant.revoked = true;
    const e = await failure(provider.post(channel, { text: "revoked" }, { title: "Revoked token" }));
    expect(e).toMatchObject({ kind: "disconnect" });
  });

  it("a server error answered with HTTP 200 is a retry that may have published (never repeated)", async () => {
    const { channel } = await blog();
    await injectFault(emu, { platform: "hashnode", route: "publishPost", kind: "server-error" });
    const e = await failure(provider.post(channel, { text: "5xx in a 200" }, { title: "Server error" }));
    expect(e).toMatchObject({ kind: "retry", details: { status: 200, mayHavePublished: true } });
  });

  it("a 429 is a retry after Retry-After, refused before anything was made", async () => {
    const { channel } = await blog();
    await injectFault(emu, { platform: "hashnode", route: "publishPost", kind: "rate-limit", retryAfterSeconds: 600 });
    const e = await failure(provider.post(channel, { text: "throttled" }, { title: "Throttled post" }));
    expect(e).toMatchObject({ kind: "retry", details: { status: 429, retryAfterMs: 600_000, mayHavePublished: false } });
  });
});

describe("post analytics", () => {
  it("reads views, reactions, responses and replies of a published post", async () => {
    const { channel } = await blog();
    const { id } = await provider.post(channel, { text: "counted" }, { title: "Counted post" });
    const stats = await provider.postAnalytics(channel, id);
    expect(Object.keys(stats).sort()).toEqual(["comments", "engagements", "likes", "replies", "views"]);
    expect(stats.engagements).toBe(stats.likes! + stats.comments! + stats.replies!);
  });

  it("says so when Hashnode no longer shows the post", async () => {
    const { channel } = await blog();
    const e = await failure(provider.postAnalytics(channel, "0123456789abcdef01234567"));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/no longer shows the post/) });
  });
});

describe("the emulator checks PublishPostInput as Hashnode's schema defines it", () => {
  const input = (pub: string, extra: Record<string, unknown> = {}) => ({
    query: "mutation PublishPost($input: PublishPostInput!) { publishPost(input: $input) { post { id slug url } } }",
    variables: { input: { publicationId: pub, title: "A valid title", contentMarkdown: "Body", ...extra } },
  });

  it("refuses the legacy shapes (coverImageOptions, tags by id) with Apollo's 400 BAD_USER_INPUT", async () => {
    const { channel, auth } = await blog();
    for (const extra of [{ coverImageOptions: { coverImageURL: "https://x/y.png" } }, { tags: [{ id: "56744721958ef13879b94cad" }] }]) {
      const res = await gql(input(channel.internalId, extra), `Bearer ${auth.accessToken}`);
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("refuses more than 15 tags, and a missing token", async () => {
    const { channel, auth } = await blog();
    const tags = Array.from({ length: 16 }, (_x, i) => ({ slug: `t${i}` }));
    const many = await (await gql(input(channel.internalId, { tags }), auth.accessToken)).json();
    expect(many.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/at most 15 tags/) });
    const anon = await gql(input(channel.internalId));
    expect(anon.status).toBe(200);
    expect((await anon.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("an answer with both data and errors", () => {
  it("reports a create that came back beside an error as possibly made (unconfirmed), never as a success", async () => {
    const both: Server = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          data: { publishPost: { post: { id: "6a603fb103e2cb323e7851f6", slug: "s", url: "https://x.hashnode.dev/s" } } },
          errors: [{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" }, path: ["publishPost", "post", "tags"] }],
        }),
      ),
    );
    await new Promise<void>((r) => both.listen(0, "127.0.0.1", r));
    process.env.HASHNODE_API_URL = `http://127.0.0.1:${(both.address() as { port: number }).port}`;
    try {
      const channel = { id: "c", internalId: "0123456789abcdef01234567", accessToken: "emu-pat-ada" };
      const e = await failure(provider.post(channel, { text: "partial" }, { title: "Partial answer" }));
      expect(e).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
      expect(e.message).toMatch(/returned the new post but also reported an error: Unexpected error/);
    } finally {
      delete process.env.HASHNODE_API_URL;
      both.close();
    }
  });
});

describe("the Series setting: the blog's series as choices", () => {
  it("offers the blog's series and publishes into the one picked", async () => {
    const { channel } = await blog();
    const choices = await provider.settingsChoices(channel, "seriesId");
    expect(choices.map((c) => c.label)).toEqual(["Getting started", "Deep dives"]);
    expect(await provider.settingsChoices(channel, "tags")).toEqual([]);
    await provider.post(channel, { text: "in a series" }, { title: "Series post", seriesId: choices[1]!.value });
    expect(recordedFor("in a series")[0]!.extra).toMatchObject({ seriesId: choices[1]!.value });
  });

  it("refuses a series that is not the blog's with Hashnode's NOT_FOUND, and a free blog's series with the Pro-plan message", async () => {
    const { channel } = await blog();
    const e = await failure(
      provider.post(channel, { text: "wrong series" }, { title: "Series post", seriesId: "0123456789abcdef01234567" }),
    );
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/Series not found/) });
    const free = await blog({ free: true });
    const pro = await failure(provider.settingsChoices(free.channel, "seriesId"));
    expect(pro).toMatchObject({ kind: "bad-body", message: expect.stringMatching(/active Pro plan/) });
  });
});
