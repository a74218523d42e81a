import { afterAll, beforeAll, describe, expect, it } from "vitest";
import facebookEmulator from "@/emulator/platforms/facebook";
import { tokenInfo } from "@/emulator/platforms/facebook/graph";
import type { Emulator } from "@/emulator/server";
import { completeConnect, startConnect } from "@/lib/channels/connect";
import { channelAccess, refreshExpiringChannels } from "@/lib/channels/tokens";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { connectEmulated } from "../helpers/channels";
import { authorizeInEmulator, useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// A page with a token of its own (Page.access from fetchPageInformation; Facebook's Page token,
// which does not expire): the pick, picking an existing channel's page again, and a reconnect all
// store that token, encrypted and with no expiry, in place of the member's 60-day user token, so
// the periodic refresh leaves it alone and the channel needs no reconnect when the user's expires.

let emu: Emulator;
let ctx: ResolvedContext;

beforeAll(async () => {
  emu = await useEmulator([facebookEmulator]);
  const owner = await makeOwner("page-own-token");
  ctx = (await resolveOrgContext(owner.userId, owner.organizationId))!;
});
afterAll(() => emu?.stop());

const row = (id: string) => db.integration.findUniqueOrThrow({ where: { id } });
/** What the emulator issued a token as: "long" for the user's long-lived token, "page" for a Page token. */
const kindOf = (token: string) => tokenInfo(emu.state).get(token);

async function reconnectAs(channelId: string, username: string) {
  const url = await startConnect(ctx, "facebook", "http://127.0.0.1:5555", { reconnectChannelId: channelId });
  const back = await authorizeInEmulator(emu, url, { username });
  return completeConnect(ctx.userId, "facebook", Object.fromEntries(back.searchParams));
}

describe("a picked page that has its own token", () => {
  it("is stored with the page's token, encrypted, with no expiry and no refresh token", async () => {
    const id = await connectEmulated(ctx, emu, "facebook", "own_token_pat");
    const r = await row(id);
    expect(r.status).toBe("active");
    expect(r.tokenExpiresAt).toBeNull();
    expect(r.refreshToken).toBeNull();
    const token = decryptSecret(r.accessToken!);
    expect(r.accessToken).not.toContain(token);
    expect(kindOf(token)).toEqual({ kind: "page", pageId: r.internalId });
    // The token round publishes with what is stored, refreshing nothing.
    expect((await channelAccess(id)).accessToken).toBe(token);
    expect(await refreshExpiringChannels({ organizationId: ctx.organizationId, withinMs: 365 * 86_400_000 })).toEqual({
      refreshed: 0,
      failed: 0,
    });
  });

  it("gives an existing channel the page's token when its page is picked again, dropping the pending row", async () => {
    const id = await connectEmulated(ctx, emu, "facebook", "own_token_kim");
    // As channels picked before this change were stored: the user's long-lived token and its expiry.
    const user = [...tokenInfo(emu.state)].find(([, v]) => v.kind === "long")![0];
    await db.integration.update({
      where: { id },
      data: { accessToken: encryptSecret(user), tokenExpiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await connectEmulated(ctx, emu, "facebook", "own_token_kim")).toBe(id);
    const r = await row(id);
    expect(kindOf(decryptSecret(r.accessToken!))).toEqual({ kind: "page", pageId: r.internalId });
    expect(r.tokenExpiresAt).toBeNull();
    expect(await db.integration.count({ where: { organizationId: ctx.organizationId, internalId: { startsWith: "pending:" } } })).toBe(0);
  });

  it("keeps the page's token, not the member's, after a reconnect", async () => {
    const id = await connectEmulated(ctx, emu, "facebook", "own_token_lee");
    const before = decryptSecret((await row(id)).accessToken!);
    expect(await reconnectAs(id, "own_token_lee")).toEqual({ channelId: id, pending: false });
    const r = await row(id);
    expect(r.tokenExpiresAt).toBeNull();
    expect(kindOf(decryptSecret(r.accessToken!))).toEqual({ kind: "page", pageId: r.internalId });
    expect(decryptSecret(r.accessToken!)).not.toBe(before);
  });
});
