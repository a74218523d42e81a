import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { db } from "@/lib/db/client";
import { claimTarget, ensureSlots, finishAndClaim } from "@/lib/publishing/claim";
import { createPost } from "@/lib/posts/operations";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { ownDatabase } from "../../helpers/publishing";

// The claim and the hand-over of a group's place, without a worker: the database alone decides.
ownDatabase();
let emu: Emulator;
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channel = "";

beforeAll(async () => {
  emu = await useEmulator();
  owner = await makeOwner("claim");
  channel = await connectEmulated(owner, emu, "bluesky", "claimsky");
  await ensureSlots(new Map([["bluesky", 2]]));
}, 60_000);
afterAll(() => emu?.stop());

async function dueTarget(text: string): Promise<string> {
  const { id } = await createPost(owner, { mode: "now", targets: [{ channelId: channel, items: [{ text }] }] });
  return (await db.postTarget.findFirstOrThrow({ where: { postId: id } })).id;
}
const places = () => db.publishSlot.findMany({ where: { publishGroup: "bluesky" }, orderBy: { slot: "asc" } });

describe("claiming", () => {
  it("gives each target to one worker and never more than the group's places", async () => {
    const [a, b, c] = [await dueTarget("a"), await dueTarget("b"), await dueTarget("c")];
    const results = await Promise.all([a, a, b, c].map((t, i) => claimTarget(t, "bluesky", 2, `w${i}`, 60_000)));
    expect(results.filter((r) => "claimed" in r)).toHaveLength(2);
    expect(results.filter((r) => "busy" in r).length + results.filter((r) => "gone" in r).length).toBe(2);
    expect((await places()).filter((p) => p.targetId).length).toBe(2);
    await db.publishSlot.updateMany({ data: { targetId: null, claimedBy: null, leaseUntil: null } });
    await db.postTarget.updateMany({ where: { id: { in: [a, b, c] } }, data: { status: "cancelled" } });
  });

  it("hands a finished target's place straight to the next one, or frees it when the next cannot be taken", async () => {
    const [a, b, c] = [await dueTarget("ha"), await dueTarget("hb"), await dueTarget("hc")];
    const first = await claimTarget(a, "bluesky", 2, "w1", 60_000);
    expect("claimed" in first).toBe(true);
    const handed = await finishAndClaim(a, "w1", [{ id: "at://a", url: "https://bsky.app/a" }], b, 60_000, true);
    expect(handed.stored).toBe(true);
    expect(handed.claimed?.id).toBe(b);
    expect(handed.claimed?.markedOnClaim).toBe(true);
    expect(handed.claimed?.channel.id).toBe(channel);
    expect((await db.postTarget.findUniqueOrThrow({ where: { id: a } })).status).toBe("published");
    const bRow = await db.postTarget.findUniqueOrThrow({ where: { id: b } });
    expect([bRow.status, bRow.claimedBy, bRow.callingItem]).toEqual(["publishing", "w1", 0]);
    expect((await places()).map((p) => p.targetId)).toContain(b);

    // c was cancelled meanwhile: b's place is released instead.
    await db.postTarget.update({ where: { id: c }, data: { status: "cancelled" } });
    const last = await finishAndClaim(b, "w1", [{ id: "at://b", url: "https://bsky.app/b" }], c, 60_000, true);
    expect(last).toEqual({ stored: true, claimed: undefined });
    expect((await places()).every((p) => p.targetId === null)).toBe(true);

    // A worker that lost its claim stores nothing and hands nothing on.
    const lost = await finishAndClaim(b, "w2", [], c, 60_000, true);
    expect(lost).toEqual({ stored: false, claimed: undefined });
  });
});
