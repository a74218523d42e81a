import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";
import { ProviderError } from "@/providers/core/errors";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import mastodonEmulator from "@/emulator/platforms/mastodon";
import { MastodonProvider } from "@/providers/mastodon/mastodon.provider";
import { mastodonSettings } from "@/providers/mastodon/mastodon.settings";
import { connectChannel, finishConnect, mastodonPosts, PNG, startConnect } from "@/tests/helpers/platforms/mastodon";

const provider = new MastodonProvider();
const defaults = mastodonSettings.parse({});
let emu: Emulator;
let channel: ChannelAccess;
let base: string;

const fault = (
  route: string,
  kind: string,
  extra: { times?: number; retryAfterSeconds?: number; delayMs?: number; processed?: boolean } = {},
) => injectFault(emu, { platform: "mastodon", route, kind, ...extra });

beforeAll(async () => {
  emu = await useEmulator([mastodonEmulator]);
  channel = await connectChannel(provider, emu);
  base = `${emu.url}/mastodon`;
});
afterEach(() => {
  emu.state.faults = [];
  delete process.env.PROVIDER_TIMEOUT_MS;
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("Mastodon faults", () => {
  it("expired token: refresh-token without a refresher; one refresh and a retry with one", async () => {
    await fault("post", "expired-token");
    const err = await provider.post(channel, { text: "no refresher" }, defaults).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe("refresh-token");
    expect(err.message).toContain("The access token is invalid");

    await fault("post", "expired-token");
    let refreshes = 0;
    const ctx = { refreshAccessToken: async () => (refreshes++, channel.accessToken) };
    const published = await provider.post(channel, { text: "after refresh" }, defaults, ctx);
    expect(refreshes).toBe(1);
    expect(mastodonPosts(emu).find((p) => p.id === published.id)?.text).toBe("after refresh");
  });

  it("expired token while reading the account during connect is refresh-token", async () => {
    const { start, back } = await startConnect(provider, emu);
    await fault("profile", "expired-token");
    expect(await finishConnect(provider, start, back).catch((e) => e)).toMatchObject({ kind: "refresh-token" });
  });

  it("missing scope is a disconnect that asks to reconnect", async () => {
    await fault("post", "missing-scope");
    const err = await provider.post(channel, { text: "x" }, defaults).catch((e) => e);
    expect(err).toMatchObject({ kind: "disconnect", message: expect.stringContaining("outside the authorized scopes") });
  });

  it("rate limit: waits until X-RateLimit-Reset, then succeeds", async () => {
    await fault("post", "rate-limit", { retryAfterSeconds: 1 });
    const t0 = Date.now();
    await provider.post(channel, { text: "patient" }, defaults);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(800);
  });

  it("rate limit that persists ends as retry", async () => {
    await fault("post", "rate-limit", { retryAfterSeconds: 0, times: 10 });
    const err = await provider.post(channel, { text: "x" }, defaults).catch((e) => e);
    expect(err).toMatchObject({ kind: "retry", message: "Too many requests" });
    expect(err.details.status).toBe(429);
  });

  it("server error on a status without a key is not repeated and may have published", async () => {
    const before = mastodonPosts(emu).length;
    await fault("post", "server-error");
    const err = await provider.post(channel, { text: "x" }, defaults).catch((e) => e);
    expect(err).toMatchObject({ kind: "retry", details: { status: 503, mayHavePublished: true } });
    expect(mastodonPosts(emu).length).toBe(before);
  });

  it("server error on a status with an Idempotency-Key is retried safely", async () => {
    await fault("post", "server-error");
    const published = await provider.post(channel, { text: "keyed" }, defaults, { idempotencyKey: "k-server-error" });
    expect(
      mastodonPosts(emu)
        .filter((p) => p.idempotencyKey === "k-server-error")
        .map((p) => p.id),
    ).toEqual([published.id]);
  });

  it("server error during media upload is retried", async () => {
    await fault("media", "server-error");
    const published = await provider.post(channel, { text: "pixel", media: [{ mimeType: "image/png", bytes: PNG }] }, defaults);
    expect(mastodonPosts(emu).find((p) => p.id === published.id)?.media).toHaveLength(1);
  });

  it("a timeout after the server posted: with a key the retry returns the same status", async () => {
    process.env.PROVIDER_TIMEOUT_MS = "400";
    await fault("post", "timeout", { processed: true, delayMs: 3000 });
    const published = await provider.post(channel, { text: "lost answer" }, defaults, { idempotencyKey: "k-timeout" });
    const recorded = mastodonPosts(emu).filter((p) => p.text === "lost answer");
    expect(recorded.map((p) => p.id)).toEqual([published.id]);
  });

  it("a timeout after the server posted: without a key it is not repeated and may have published", async () => {
    process.env.PROVIDER_TIMEOUT_MS = "400";
    await fault("post", "timeout", { processed: true, delayMs: 3000 });
    const err = await provider.post(channel, { text: "unkeyed lost answer" }, defaults).catch((e) => e);
    expect(err).toMatchObject({ kind: "retry", details: { mayHavePublished: true } });
    expect(mastodonPosts(emu).filter((p) => p.text === "unkeyed lost answer")).toHaveLength(1);
  });
});

describe("the Mastodon emulator enforces the API contract", () => {
  const auth = () => ({ authorization: `Bearer ${channel.accessToken}` });
  const postStatus = (body: unknown, headers: Record<string, string> = auth()) =>
    fetch(`${base}/api/v1/statuses`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const upload = async (mimeType: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set("file", new Blob([bytes.slice()], { type: mimeType }), "f");
    return fetch(`${base}/api/v2/media`, { method: "POST", headers: auth(), body: form });
  };

  it("refuses a status without a token", async () => {
    const res = await postStatus({ status: "hi" }, {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "The access token is invalid" });
  });

  it("refuses blank text and unknown visibility", async () => {
    expect(await (await postStatus({ status: "  " })).json()).toEqual({ error: "Validation failed: Text can't be blank" });
    expect((await postStatus({ status: "x", visibility: "friends" })).status).toBe(422);
  });

  it("refuses files of an unsupported type", async () => {
    const res = await upload("text/plain", Uint8Array.from([104, 105]));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "Validation failed: File content type is invalid, File is invalid" });
  });

  it("refuses to attach a video that is still processing", async () => {
    const res = await upload("video/mp4", Uint8Array.from([0, 0, 0, 24]));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const post = await postStatus({ status: "too soon", media_ids: [id] });
    expect(post.status).toBe(422);
    expect(await post.json()).toEqual({ error: "Cannot attach files that have not finished processing. Try again in a moment!" });
  });

  it("refuses polls with media, too many options or a too short duration, and more than 4 media", async () => {
    const { id } = (await (await upload("image/png", PNG)).json()) as { id: string };
    expect((await postStatus({ status: "x", media_ids: [id], poll: { options: ["a", "b"], expires_in: 600 } })).status).toBe(422);
    expect((await postStatus({ status: "x", poll: { options: ["a", "b", "c", "d", "e"], expires_in: 600 } })).status).toBe(422);
    expect((await postStatus({ status: "x", poll: { options: ["a", "b"], expires_in: 60 } })).status).toBe(422);
    const five = await postStatus({ status: "x", media_ids: ["1", "2", "3", "4", "5"] });
    expect(await five.json()).toEqual({ error: "Validation failed: Cannot attach more than 4 files" });
  });

  it("counts @user@domain as @user and the content warning toward the limit", async () => {
    const mention = `@someone@example.social ${"a".repeat(500 - "@someone ".length)}`;
    expect((await postStatus({ status: mention })).status).toBe(200);
    const withCw = await postStatus({ status: "a".repeat(495), spoiler_text: "123456" });
    expect(await withCw.json()).toEqual({ error: "Validation failed: Text character limit of 500 exceeded" });
  });
});
