import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { useEmulator } from "@/tests/helpers/emulator";
import emulator from "@/emulator/platforms/bluesky";
import { EMULATOR_APP_PASSWORD } from "@/emulator/platforms/bluesky/session";

// The emulator holds requests to the documented contract, answering violations the way a PDS does.

let emu: Emulator;
let base: string;
let session: { accessJwt: string; refreshJwt: string; did: string };

async function xrpc(nsid: string, body?: unknown, headers: Record<string, string> = {}) {
  const raw = body instanceof Uint8Array;
  const res = await fetch(`${base}/xrpc/${nsid}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(raw || body === undefined ? {} : { "content-type": "application/json" }),
      authorization: `Bearer ${session?.accessJwt}`,
      ...headers,
    },
    body: raw ? (body as Uint8Array<ArrayBuffer>) : body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const post = (record: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  xrpc("com.atproto.repo.createRecord", {
    repo: session.did,
    collection: "app.bsky.feed.post",
    record: { $type: "app.bsky.feed.post", createdAt: new Date().toISOString(), ...record },
    ...extra,
  });

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  base = `${emu.url}/bluesky`;
  const res = await fetch(`${base}/xrpc/com.atproto.server.createSession`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: "contract.test", password: EMULATOR_APP_PASSWORD }),
  });
  session = await res.json();
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

describe("bluesky emulator contract", () => {
  it("documents its test password on its page", async () => {
    expect(await (await fetch(base)).text()).toContain(EMULATOR_APP_PASSWORD);
  });

  it("counts text in graphemes (300) and bytes (3000)", async () => {
    expect(await post({ text: "a".repeat(301) })).toEqual({
      status: 400,
      body: { error: "InvalidRequest", message: "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes" },
    });
    expect((await post({ text: "👨‍👩‍👧‍👦".repeat(300) })).body.message).toMatch(/3000/);
    expect((await post({ text: "👨‍👩‍👧‍👦".repeat(100) })).status).toBe(200);
  });

  it("requires auth, JSON, and the session's own repo", async () => {
    expect(await xrpc("com.atproto.repo.createRecord", {}, { authorization: "" })).toMatchObject({
      status: 401,
      body: { error: "AuthMissing" },
    });
    expect(await xrpc("com.atproto.repo.createRecord", {}, { authorization: `Bearer ${session.refreshJwt}` })).toMatchObject({
      status: 400,
      body: { error: "InvalidToken" },
    });
    expect((await xrpc("com.atproto.repo.createRecord", { repo: "did:plc:someoneelse" })).status).toBe(400);
  });

  it("checks facets are in the text's byte range and do not overlap", async () => {
    const link = (byteStart: number, byteEnd: number) => ({
      index: { byteStart, byteEnd },
      features: [{ $type: "app.bsky.richtext.facet#link", uri: "https://a.io" }],
    });
    expect((await post({ text: "é https://a.io", facets: [link(3, 15)] })).status).toBe(200);
    expect((await post({ text: "é https://a.io", facets: [link(3, 16)] })).body.message).toMatch(/outside the text's 15 UTF-8 bytes/);
    expect((await post({ text: "é https://a.io", facets: [link(3, 15), link(5, 9)] })).body.message).toMatch(/overlaps/);
  });

  it("checks images: uploaded blobs only, at most 4, at most 976.56 KB (BlobTooLarge)", async () => {
    const up = async (size: number) =>
      (await xrpc("com.atproto.repo.uploadBlob", new Uint8Array(size).fill(size % 251), { "content-type": "image/png" })).body
        .blob as Record<string, unknown>;
    const small = await up(100);
    const images = (n: number, blob = small) => ({
      $type: "app.bsky.embed.images",
      images: Array.from({ length: n }, () => ({ image: blob, alt: "" })),
    });
    expect((await post({ text: "", embed: images(4) })).status).toBe(200);
    expect((await post({ text: "", embed: images(5) })).body.message).toMatch(/not have more than 4/);
    expect((await post({ text: "", embed: images(1, { ...small, ref: { $link: "bafkreinothere" } }) })).body.message).toMatch(
      /not uploaded/,
    );
    expect(await post({ text: "", embed: images(1, await up(1_500_000)) })).toEqual({
      status: 400,
      body: { error: "BlobTooLarge", message: "This file is too large. It is 1.43MB but the maximum size is 976.56KB." },
    });
  });

  it("checks reply refs: the parent must exist and the root must be the thread's first post", async () => {
    const root = (await post({ text: "root" })).body as { uri: string; cid: string };
    const child = (await post({ text: "child", reply: { root, parent: root } })).body as { uri: string; cid: string };
    expect((await post({ text: "grandchild", reply: { root, parent: child } })).status).toBe(200);
    expect((await post({ text: "wrong root", reply: { root: child, parent: child } })).body.message).toMatch(
      /root must reference the thread's first post/,
    );
    expect((await post({ text: "bad parent", reply: { root, parent: { uri: root.uri, cid: "bafyreiwrong" } } })).body.message).toMatch(
      /parent must reference an existing post/,
    );
  });

  it("accepts only TID record keys, and refuses a taken one as the reference PDS does", async () => {
    expect((await post({ text: "x" }, { rkey: "not-a-tid" })).body.message).toMatch(/Invalid TID string/);
    expect((await post({ text: "x" }, { rkey: "3kabcdefghij2" })).status).toBe(200);
    expect(await post({ text: "x" }, { rkey: "3kabcdefghij2" })).toEqual({
      status: 500,
      body: { error: "InternalServerError", message: "Internal Server Error" },
    });
  });

  it("rotates refresh tokens and refuses a reused one as revoked", async () => {
    const refresh = (t: string) =>
      fetch(`${base}/xrpc/com.atproto.server.refreshSession`, { method: "POST", headers: { authorization: `Bearer ${t}` } });
    const first = await refresh(session.refreshJwt);
    expect(first.status).toBe(200);
    const again = await refresh(session.refreshJwt);
    expect([again.status, await again.json()]).toEqual([400, { error: "ExpiredToken", message: "Token has been revoked" }]);
  });
});
