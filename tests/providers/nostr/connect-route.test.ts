import { generateSecretKey, getPublicKey } from "nostr-tools/pure";
import { nsecEncode } from "nostr-tools/nip19";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import emulator from "@/emulator/platforms/nostr";
import { connectWithFields } from "@/lib/channels/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { makeOwner } from "@/tests/helpers/factories";
import { useEmulator } from "@/tests/helpers/emulator";

// Connecting Nostr through the app's own form flow (what the Channels page posts to), in sandbox
// mode: a bad key is a 4xx naming the field and saves nothing; a good one saves the channel with
// the key encrypted, the public key as its id and the relays in its profile.

let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeAll(async () => {
  emu = await useEmulator([emulator]);
  owner = await makeOwner("nostr-connect");
});
afterAll(async () => {
  await emu.stop();
  delete process.env.PROVIDER_SANDBOX_URL;
});

const channels = () => db.integration.findMany({ where: { organizationId: owner.organizationId, provider: "nostr" } });

describe("connecting Nostr from the form", () => {
  it("refuses a malformed key with a 4xx naming the field, never echoing it, saving nothing", async () => {
    const bad = "nsec1notarealkeyatall";
    const e = await connectWithFields(owner, "nostr", { relays: "wss://relay.example", privateKey: bad }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBeGreaterThanOrEqual(400);
    expect((e as AppError).status).toBeLessThan(500);
    expect((e as AppError).message).toMatch(/^privateKey: This nsec key is not valid/);
    expect((e as AppError).message).not.toContain(bad);
    expect(await channels()).toHaveLength(0);
  });

  it("saves the channel: the public key as id, the npub as username, the key only encrypted", async () => {
    const sk = generateSecretKey();
    const hex = Buffer.from(sk).toString("hex");
    // Sandbox mode pins the relay to the emulator's, whatever was typed.
    const { id } = await connectWithFields(owner, "nostr", { relays: "wss://relay.damus.io", privateKey: nsecEncode(sk) });
    const row = await db.integration.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ provider: "nostr", status: "active", internalId: getPublicKey(sk) });
    expect(row.username).toMatch(/^npub1/);
    expect(row.accessToken).not.toContain(hex);
    expect(decryptSecret(row.accessToken!)).toBe(`${hex}.${getPublicKey(sk)}`);
    expect(JSON.stringify(row.profile)).not.toContain(hex);
    expect(row.profile).toMatchObject({ relays: [`${emu.url.replace(/^http/, "ws")}/nostr`] });
  });
});
