import WebSocket from "ws";
import type { Event } from "nostr-tools/core";
import { neventEncode } from "nostr-tools/nip19";
import { finalizeEvent, generateSecretKey, getEventHash, getPublicKey } from "nostr-tools/pure";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import bluesky from "@/emulator/platforms/bluesky";
import nostr from "@/emulator/platforms/nostr";
import type { Emulator } from "@/emulator/server";
import { injectFault, useEmulator } from "@/tests/helpers/emulator";

// The emulator's relay holds clients to NIP-01 the way a relay does: ids and signatures checked,
// OK with a prefixed reason, REQ answered with stored events then EOSE; and the kit upgrades a
// WebSocket only for a platform that speaks it.

let emu: Emulator;
let relay: string;
const sk = generateSecretKey();
const pk = getPublicKey(sk);
const note = (content: string, extra: Partial<Event> = {}) =>
  finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content, ...extra }, sk);

function exchange(url: string, msg: unknown[], done: (m: unknown[]) => boolean): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const got: unknown[][] = [];
    ws.on("open", () => ws.send(JSON.stringify(msg)));
    ws.on("error", reject);
    ws.on("message", (d) => {
      got.push(JSON.parse(String(d)) as unknown[]);
      if (done(got.at(-1)!)) {
        ws.close();
        resolve(got);
      }
    });
  });
}
const send = async (e: unknown) => (await exchange(relay, ["EVENT", e], (m) => m[0] === "OK" || m[0] === "NOTICE")).at(-1)!;

beforeAll(async () => {
  emu = await useEmulator([nostr, bluesky]);
  relay = `${emu.url.replace(/^http/, "ws")}/nostr`;
});
afterAll(async () => {
  await emu?.stop();
});

describe("the nostr emulator relay", () => {
  it("accepts a signed note once, answers a repeat as a duplicate, and records its text and media apart", async () => {
    const e = note("Hi\n\nhttps://cdn.example/a.png", { tags: [["imeta", "url https://cdn.example/a.png", "m image/png"]] });
    expect(await send(e)).toEqual(["OK", e.id, true, ""]);
    expect(await send(e)).toEqual(["OK", e.id, true, "duplicate: already have this event"]);
    const rec = emu.state.posts.filter((p) => p.id === e.id);
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ platform: "nostr", accountId: pk, text: "Hi", media: ["https://cdn.example/a.png"] });
  });

  it("refuses a forged signature, a far-off timestamp and an over-long note with NIP-01 'invalid:'", async () => {
    const forged = { ...note("real"), content: "forged" };
    forged.id = getEventHash(forged);
    expect(await send(forged)).toEqual(["OK", forged.id, false, "invalid: event id or signature is wrong"]);
    const old = note("old", { created_at: Math.floor(Date.now() / 1000) - 3 * 86400 });
    expect(await send(old)).toEqual(["OK", old.id, false, "invalid: created_at is too far from now"]);
    const long = note("x".repeat(8197));
    expect((await send(long))[3]).toBe("invalid: content is longer than 8196 characters");
    expect(await send({ kind: 1 })).toEqual(["NOTICE", "invalid: EVENT needs an event object"]);
  });

  it("answers REQ with the stored events, then EOSE; records a reply's parent from its NIP-10 markers", async () => {
    const root = note("root");
    await send(root);
    const reply = note("reply", { tags: [["e", root.id, "", "root", pk]] });
    await send(reply);
    const got = await exchange(relay, ["REQ", "s1", { kinds: [1], "#e": [root.id] }], (m) => m[0] === "EOSE");
    expect(got).toEqual([
      ["EVENT", "s1", JSON.parse(JSON.stringify(reply))],
      ["EOSE", "s1"],
    ]);
    expect(emu.state.posts.find((p) => p.id === reply.id)?.replyTo).toBe(root.id);
  });

  it("answers a revoked writer 'blocked:', and turns queued faults into relay refusals", async () => {
    await injectFault(emu, { platform: "nostr", route: "event", kind: "rate-limit" });
    const limited = note("limited");
    expect(await send(limited)).toEqual(["OK", limited.id, false, "rate-limited: slow down, you are sending too fast"]);
    await injectFault(emu, { platform: "nostr", route: "event", kind: "server-error" });
    expect((await send(note("broken")))[3]).toMatch(/^error: /);

    const grant = emu.state.grants.get(emu.state.accessTokens.get(pk)!.grantId)!;
    grant.revoked = true;
    const e = note("after revocation");
    expect(await send(e)).toEqual(["OK", e.id, false, "blocked: this public key may not write to this relay"]);
    grant.revoked = false;
  });

  it("serves its NIP-11 document and a viewer page for nevent links", async () => {
    const info = await fetch(`${emu.url}/nostr/`).then((r) => r.json());
    expect(info.limitation.max_content_length).toBe(8196);
    const e = note("<b>shown as text</b>");
    await send(e);
    const page = await fetch(`${emu.url}/nostr/${neventEncode({ id: e.id })}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("&#60;b&#62;shown as text");
  });

  it("upgrades a WebSocket only for a platform that speaks it", async () => {
    const ws = new WebSocket(`${emu.url.replace(/^http/, "ws")}/bluesky`);
    const err = await new Promise<Error>((ok) => ws.on("error", ok));
    expect(err.message).toMatch(/404/);
  });
});
