import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { BlueskyProvider } from "@/providers/bluesky/bluesky.provider";
import type { AuthResult, ChannelAccess, PublishedItem } from "@/providers/social.integrations.interface";
import { startPds, type Pds, type PdsAccount } from "@/tests/peers/pds";

// The Bluesky provider against the real PDS (@atproto/pds with an in-memory did:plc directory):
// app-password login, lexicon-validated records, blobs, reply refs and session rotation. A lone
// PDS has no App View, so records are read back with com.atproto.repo.getRecord.

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
const provider = new BlueskyProvider();
let pds: Pds;
let alice: PdsAccount;
let bob: PdsAccount;

type Connected = AuthResult & { credentials?: Record<string, string> };
const channel = (a: Connected, accessToken = a.accessToken): ChannelAccess => ({
  id: "ch",
  internalId: a.id,
  username: a.username,
  instanceUrl: pds.url,
  accessToken,
  profile: a.profile,
});
const refreshChannel = (a: Connected) => ({ instanceUrl: pds.url, profile: a.profile, credentials: a.credentials });
const connect = (acc: PdsAccount) => provider.connectWithFields({ service: pds.url, identifier: acc.handle, password: acc.appPassword });
type PostRecord = {
  text: string;
  facets?: { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[];
  embed?: {
    images: { alt: string; image: { ref: { $link: string }; mimeType: string; size: number } }[];
    external?: { uri: string; title: string; description: string; thumb?: { mimeType: string; size: number } };
  };
  reply?: unknown;
};
const readPost = (item: PublishedItem) =>
  pds.xrpc<{ uri: string; cid: string; value: PostRecord }>("com.atproto.repo.getRecord", {
    params: { repo: item.id.split("/")[2]!, collection: "app.bsky.feed.post", rkey: item.id.split("/").pop()! },
  });

beforeAll(async () => {
  pds = await startPds();
  alice = await pds.createAccountWithAppPassword("alice.test");
  bob = await pds.createAccountWithAppPassword("bob.test");
});
afterAll(async () => {
  await pds?.stop();
});

describe("bluesky against a real PDS", () => {
  it("connects with an app password: DID, handle, the handle as name without an App View", async () => {
    const a = await connect(alice);
    expect(a).toMatchObject({
      id: alice.did,
      username: "alice.test",
      name: "alice.test",
      profile: { service: pds.url, did: alice.did, handle: "alice.test" },
    });
    expect(a.id).toMatch(/^did:plc:/);
    expect(a.expiresIn).toBeGreaterThan(3600);
    expect(a.credentials).toEqual({ identifier: "alice.test", password: alice.appPassword });
  });

  it("refuses a wrong password with the PDS's own reason", async () => {
    const e = (await provider
      .connectWithFields({ service: pds.url, identifier: "alice.test", password: "aaaa-bbbb-cccc-dddd" })
      .catch((x) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", message: "Invalid identifier or password" });
  });

  it("posts an image with link, tag and mention facets, then a reply thread with root/parent refs", async () => {
    const a = await connect(alice);
    const ch = channel(a);
    const text = "🚀 Launch with @bob.test: https://example.com/launch?x=1 #postmill";
    const first = await provider.post(
      ch,
      { text, media: [{ mimeType: "image/png", bytes: PNG, alt: "a pixel", width: 1, height: 1 }] },
      { langs: ["en"] },
    );
    expect(first.url).toBe(`https://bsky.app/profile/alice.test/post/${first.id.split("/").pop()}`);

    const stored = await readPost(first);
    expect(stored.cid).toBe(first.ref!.cid);
    const cut = stored.value.facets!.map((f) => Buffer.from(text).subarray(f.index.byteStart, f.index.byteEnd).toString());
    expect(cut).toEqual(["@bob.test", "https://example.com/launch?x=1", "#postmill"]);
    expect(stored.value.facets![0]!.features[0]).toEqual({ $type: "app.bsky.richtext.facet#mention", did: bob.did });
    const image = stored.value.embed!.images[0]!;
    expect(image).toMatchObject({ alt: "a pixel", image: { mimeType: "image/png", size: PNG.length } });
    const blob = await fetch(
      `${pds.url}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: alice.did, cid: image.image.ref.$link })}`,
    );
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

    const second = await provider.comment(ch, { text: "2/3" }, first, first, {});
    const third = await provider.comment(ch, { text: "3/3" }, second, first, {});
    expect((await readPost(second)).value.reply).toEqual({ root: first.ref, parent: first.ref });
    expect((await readPost(third)).value.reply).toEqual({ root: first.ref, parent: second.ref });
  });

  it("posts a link card (app.bsky.embed.external with a thumb blob) that the PDS validates and stores", async () => {
    const ch = channel(await connect(alice));
    const card = {
      url: "https://example.com/story",
      title: "A story",
      description: "About it",
      image: { bytes: PNG, mimeType: "image/png" },
    };
    const item = await provider.post(ch, { text: "read https://example.com/story", linkCard: card }, {});
    const stored = (await readPost(item)).value.embed!;
    expect(stored).toMatchObject({
      $type: "app.bsky.embed.external",
      external: { uri: card.url, title: "A story", description: "About it", thumb: { mimeType: "image/png", size: PNG.length } },
    });
  });

  it("does not post twice when a publish is repeated with the same idempotency key", async () => {
    const ch = channel(await connect(alice));
    const ctx = { idempotencyKey: `pds-job-${Date.now()}` };
    const once = await provider.post(ch, { text: "exactly once" }, {}, ctx);
    const again = await provider.post(ch, { text: "exactly once" }, {}, ctx);
    expect(again).toEqual(once);
    const list = await pds.xrpc<{ records: { value: { text: string } }[] }>("com.atproto.repo.listRecords", {
      params: { repo: alice.did, collection: "app.bsky.feed.post", limit: "100" },
    });
    expect(list.records.filter((r) => r.value.text === "exactly once")).toHaveLength(1);
  });

  it("refreshes the session with rotation and posts with the new token", async () => {
    const a = await connect(alice);
    const fresh = await provider.refreshToken(a.refreshToken!, refreshChannel(a));
    // Access JWTs carry no nonce, so one minted in the same second may be identical; the refresh
    // token (with its jti) is always new.
    expect(fresh.refreshToken).not.toBe(a.refreshToken);
    expect(fresh.expiresIn).toBeGreaterThan(3600);
    const item = await provider.post(channel(a, fresh.accessToken), { text: "after rotation" }, {});
    expect((await readPost(item)).value.text).toBe("after rotation");
  });

  it("logs in again once when the refresh token was revoked; disconnects when the app password is gone", async () => {
    const a = await connect(bob);
    await fetch(`${pds.url}/xrpc/com.atproto.server.deleteSession`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.refreshToken}` },
    });
    const refused = await fetch(`${pds.url}/xrpc/com.atproto.server.refreshSession`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.refreshToken}` },
    });
    expect(await refused.json()).toEqual({ error: "ExpiredToken", message: "Token has been revoked" });
    const relogged = await provider.refreshToken(a.refreshToken!, refreshChannel(a));
    await provider.post(channel(a, relogged.accessToken), { text: "after re-login" }, {});

    await pds.xrpc("com.atproto.server.revokeAppPassword", { token: bob.accessJwt, body: { name: "postmill" } });
    const e = (await provider.refreshToken(relogged.refreshToken!, refreshChannel(a)).catch((x) => x)) as ProviderError;
    expect(e).toMatchObject({ kind: "disconnect", message: "Invalid identifier or password" });
  });

  it("classifies the PDS's real error bodies", async () => {
    const a = await connect(alice);
    const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.createRecord`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.accessToken}` },
      body: JSON.stringify({
        repo: a.id,
        collection: "app.bsky.feed.post",
        record: { $type: "app.bsky.feed.post", text: "a".repeat(301), createdAt: new Date().toISOString() },
      }),
    });
    expect(provider.handleErrors(await res.text(), res.status)?.kind).toBe("bad-body");
    const noAuth = await fetch(`${pds.url}/xrpc/com.atproto.repo.uploadBlob`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: PNG,
    });
    expect(provider.handleErrors(await noAuth.text(), noAuth.status)?.kind).toBe("disconnect");
  });
});
