import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { SANDBOX_CLIENT } from "@/providers/core/hosts";
import { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess, PostItem } from "@/providers/social.integrations.interface";
import { xSession } from "@/providers/x/x.client";
import xEmulator from "@/emulator/platforms/x";
import { XProvider } from "@/providers/x/x.provider";
import {
  decodeXEntities,
  findTweet,
  matchesItem,
  normalizeText,
  normalizeXText,
  sameText,
  URL_MARK,
  xTimestamp,
  type TimelineTweet,
} from "@/providers/x/x.reconcile";
import { connectX, png } from "@/tests/helpers/platforms/x";

// Reconcile after a lost answer: the normaliser and matcher on their own, findPublished against
// the emulator's GET /2/users/:id/tweets, and that endpoint's contract.

const x = new XProvider();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a ProviderError");
    },
    (e: unknown) => e as ProviderError,
  );

describe("normalising X's text", () => {
  it("replaces links on both sides, collapses whitespace, trims", () => {
    expect(normalizeText("  Launch day!\n\nRead https://example.com/blog/launch?ref=a&b=c.  ")).toBe(`Launch day! Read ${URL_MARK}.`);
    expect(normalizeXText("Launch day!\nRead https://t.co/AbC123xyz.")).toBe(`Launch day! Read ${URL_MARK}.`);
    expect(normalizeText("see example.com/page and www.postmill.dev")).toBe(`see ${URL_MARK} and ${URL_MARK}`);
    expect(normalizeText("mail bob@example.com")).toBe("mail bob@example.com");
    // Every top-level domain X links, not a short list: these were plain text before.
    expect(normalizeText("menu at example.cz and site.ru/news")).toBe(`menu at ${URL_MARK} and ${URL_MARK}`);
    expect(sameText("menu at example.cz", "menu at https://t.co/AbC")).toBe(true);
  });

  it("decodes exactly the entities X escapes, once", () => {
    expect(decodeXEntities("Fish &amp; chips &lt;3 &gt;_&lt; &quot;")).toBe("Fish & chips <3 >_< &quot;");
    expect(decodeXEntities("&amp;lt; is how you write &lt;")).toBe("&lt; is how you write <");
    // Our own text is never decoded: a literal "&amp;" we sent comes back as "&amp;amp;".
    expect(sameText("write &amp; in HTML", "write &amp;amp; in HTML")).toBe(true);
    expect(sameText("write &amp; in HTML", "write &amp; in HTML")).toBe(false);
  });

  it("allows the t.co link X appends for media, and only with media", () => {
    expect(sameText("Look", "Look https://t.co/media1", { media: true })).toBe(true);
    expect(sameText("Look", "Look https://t.co/media1")).toBe(false);
    expect(sameText("", "https://t.co/media1", { media: true })).toBe(true);
    expect(sameText("", "", { media: true })).toBe(true);
    expect(sameText("", "Something else https://t.co/media1", { media: true })).toBe(false);
  });

  it("allows leading @mentions X adds to a reply, and only to a reply", () => {
    expect(sameText("Thanks!", "@ada_x @grace Thanks!", { reply: true })).toBe(true);
    expect(sameText("Thanks!", "@ada_x Thanks!")).toBe(false);
    expect(sameText("@ada_x Thanks!", "@ada_x Thanks!", { reply: true })).toBe(true);
  });

  it("sends start_time at second precision, never after `since`", () => {
    expect(xTimestamp(new Date("2025-03-04T05:06:07.890Z"))).toBe("2025-03-04T05:06:07Z");
  });
});

describe("matching a timeline post", () => {
  const since = new Date("2025-03-04T05:06:07.500Z");
  const tweet = (t: Partial<TimelineTweet>): TimelineTweet => ({ id: "1", text: "", created_at: "2025-03-04T05:06:07.000Z", ...t });

  it("matches X's rewritten text, not an older post or a reply", () => {
    const item = { text: "Fish & chips at https://example.com/menu" };
    expect(matchesItem(tweet({ text: "Fish &amp; chips at https://t.co/x1" }), item, { since })).toBe(true);
    expect(
      matchesItem(tweet({ text: "Fish &amp; chips at https://t.co/x1", created_at: "2025-03-04T05:06:06.000Z" }), item, { since }),
    ).toBe(false);
    expect(
      matchesItem(tweet({ text: "Fish &amp; chips at https://t.co/x1", referenced_tweets: [{ type: "replied_to", id: "9" }] }), item, {
        since,
      }),
    ).toBe(false);
  });

  it("needs the reply to be under the given parent", () => {
    const reply = tweet({ text: "2/2", referenced_tweets: [{ type: "replied_to", id: "9" }] });
    expect(matchesItem(reply, { text: "2/2" }, { since, parent: { id: "9", url: "" } })).toBe(true);
    expect(matchesItem(reply, { text: "2/2" }, { since, parent: { id: "8", url: "" } })).toBe(false);
    expect(
      matchesItem(
        tweet({ text: "2/2", referenced_tweets: [{ type: "quoted", id: "9" }] }),
        { text: "2/2" },
        { since, parent: { id: "9", url: "" } },
      ),
    ).toBe(false);
  });

  it("checks the attachment count when X gives it", () => {
    const two: PostItem = { text: "", media: [png(), png()] };
    expect(matchesItem(tweet({ text: "https://t.co/m", attachments: { media_keys: ["3_1", "3_2"] } }), two, { since })).toBe(true);
    expect(matchesItem(tweet({ text: "https://t.co/m", attachments: { media_keys: ["3_1"] } }), two, { since })).toBe(false);
    expect(matchesItem(tweet({ text: "hello", attachments: { media_keys: ["3_1"] } }), { text: "hello" }, { since })).toBe(false);
  });
});

describe("findPublished against the emulator", () => {
  let emu: Emulator;
  let channel: ChannelAccess;
  let userId: string;
  const xPosts = () => emu.state.posts.filter((p) => p.platform === "x");

  beforeAll(async () => {
    emu = await useEmulator([xEmulator]);
    const c = await connectX(emu, x, "reconcile_x");
    userId = c.auth.id;
    // As the app stores it: id is our row, internalId the X user id.
    channel = { ...c.channel, id: `ch-${userId}`, internalId: userId };
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("finds a post whose answer was lost (text with a link and &)", async () => {
    const since = new Date();
    const item = { text: "Fish & chips <3 at https://example.com/menu?a=1&b=2 tonight" };
    process.env.PROVIDER_TIMEOUT_MS = "300";
    try {
      await injectFault(emu, { platform: "x", route: "post", kind: "timeout", processed: true, delayMs: 1_000 });
      const err = await failure(x.post(channel, item, {}));
      expect(err.details.mayHavePublished).toBe(true);
    } finally {
      delete process.env.PROVIDER_TIMEOUT_MS;
    }
    const made = xPosts().at(-1)!;
    const found = await x.findPublished(channel, item, { since });
    expect(found).toEqual({ id: made.id, url: `${emu.url}/x/reconcile_x/status/${made.id}`, ref: { id: made.id } });
  });

  it("returns null when nothing matching was made since `since`", async () => {
    expect(await x.findPublished(channel, { text: "never posted" }, { since: new Date(Date.now() - 60_000) })).toBeNull();
    const old = await x.post(channel, { text: "posted a minute ago" }, {});
    xPosts().find((p) => p.id === old.id)!.receivedAt -= 60_000;
    expect(await x.findPublished(channel, { text: "posted a minute ago" }, { since: new Date(Date.now() - 30_000) })).toBeNull();
  });

  it("finds a media-only post by its attachment count", async () => {
    const since = new Date();
    const made = await x.post(channel, { text: "", media: [png()] }, {});
    expect((await x.findPublished(channel, { text: "", media: [png()] }, { since }))?.id).toBe(made.id);
    expect(await x.findPublished(channel, { text: "", media: [png(), png()] }, { since })).toBeNull();
  });

  it("matches a reply only under the right parent", async () => {
    const since = new Date();
    const root = await x.post(channel, { text: "Thread root for reconcile" }, {});
    const other = await x.post(channel, { text: "Another root" }, {});
    const reply = await x.comment(channel, { text: "The reply" }, root, root, {});
    expect(await x.findPublished(channel, { text: "The reply" }, { since, parent: root })).toEqual(reply);
    expect(await x.findPublished(channel, { text: "The reply" }, { since, parent: other })).toBeNull();
    expect(await x.findPublished(channel, { text: "The reply" }, { since })).toBeNull();
  });

  it("pages through the timeline to an older post, within a bound", async () => {
    const since = new Date(Date.now() - 5_000);
    const target = emu.state.record({ platform: "x", accountId: userId, text: "Deep in the timeline", media: [] });
    for (let i = 0; i < 150; i++) emu.state.record({ platform: "x", accountId: userId, text: `filler ${i}`, media: [] });
    const found = await x.findPublished(channel, { text: "Deep in the timeline" }, { since });
    expect(found?.id).toBe(target.id);
    // Past the bound we cannot tell, which is not the same as "not published".
    const call = xSession(x, channel.accessToken);
    const err = await failure(findTweet(call, userId, { text: "Deep in the timeline" }, { since }, { pageSize: 5, maxPages: 3 }));
    expect(err.kind).toBe("retry");
    expect(err.details.mayHavePublished).toBe(true);
  });

  it("reads a fresh token when the old one expired", async () => {
    const since = new Date();
    const made = await x.post(channel, { text: "Before expiry" }, {});
    emu.state.expireTokens("x");
    const err = await failure(x.findPublished(channel, { text: "Before expiry" }, { since }));
    expect(err.kind).toBe("refresh-token");
    const fresh = emu.state.issueTokens("x", userId, SANDBOX_CLIENT.id, ["tweet.read", "users.read"], false).accessToken;
    expect((await x.findPublished(channel, { text: "Before expiry" }, { since }, { refreshAccessToken: async () => fresh }))?.id).toBe(
      made.id,
    );
  });
});

describe("GET /2/users/:id/tweets (emulator)", () => {
  let emu: Emulator;
  let token: string;
  let userId: string;
  const get = (path: string, bearer = token) => fetch(`${emu.url}/x${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    emu = await useEmulator([xEmulator]);
    const { auth } = await connectX(emu, x, "timeline_x");
    token = auth.accessToken;
    userId = auth.id;
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("refuses max_results outside 5..100 with X's invalid-request problem", async () => {
    for (const n of ["4", "101"]) {
      const res = await get(`/2/users/${userId}/tweets?max_results=${n}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [
          { parameters: { max_results: [n] }, message: `The \`max_results\` query parameter value [${n}] is not between 5 and 100` },
        ],
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.x.com/2/problems/invalid-request",
      });
    }
    expect(x.handleErrors(await (await get(`/2/users/${userId}/tweets?max_results=1`)).text(), 400).kind).toBe("bad-body");
  });

  it("answers an empty timeline with meta only, and needs tweet.read and users.read", async () => {
    const res = await get(`/2/users/${userId}/tweets`);
    expect(await res.json()).toEqual({ meta: { result_count: 0 } });
    expect(res.headers.get("x-rate-limit-limit")).toBe("900");
    expect((await fetch(`${emu.url}/x/2/users/${userId}/tweets`)).status).toBe(401);
    const noUsers = emu.state.issueTokens("x", userId, SANDBOX_CLIENT.id, ["tweet.read"], false).accessToken;
    expect((await get(`/2/users/${userId}/tweets`, noUsers)).status).toBe(403);
  });

  it("lists newest first with the asked fields, filtered by start_time and end_time", async () => {
    const root = emu.state.record({ platform: "x", accountId: userId, text: "a & b", media: [] });
    const reply = emu.state.record({ platform: "x", accountId: userId, text: "c", media: [], replyTo: root.id });
    root.receivedAt = Date.parse("2025-01-01T10:00:00.400Z");
    reply.receivedAt = Date.parse("2025-01-01T10:00:05.900Z");
    const q = "tweet.fields=created_at,conversation_id,referenced_tweets&start_time=2025-01-01T10:00:00Z&end_time=2025-01-01T10:00:06Z";
    const body = await (await get(`/2/users/${userId}/tweets?${q}`)).json();
    expect(body).toEqual({
      data: [
        {
          id: reply.id,
          text: "c",
          edit_history_post_ids: [reply.id],
          created_at: "2025-01-01T10:00:05.000Z",
          conversation_id: root.id,
          referenced_tweets: [{ type: "replied_to", id: root.id }],
        },
        {
          id: root.id,
          text: "a &amp; b",
          edit_history_post_ids: [root.id],
          created_at: "2025-01-01T10:00:00.000Z",
          conversation_id: root.id,
        },
      ],
      meta: { result_count: 2, newest_id: reply.id, oldest_id: root.id },
    });
    // end_time is exclusive at second granularity; start_time inclusive.
    const before = await (await get(`/2/users/${userId}/tweets?start_time=2025-01-01T10:00:01Z&end_time=2025-01-01T10:00:05Z`)).json();
    expect(before).toEqual({ meta: { result_count: 0 } });
  });

  it("pages with next_token and refuses a token it never gave", async () => {
    for (let i = 0; i < 7; i++) emu.state.record({ platform: "x", accountId: userId, text: `page ${i}`, media: [] });
    const first = (await (await get(`/2/users/${userId}/tweets?max_results=5`)).json()) as {
      data: { id: string }[];
      meta: { next_token?: string };
    };
    expect(first.data).toHaveLength(5);
    const second = (await (await get(`/2/users/${userId}/tweets?max_results=5&pagination_token=${first.meta.next_token}`)).json()) as {
      data: { id: string }[];
      meta: { next_token?: string };
    };
    expect(second.data.length).toBeGreaterThan(0);
    expect(second.data.some((t) => first.data.some((f) => f.id === t.id))).toBe(false);
    expect((await get(`/2/users/${userId}/tweets?pagination_token=nonsense`)).status).toBe(400);
  });

  it("answers an unknown user with errors[] in a 200, which findPublished reports", async () => {
    const res = await get("/2/users/404404/tweets");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ errors: [{ resource_type: "user", resource_id: "404404", title: "Not Found Error" }] });
    const channel: ChannelAccess = { id: "ch-1", internalId: "404404", accessToken: token };
    const err = await failure(x.findPublished(channel, { text: "anything" }, { since: new Date() }));
    expect(err.kind).toBe("bad-body");
    expect(err.message).toContain("Could not find user");
  });
});
