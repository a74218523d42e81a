import WebSocket from "ws";
import type { Event } from "nostr-tools/core";
import { decode, nsecEncode } from "nostr-tools/nip19";
import { decrypt, encrypt, getConversationKey } from "nostr-tools/nip44";
import { finalizeEvent, generateSecretKey, getEventHash, getPublicKey, verifyEvent } from "nostr-tools/pure";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { NostrProvider } from "@/providers/nostr/nostr.provider";
import type { AuthResult, ChannelAccess, PublishedItem } from "@/providers/social.integrations.interface";
import { startNostrRelay, type NostrRelayPeer } from "@/tests/peers/nostr-relay";

// The Nostr provider against real relays (@nostr-relay engine with SQLite, tests/peers): connect,
// publish a note and a thread to every relay, read them back with REQ, a forged signature refused
// by the relay itself, and a relay that refuses the writer recorded on the result while the other
// accepts. The relays are on loopback, which the outbound guard refuses unless private networks
// are allowed: that refusal is checked first.

const provider = new NostrProvider();
let good: NostrRelayPeer;
let other: NostrRelayPeer;
let refusing: NostrRelayPeer;
const secretKey = generateSecretKey();
const pubkey = getPublicKey(secretKey);
const REFUSAL = "blocked: pubkey is not on this relay's allow list";

/** A bare NIP-01 client on `ws`, independent of the provider: send one message, collect answers until `done`. */
function exchange(url: string, msg: unknown[], done: (m: unknown[]) => boolean): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const got: unknown[][] = [];
    const timer = setTimeout(
      () => (ws.terminate(), reject(new Error(`no answer from ${url} to ${JSON.stringify(msg).slice(0, 80)}`))),
      5000,
    );
    ws.on("open", () => ws.send(JSON.stringify(msg)));
    ws.on("error", reject);
    ws.on("message", (d) => {
      const m = JSON.parse(String(d)) as unknown[];
      got.push(m);
      if (done(m)) {
        clearTimeout(timer);
        ws.close();
        resolve(got);
      }
    });
  });
}
const send = async (url: string, e: Event) => (await exchange(url, ["EVENT", e], (m) => m[0] === "OK")).at(-1)!;
const req = async (url: string, filter: Record<string, unknown>) =>
  (await exchange(url, ["REQ", "q", filter], (m) => m[0] === "EOSE")).filter((m) => m[0] === "EVENT").map((m) => m[2] as Event);

/**
 * A remote signer (NIP-46) on `relay`, written from the NIP: it listens for kind-24133 requests to
 * its key, NIP-44 encrypted {id, method, params}, and answers {id, result | error} the same way,
 * holding the user's key. A client is accepted by "connect" with the one-time secret.
 */
async function startBunker(relay: string, userKey: Uint8Array, secret: string) {
  const sk = generateSecretKey();
  const pk = getPublicKey(sk);
  const accepted = new Set<string>();
  const methods: string[] = [];
  const ws = new WebSocket(relay);
  await new Promise<void>((ready, fail) => {
    ws.on("error", fail);
    ws.on("open", () => ws.send(JSON.stringify(["REQ", "bunker", { kinds: [24133], "#p": [pk] }])));
    ws.on("message", (d) => {
      const m = JSON.parse(String(d)) as unknown[];
      if (m[0] === "EOSE") return ready();
      if (m[0] !== "EVENT" || m[1] !== "bunker") return;
      const e = m[2] as Event;
      // Only requests addressed to it: this relay engine also delivers the signer's own answers to
      // its #p subscription (they are tagged with the client's key, not its own).
      if (e.pubkey === pk || !e.tags.some((t) => t[0] === "p" && t[1] === pk)) return;
      const key = getConversationKey(sk, e.pubkey);
      const plain = decrypt(e.content, key);
      const req = JSON.parse(plain) as { id: string; method: string; params: string[] };
      methods.push(req.method);
      let answer: { result?: string; error?: string };
      if (req.method === "connect") {
        if (req.params[1] === secret) accepted.add(e.pubkey);
        answer = accepted.has(e.pubkey) ? { result: "ack" } : { error: "invalid secret" };
      } else if (!accepted.has(e.pubkey)) answer = { error: "unauthorized client" };
      else if (req.method === "get_public_key") answer = { result: getPublicKey(userKey) };
      else if (req.method === "sign_event") answer = { result: JSON.stringify(finalizeEvent(JSON.parse(req.params[0]!), userKey)) };
      else answer = { error: `unsupported method ${req.method}` };
      const content = encrypt(JSON.stringify({ id: req.id, ...answer }), key);
      const reply = finalizeEvent({ kind: 24133, created_at: Math.floor(Date.now() / 1000), tags: [["p", e.pubkey]], content }, sk);
      ws.send(JSON.stringify(["EVENT", reply]));
    });
  });
  return {
    pubkey: pk,
    methods,
    url: (s = secret) => `bunker://${pk}?relay=${encodeURIComponent(relay)}&secret=${s}`,
    stop: () => ws.terminate(),
  };
}

const channel = (a: AuthResult): ChannelAccess => ({
  id: "ch",
  internalId: a.id,
  username: a.username,
  accessToken: a.accessToken,
  profile: a.profile,
});

beforeAll(async () => {
  [good, other, refusing] = await Promise.all([startNostrRelay(), startNostrRelay(), startNostrRelay({ refuse: REFUSAL })]);
}, 60_000);
afterAll(async () => {
  delete process.env.ALLOW_PRIVATE_NETWORK;
  await Promise.all([good?.stop(), other?.stop(), refusing?.stop()]);
});

describe("nostr against real relays", () => {
  it("refuses relays on the private network unless the operator allows them, naming the field", async () => {
    delete process.env.ALLOW_PRIVATE_NETWORK;
    const e = await provider.connectWithFields({ relays: good.url, privateKey: nsecEncode(secretKey) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields.relays).toMatch(/private network address/);
    process.env.ALLOW_PRIVATE_NETWORK = "1";
  });

  let conn: AuthResult;
  it("connects with an nsec: the public key as id, the npub as username, the name from the kind-0 profile a relay has", async () => {
    const profile = finalizeEvent(
      { kind: 0, created_at: Math.floor(Date.now() / 1000), tags: [], content: JSON.stringify({ name: "Alice Relay" }) },
      secretKey,
    );
    expect(await send(good.url, profile)).toEqual(["OK", profile.id, true, ""]);
    conn = await provider.connectWithFields({ relays: `${good.url}, ${other.url}`, privateKey: nsecEncode(secretKey) });
    expect(conn.id).toBe(pubkey);
    expect(conn.name).toBe("Alice Relay");
    expect(decode(conn.username as `npub1${string}`)).toEqual({ type: "npub", data: pubkey });
    expect(conn.profile).toMatchObject({ relays: [good.url, other.url] });
    // The key is only in the access token (encrypted at rest by the caller), never in the profile.
    expect(JSON.stringify(conn.profile)).not.toContain(Buffer.from(secretKey).toString("hex"));
  });

  it("publishes a signed kind-1 note to every relay, read back with REQ, media as an imeta tag", async () => {
    const item = { text: "Hello from Postmill", media: [{ url: "https://cdn.example.com/a.png", mimeType: "image/png", alt: "A chart" }] };
    const r = await provider.post(channel(conn), item, {});
    expect(r.warnings).toBeUndefined();
    expect(r.ref?.acceptedBy).toBe(`${good.url} ${other.url}`);
    expect(r.url).toMatch(/^https:\/\/njump\.me\/nevent1/);
    for (const relay of [good.url, other.url]) {
      const [e] = await req(relay, { ids: [r.id] });
      expect(e).toBeDefined();
      expect(verifyEvent(e!)).toBe(true);
      expect(e).toMatchObject({ kind: 1, pubkey, content: "Hello from Postmill\n\nhttps://cdn.example.com/a.png" });
      expect(e!.tags).toEqual([["imeta", "url https://cdn.example.com/a.png", "m image/png", "alt A chart"]]);
    }
    // A lost answer is settled by reading the relays back: the same note, found by its text.
    const found = await provider.findPublished(channel(conn), item, { since: new Date(Date.now() - 60_000) });
    expect(found?.id).toBe(r.id);
  });

  it("publishes a thread as NIP-10 replies: root marker on a direct reply, root and reply markers deeper", async () => {
    const c = channel(conn);
    const root = await provider.post(c, { text: "Thread 1/3" }, {});
    const second = await provider.comment(c, { text: "Thread 2/3" }, root, root, {});
    const third = await provider.comment(c, { text: "Thread 3/3" }, second, root, {});
    const replies = await req(good.url, { kinds: [1], "#e": [root.id] });
    const byId = new Map(replies.map((e) => [e.id, e]));
    expect(byId.get(second.id)!.tags).toEqual([
      ["e", root.id, good.url, "root", pubkey],
      ["p", pubkey],
    ]);
    expect(byId.get(third.id)!.tags).toEqual([
      ["e", root.id, good.url, "root", pubkey],
      ["e", second.id, good.url, "reply", pubkey],
      ["p", pubkey],
    ]);
    expect(byId.get(third.id)!.content).toBe("Thread 3/3");
  });

  it("the relay refuses a forged signature (content changed, id recomputed)", async () => {
    const signed = finalizeEvent(
      { kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: `genuine ${Date.now()}` },
      secretKey,
    );
    const forged = { ...signed, content: `${signed.content} (tampered)` };
    forged.id = getEventHash(forged);
    const ok = await send(good.url, forged);
    expect(ok.slice(0, 3)).toEqual(["OK", forged.id, false]);
    expect(String(ok[3])).toMatch(/^invalid: .*signature/);
    expect(await req(good.url, { ids: [forged.id] })).toEqual([]);
  });

  it("records a relay that refuses on the result while the other accepts; refused by every relay is a disconnect", async () => {
    const both = await provider.connectWithFields({
      relays: `${good.url}\n${refusing.url}`,
      privateKey: Buffer.from(secretKey).toString("hex"),
    });
    const r: PublishedItem = await provider.post(channel(both), { text: `Partly accepted ${Date.now()}` }, {});
    expect(r.ref?.acceptedBy).toBe(good.url);
    expect(r.warnings).toEqual([`${refusing.url} refused it: ${REFUSAL}`]);
    expect(await req(good.url, { ids: [r.id] })).toHaveLength(1);
    expect(await req(refusing.url, { ids: [r.id] })).toEqual([]);

    const only = await provider.connectWithFields({ relays: refusing.url, privateKey: nsecEncode(secretKey) });
    const e = await provider.post(channel(only), { text: "Nobody takes this" }, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).kind).toBe("disconnect");
    expect((e as ProviderError).message).toContain(REFUSAL);
  });

  it("connects through a remote signer (NIP-46 bunker://): only this server's own key is stored, and notes are signed by the user's key", async () => {
    const userKey = generateSecretKey();
    const bunker = await startBunker(other.url, userKey, "one-time-secret");
    try {
      const wrong = await provider
        .connectWithFields({ relays: good.url, privateKey: bunker.url("not-the-secret") })
        .catch((x: unknown) => x);
      expect(wrong).toBeInstanceOf(ValidationError);
      expect((wrong as ValidationError).fields.privateKey).toMatch(/remote signer refused or did not answer: invalid secret/);

      const conn = await provider.connectWithFields({ relays: good.url, privateKey: bunker.url() });
      expect(conn.id).toBe(getPublicKey(userKey));
      expect(conn.accessToken).toMatch(new RegExp(`^bunker:[0-9a-f]{64}\\.${getPublicKey(userKey)}$`));
      expect(conn.accessToken).not.toContain(Buffer.from(userKey).toString("hex"));
      expect(conn.profile).toMatchObject({ bunker: { pubkey: bunker.pubkey, relays: [other.url] } });
      expect(JSON.stringify(conn.profile)).not.toContain("one-time-secret");

      const r = await provider.post(channel(conn), { text: `Signed remotely ${Date.now()}` }, {});
      const [e] = await req(good.url, { ids: [r.id] });
      expect(e).toMatchObject({ pubkey: getPublicKey(userKey), kind: 1 });
      expect(verifyEvent(e!)).toBe(true);
      expect(bunker.methods).toEqual(["connect", "connect", "get_public_key", "sign_event"]);
    } finally {
      bunker.stop();
    }
  });
});
