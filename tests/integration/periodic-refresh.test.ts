import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeConnect, startConnect } from "@/lib/channels/connect";
import { refreshExpiringChannels } from "@/lib/channels/tokens";
import { db } from "@/lib/db/client";
import type { Emulator } from "@/emulator/server";
import { tokenRefreshRound } from "@/lib/jobs/periodic";
import xEmulator from "@/emulator/platforms/x";
import { authorizeInEmulator, useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

let emu: Emulator;
beforeAll(async () => {
  emu = await useEmulator([xEmulator]);
});
afterAll(() => emu.stop());

async function connectX(owner: Awaited<ReturnType<typeof makeOwner>>, username: string) {
  const url = await startConnect(owner, "x", "http://127.0.0.1:5555");
  const back = await authorizeInEmulator(emu, url, { username });
  return (await completeConnect(owner.userId, "x", Object.fromEntries(back.searchParams))).channelId;
}

describe("periodic token refresh", () => {
  it("renews active channels whose token expires soon, and leaves the others alone", async () => {
    const owner = await makeOwner();
    const soon = await connectX(owner, "soon_user");
    const later = await connectX(owner, "later_user");
    await db.integration.update({ where: { id: soon }, data: { tokenExpiresAt: new Date(Date.now() + 60_000) } });
    const before = await db.integration.findMany({ where: { organizationId: owner.organizationId }, orderBy: { name: "asc" } });

    expect(await refreshExpiringChannels({ organizationId: owner.organizationId })).toEqual({ refreshed: 1, failed: 0 });
    const after = await db.integration.findMany({ where: { organizationId: owner.organizationId }, orderBy: { name: "asc" } });
    const changed = after.filter((a) => before.find((b) => b.id === a.id)!.accessToken !== a.accessToken).map((a) => a.id);
    expect(changed).toEqual([soon]);
    expect(after.find((a) => a.id === soon)!.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    expect(after.find((a) => a.id === later)!.status).toBe("active");
  });

  it("skips a round while another process holds the lock", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("SELECT pg_advisory_lock(727002)");
    try {
      expect(await tokenRefreshRound()).toEqual({ ran: false });
    } finally {
      await other.query("SELECT pg_advisory_unlock(727002)");
      await other.end();
    }
  });
});
