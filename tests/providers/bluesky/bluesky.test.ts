import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { ProviderError } from "@/providers/core/errors";
import type { AuthResult, ChannelAccess } from "@/providers/social.integrations.interface";
import emulator from "@/emulator/platforms/bluesky";
import { EMULATOR_2FA_PASSWORD, EMULATOR_APP_PASSWORD, TAKEDOWN_PREFIX } from "@/emulator/platforms/bluesky/session";
import { BlueskyProvider } from "@/providers/bluesky/bluesky.provider";

// The provider against the Bluesky emulator: connect, sessions, publishing and failures.

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
const provider = new BlueskyProvider();
let emu: Emulator;
let service: string;
let n = 0;

type Connected = AuthResult & { credentials?: Record<string, string> };
const connect = (identifier = `user${++n}.test`, password = EMULATOR_APP_PASSWORD) =>
  provider.connectWithFields({ service, identifier, password });
const access = (a: Connected): ChannelAccess => ({
  id: `channel-${a.id}`,
  internalId: a.id,
  username: a.username,
  instanceUrl: a.profile!.service as string,
  accessToken: a.accessToken,
  profile: a.profile,
});
const refreshChannel = (a: Connected) => ({ instanceUrl: a.profile!.service as string, profile: a.profile, credentials: a.credentials });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ProviderError,
  );
const posts = () => emu.state.posts.filter((p) => p.platform === "bluesky");
const recordOf = (i: number) => posts()[i]!.extra!.record as Record<string, unknown>;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  service = `${emu.url}/bluesky`;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});
beforeEach(() => {
  emu.state.posts = [];
  emu.state.faults = [];
});

describe("bluesky connect (app password)", () => {
  it("offers the sandbox PDS as the default service", () => {
    expect(provider.customFields().map((f) => [f.key, f.type])).toEqual([
      ["service", "url"],
      ["identifier", "text"],
      ["password", "password"],
    ]);
    expect(provider.customFields()[0]!.defaultValue).toBe(service);
  });

  it("connects: DID as id, handle, token expiry from the JWT, credentials kept for one re-login", async () => {
    const a = await connect("emu_bluesky.test");
    expect(a.id).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(a).toMatchObject({
      username: "emu_bluesky.test",
      name: "emu bluesky",
      profile: { service, did: a.id, handle: "emu_bluesky.test" },
    });
    expect(a.expiresIn).toBeGreaterThan(7100);
    expect(a.refreshToken).toBeTruthy();
    expect(a.credentials).toEqual({ identifier: "emu_bluesky.test", password: EMULATOR_APP_PASSWORD });
  });

  it("falls back to the profile record when getProfile (App View) fails", async () => {
    await injectFault(emu, { platform: "bluesky", route: "profile", kind: "server-error" });
    const a = await connect("noappview.test");
    expect(a.name).toBe("noappview");
  });

  it("validates the fields, naming each one", async () => {
    const e = await failure(provider.connectWithFields({ service: "ftp://pds.example", identifier: "", password: "" }));
    expect(e).toBeInstanceOf(ValidationError);
    const fields = (e as unknown as ValidationError).fields;
    expect(fields.service).toMatch(/service must be an http\(s\) URL/);
    expect(fields.identifier).toMatch(/handle/);
    expect(fields.password).toMatch(/app password \(xxxx-xxxx-xxxx-xxxx/);
  });

  it("refuses a wrong password with Bluesky's reason and an app-password hint", async () => {
    const e = await failure(connect("wrongpass.test", "hunter2"));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/^Invalid identifier or password \(app passwords look like xxxx-xxxx-xxxx-xxxx\)$/);
  });

  it("asks for an app password when the main password triggers email 2FA; reports a takedown", async () => {
    await connect("twofa.test");
    const e = await failure(connect("twofa.test", EMULATOR_2FA_PASSWORD));
    expect(e.kind).toBe("bad-body");
    expect(e.message).toMatch(/sign in code.*app password/);
    await connect(`${TAKEDOWN_PREFIX}x.test`).then(
      () => expect.unreachable(),
      (t: ProviderError) => expect(t.message).toBe("Account has been taken down"),
    );
  });

  it("answers the 31st login in 5 minutes with a rate limit (retry later, not in-process)", async () => {
    for (let i = 0; i < 30; i++) await connect("busy.test");
    const e = await failure(connect("busy.test"));
    expect(e.kind).toBe("retry");
    expect(e.details.retryAfterMs).toBeGreaterThan(250_000);
  });
});

describe("bluesky sessions", () => {
  it("refreshes with rotation: new access and refresh tokens, the old refresh token is dead", async () => {
    const a = await connect();
    const fresh = await provider.refreshToken(a.refreshToken!, { ...refreshChannel(a), credentials: undefined });
    expect(fresh.accessToken).not.toBe(a.accessToken);
    expect(fresh.refreshToken).not.toBe(a.refreshToken);
    expect(fresh.expiresIn).toBeGreaterThan(7100);
    const reused = await failure(provider.refreshToken(a.refreshToken!, { ...refreshChannel(a), credentials: undefined }));
    expect(reused).toMatchObject({ kind: "disconnect" });
    expect(reused.message).toMatch(/Token has been revoked/);
  });

  it("logs in once with the stored app password when the refresh token is revoked", async () => {
    const a = await connect("relogin.test");
    await provider.refreshToken(a.refreshToken!, refreshChannel(a));
    const account = emu.state.getAccount("bluesky", a.id)!;
    const logins = (account.extra!.logins as number[]).length;
    const fresh = await provider.refreshToken(a.refreshToken!, refreshChannel(a)); // reused: revoked
    expect((account.extra!.logins as number[]).length).toBe(logins + 1);
    await provider.post(access({ ...a, accessToken: fresh.accessToken }), { text: "after re-login" }, {});
    expect(posts()).toHaveLength(1);
  });

  it("disconnects when the re-login is refused too", async () => {
    const a = await connect();
    await provider.refreshToken(a.refreshToken!, refreshChannel(a));
    const e = await failure(
      provider.refreshToken(a.refreshToken!, {
        ...refreshChannel(a),
        credentials: { identifier: a.username!, password: "revoked-app-pass" },
      }),
    );
    expect(e).toMatchObject({ kind: "disconnect", message: "Invalid identifier or password" });
  });
});

describe("bluesky publishing", () => {
  it("posts text with link, tag and mention facets in UTF-8 bytes, langs and a bsky.app-style URL", async () => {
    const friend = await connect("friend.test");
    const a = await connect("author.test");
    const text = "Hé 🎉 @friend.test @ghost.test https://example.com/p?x=1 #launch";
    const item = await provider.post(access(a), { text }, { langs: ["fr", "en"] });
    const rkey = item.id.split("/").pop();
    expect(item.id).toBe(`at://${a.id}/app.bsky.feed.post/${rkey}`);
    expect(item.url).toBe(`${service}/profile/author.test/post/${rkey}`);
    expect(item.ref).toEqual({ uri: item.id, cid: posts()[0]!.extra!.cid });
    const record = recordOf(0) as {
      facets: { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[];
      langs: string[];
    };
    expect(record.langs).toEqual(["fr", "en"]);
    const cut = record.facets.map((f) => Buffer.from(text).subarray(f.index.byteStart, f.index.byteEnd).toString());
    expect(cut).toEqual(["@friend.test", "https://example.com/p?x=1", "#launch"]);
    expect(record.facets[0]!.features[0]).toEqual({ $type: "app.bsky.richtext.facet#mention", did: friend.id });
    expect(await (await fetch(item.url)).text()).toContain("#launch");
  });

  it("uploads images as blobs and embeds them with alt text and aspect ratio", async () => {
    const a = await connect();
    await provider.post(
      access(a),
      {
        text: "two pictures",
        media: [
          { mimeType: "image/png", bytes: PNG, alt: "a red dot", width: 1, height: 1 },
          { mimeType: "image/png", bytes: PNG },
        ],
      },
      {},
    );
    const embed = recordOf(0).embed as {
      $type: string;
      images: { alt: string; aspectRatio?: unknown; image: { ref: { $link: string }; size: number } }[];
    };
    expect(embed.$type).toBe("app.bsky.embed.images");
    expect(embed.images.map((i) => [i.alt, i.aspectRatio])).toEqual([
      ["a red dot", { width: 1, height: 1 }],
      ["", undefined],
    ]);
    expect(embed.images[0]!.image.size).toBe(PNG.length);
    expect(emu.state.media.get(embed.images[0]!.image.ref.$link)).toMatchObject({ mimeType: "image/png", accountId: a.id });
    expect(posts()[0]!.media).toHaveLength(2);
  });

  it("sends a link card as app.bsky.embed.external with its picture uploaded as the thumb blob", async () => {
    const a = await connect();
    const card = {
      url: "https://news.example/story",
      title: "Café news",
      description: "What happened",
      image: { bytes: PNG, mimeType: "image/png" },
    };
    const item = await provider.post(access(a), { text: "read https://news.example/story", linkCard: card }, {});
    expect(item.warnings).toBeUndefined();
    const embed = recordOf(0).embed as {
      $type: string;
      external: { uri: string; title: string; description: string; thumb: Record<string, unknown> };
    };
    expect(embed.$type).toBe("app.bsky.embed.external");
    expect(embed.external).toMatchObject({ uri: card.url, title: "Café news", description: "What happened" });
    expect(embed.external.thumb).toMatchObject({ $type: "blob", mimeType: "image/png", size: PNG.length });
    const link = (embed.external.thumb.ref as { $link: string }).$link;
    expect(emu.state.media.get(link)).toMatchObject({ mimeType: "image/png", accountId: a.id });

    // Without a picture the card has no thumb; one over Bluesky's 1 MB is left out with a warning.
    await provider.post(access(a), { text: "bare", linkCard: { url: "https://a.example/", title: "A", description: "" } }, {});
    expect((recordOf(1).embed as { external: object }).external).toEqual({ uri: "https://a.example/", title: "A", description: "" });
    const big = { bytes: new Uint8Array(1_000_001), mimeType: "image/jpeg" };
    const warned = await provider.post(access(a), { text: "big", linkCard: { ...card, image: big } }, {});
    expect(warned.warnings).toEqual([expect.stringMatching(/1\.00 MB; Bluesky takes at most 1 MB/)]);
    expect((recordOf(2).embed as { external: object }).external).not.toHaveProperty("thumb");
  });

  it("lets media take the card's place: a record has one embed", async () => {
    const a = await connect();
    const card = { url: "https://news.example/", title: "News", description: "" };
    await provider.post(access(a), { text: "pic", media: [{ mimeType: "image/png", bytes: PNG }], linkCard: card }, {});
    expect((recordOf(0).embed as { $type: string }).$type).toBe("app.bsky.embed.images");
  });

  it("the emulator refuses an external embed that breaks the lexicon", async () => {
    const a = await connect();
    const call = (record: object) =>
      fetch(`${service}/xrpc/com.atproto.repo.createRecord`, {
        method: "POST",
        headers: { authorization: `Bearer ${a.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          repo: a.id,
          collection: "app.bsky.feed.post",
          record: { $type: "app.bsky.feed.post", text: "x", createdAt: new Date().toISOString(), ...record },
        }),
      }).then(async (r) => [r.status, ((await r.json()) as { message: string }).message] as const);
    const ext = (external: object) => ({ embed: { $type: "app.bsky.embed.external", external } });
    expect(await call(ext({ uri: "https://a.example/", title: "A" }))).toEqual([
      400,
      expect.stringMatching(/must have the property "description"/),
    ]);
    expect(await call(ext({ uri: "not a uri", title: "A", description: "" }))).toEqual([
      400,
      expect.stringMatching(/uri must be a valid uri/),
    ]);
    expect(
      await call(ext({ uri: "https://a.example/", title: "A", description: "", thumb: { ref: { $link: "bafkreinothing" } } })),
    ).toEqual([400, expect.stringMatching(/thumb references a blob that was not uploaded/)]);
  });

  it("publishes a 3-item thread: every reply has the first post as root and the one above as parent", async () => {
    const a = await connect();
    const ch = access(a);
    const first = await provider.post(ch, { text: "1/3" }, {});
    const second = await provider.comment(ch, { text: "2/3" }, first, first, {});
    const third = await provider.comment(ch, { text: "3/3" }, second, first, {});
    expect(posts().map((p) => [p.text, p.replyTo])).toEqual([
      ["1/3", undefined],
      ["2/3", first.id],
      ["3/3", second.id],
    ]);
    expect(recordOf(1).reply).toEqual({ root: first.ref, parent: first.ref });
    expect(recordOf(2).reply).toEqual({ root: first.ref, parent: second.ref });
    expect(third.ref?.uri).toBe(posts()[2]!.id);
  });

  it("is idempotent: a repeated publish with the same key returns the first record", async () => {
    const a = await connect();
    const once = await provider.post(access(a), { text: "only once" }, {}, { idempotencyKey: "job-42:0" });
    const again = await provider.post(access(a), { text: "only once" }, {}, { idempotencyKey: "job-42:0" });
    expect(again).toEqual(once);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.idempotencyKey).toBe(once.id.split("/").pop());
  });

  it("recovers a lost answer: the record was created, the lookup finds it", async () => {
    const a = await connect();
    process.env.PROVIDER_TIMEOUT_MS = "400";
    try {
      await injectFault(emu, { platform: "bluesky", route: "post", kind: "timeout", processed: true, delayMs: 1500 });
      const item = await provider.post(access(a), { text: "answer lost" }, {}, { idempotencyKey: "job-lost" });
      expect(posts()).toHaveLength(1);
      expect(item.id).toBe(posts()[0]!.id);
    } finally {
      delete process.env.PROVIDER_TIMEOUT_MS;
    }
  });

  it("refuses what Bluesky would refuse before calling it", async () => {
    const ch = access(await connect());
    expect(await failure(provider.post(ch, { text: "x".repeat(301) }, {}))).toMatchObject({ kind: "bad-body" });
    expect(await failure(provider.post(ch, { text: "img", media: [{ mimeType: "image/png" }] }, {}))).toMatchObject({ kind: "bad-body" });
    expect(await failure(provider.comment(ch, { text: "orphan" }, { id: "x", url: "" }, { id: "x", url: "" }, {}))).toMatchObject({
      kind: "bad-body",
    });
    expect(posts()).toHaveLength(0);
  });
});

describe("bluesky failures", () => {
  it("expired-token: refreshes once and succeeds with ctx.refreshAccessToken; without it -> refresh-token", async () => {
    const a = await connect();
    let refreshes = 0;
    await injectFault(emu, { platform: "bluesky", route: "post", kind: "expired-token" });
    const ctx = {
      refreshAccessToken: async () => (refreshes++, (await provider.refreshToken(a.refreshToken!, refreshChannel(a))).accessToken),
    };
    await provider.post(access(a), { text: "after refresh" }, {}, ctx);
    expect(refreshes).toBe(1);
    await injectFault(emu, { platform: "bluesky", route: "post", kind: "expired-token" });
    expect(await failure(provider.post(access(a), { text: "no refresh" }, {}))).toMatchObject({
      kind: "refresh-token",
      message: "Token has expired",
    });
  });

  it("a really expired access token is refused with ExpiredToken", async () => {
    const a = await connect();
    emu.state.expireTokens("bluesky");
    expect(await failure(provider.post(access(a), { text: "stale" }, {}))).toMatchObject({
      kind: "refresh-token",
      details: { status: 400 },
    });
  });

  it("rate-limit: waits for RateLimit-Reset and retries; gives up as retry when it persists", async () => {
    const ch = access(await connect());
    await injectFault(emu, { platform: "bluesky", route: "post", kind: "rate-limit", retryAfterSeconds: 0 });
    await provider.post(ch, { text: "after the limit" }, {});
    expect(posts()).toHaveLength(1);
    await injectFault(emu, { platform: "bluesky", route: "post", kind: "rate-limit", retryAfterSeconds: 0, times: 4 });
    expect(await failure(provider.post(ch, { text: "still limited" }, {}))).toMatchObject({
      kind: "retry",
      message: "Rate Limit Exceeded",
      details: { status: 429 },
    });
  });

  it("server-error: an upload is retried, a createRecord is not (it may have published)", async () => {
    const ch = access(await connect());
    await injectFault(emu, { platform: "bluesky", route: "media", kind: "server-error" });
    await provider.post(ch, { text: "upload retried", media: [{ mimeType: "image/png", bytes: PNG }] }, {});
    await injectFault(emu, { platform: "bluesky", route: "post", kind: "server-error" });
    const e = await failure(provider.post(ch, { text: "create failed" }, {}));
    expect(e).toMatchObject({ kind: "retry", message: "Internal Server Error", details: { mayHavePublished: true } });
    expect(posts()).toHaveLength(1);
  });
});
