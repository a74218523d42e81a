import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { findFreeSlots } from "@/lib/posts/free-slots";
import { makeOwner } from "../helpers/factories";

// Free slots step through working hours in the user's zone (across a DST change), skip weekends,
// and leave out each hour in which one of the channels has a post due; drafts hold no time.
let owner: Awaited<ReturnType<typeof makeOwner>>;
let other: Awaited<ReturnType<typeof makeOwner>>;
let ch1 = "";
let ch2 = "";

async function channel(ctx: typeof owner, name: string) {
  const row = await ctx.db.integration.create({
    data: { organizationId: ctx.organizationId, provider: "mastodon", internalId: `${name}-${ctx.organizationId}`, name, accessToken: "x" },
  });
  return row.id;
}
async function due(ctx: typeof owner, channelId: string, at: string, status: "scheduled" | "draft") {
  await ctx.db.post.create({
    data: {
      organizationId: ctx.organizationId,
      publishAt: new Date(at),
      targets: {
        create: { organizationId: ctx.organizationId, integrationId: channelId, status, items: [{ text: "x" }], dueAt: new Date(at) },
      },
    },
  });
}

beforeAll(async () => {
  owner = await makeOwner("slots");
  other = await makeOwner("slots-other");
  ch1 = await channel(owner, "one");
  ch2 = await channel(owner, "two");
  // Monday 26 October 2026, Paris (UTC+1 since the night before): 10:30 on ch2, a draft at 11:00 on ch1.
  await due(owner, ch2, "2026-10-26T09:30:00Z", "scheduled");
  await due(owner, ch1, "2026-10-26T10:00:00Z", "draft");
});

describe("findFreeSlots", () => {
  it("gives working hours in the user's zone across a DST change, weekdays only, without taken hours", async () => {
    const res = await findFreeSlots(
      owner,
      { channelIds: [ch1, ch2], from: "2026-10-23T00:00:00Z", to: "2026-10-27T00:00:00Z", workStartHour: 9, workEndHour: 12, limit: 50 },
      "Europe/Paris",
      new Date("2026-10-01T00:00:00Z"),
    );
    expect(res.slots.map((s) => s.local)).toEqual([
      "2026-10-23T09:00",
      "2026-10-23T10:00",
      "2026-10-23T11:00",
      "2026-10-26T09:00",
      "2026-10-26T11:00",
    ]);
    expect(res.slots[0]!.at).toBe("2026-10-23T07:00:00.000Z"); // UTC+2 before the change
    expect(res.slots[3]!.at).toBe("2026-10-26T08:00:00.000Z"); // UTC+1 after
  });

  it("starts from now, and refuses bad input naming the field", async () => {
    const res = await findFreeSlots(
      owner,
      { channelIds: [ch1], from: "2026-10-26T00:00:00Z", to: "2026-10-27T00:00:00Z" },
      "UTC",
      new Date("2026-10-26T15:30:00Z"),
    );
    expect(res.slots.map((s) => s.local)).toEqual(["2026-10-26T16:00", "2026-10-26T17:00"]);
    await expect(
      findFreeSlots(owner, { channelIds: [ch1], from: "2026-10-26", to: "2026-10-20", workStartHour: 18, workEndHour: 9 }, "UTC"),
    ).rejects.toMatchObject({
      fields: { to: "to must be after from", workEndHour: "workEndHour must be after workStartHour" },
    });
    await expect(findFreeSlots(owner, { channelIds: [], from: "2026-10-26", to: "2026-10-27" }, "UTC")).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("does not know another organization's channel", async () => {
    await expect(findFreeSlots(other, { channelIds: [ch1], from: "2026-10-26", to: "2026-10-27" }, "UTC")).rejects.toMatchObject({
      status: 404,
    });
  });
});
