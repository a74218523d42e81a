import { afterAll, beforeAll, describe, expect, it } from "vitest";
import hashnodeEmulator from "@/emulator/platforms/hashnode";
import linkedinPageEmulator from "@/emulator/platforms/linkedin-page";
import type { Emulator } from "@/emulator/server";
import { completeConnect, connectWithFields, startConnect } from "@/lib/channels/connect";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { connectEmulated, recipeOf } from "../helpers/channels";
import { authorizeInEmulator, useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// Reconnecting a channel that went through a pick step (a LinkedIn page) signs in as a member,
// not as the page (or types a member's token, on Hashnode): the member must still manage that page, or nothing changes.

let emu: Emulator;
let ctx: ResolvedContext;

beforeAll(async () => {
  emu = await useEmulator([linkedinPageEmulator, hashnodeEmulator]);
  const owner = await makeOwner("page-reconnect");
  ctx = (await resolveOrgContext(owner.userId, owner.organizationId))!;
});
afterAll(() => emu?.stop());

async function reconnectAs(channelId: string, username: string) {
  const url = await startConnect(ctx, "linkedin-page", "http://127.0.0.1:5555", { reconnectChannelId: channelId });
  const back = await authorizeInEmulator(emu, url, { username });
  return completeConnect(ctx.userId, "linkedin-page", Object.fromEntries(back.searchParams));
}

const row = (id: string) => db.integration.findUniqueOrThrow({ where: { id } });

describe("reconnecting a page channel", () => {
  it("takes the new token when the member who signs in still manages the page", async () => {
    const id = await connectEmulated(ctx, emu, "linkedin-page", "grace_reconnect");
    const before = await row(id);
    expect(before.status).toBe("active");
    const done = await reconnectAs(id, "grace_reconnect");
    expect(done).toEqual({ channelId: id, pending: false });
    const after = await row(id);
    expect(after.internalId).toBe(before.internalId);
    expect(decryptSecret(after.accessToken!)).not.toBe(decryptSecret(before.accessToken!));
  });

  it("is refused with a 409 naming the page, and changes nothing, when the member does not manage it", async () => {
    const id = await connectEmulated(ctx, emu, "linkedin-page", "ada_pages");
    const before = await row(id);
    const err = await reconnectAs(id, "alan_elsewhere").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, message: expect.stringContaining(`does not manage ${before.name} on LinkedIn Page`) });
    expect(await row(id)).toEqual(before);
    expect(await db.integration.count({ where: { organizationId: ctx.organizationId, internalId: { startsWith: "pending:" } } })).toBe(0);
  });

  it("lets any account finish a channel still waiting for its pick", async () => {
    const url = await startConnect(ctx, "linkedin-page", "http://127.0.0.1:5555");
    const back = await authorizeInEmulator(emu, url, { username: "kay_pending" });
    const pending = await completeConnect(ctx.userId, "linkedin-page", Object.fromEntries(back.searchParams));
    expect(pending.pending).toBe(true);
    const again = await reconnectAs(pending.channelId, "other_pending");
    expect(again).toEqual({ channelId: pending.channelId, pending: true });
  });

  it("is refused the same way through a connect form (a Hashnode token of someone without that blog)", async () => {
    const id = await connectEmulated(ctx, emu, "hashnode", "hn_blogger");
    const before = await row(id);
    const fields = (await recipeOf("hashnode")).fields!;
    const err = await connectWithFields(ctx, "hashnode", fields(`${emu.url}/hashnode`, "hn_stranger"), id).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, message: expect.stringContaining(`does not manage ${before.name} on Hashnode`) });
    expect(await row(id)).toEqual(before);
    await connectWithFields(ctx, "hashnode", fields(`${emu.url}/hashnode`, "hn_blogger"), id);
    expect((await row(id)).status).toBe("active");
  });
});
