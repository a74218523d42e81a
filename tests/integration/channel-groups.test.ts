import { describe, expect, it } from "vitest";
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from "@/lib/channel-groups/operations";
import { deleteChannel } from "@/lib/channels/queries";
import type { OrgContext } from "@/lib/orgs/context";
import { createSet, listSets } from "@/lib/sets/operations";
import { GET as listV1, POST as createV1 } from "@/app/api/v1/channel-groups/route";
import { makeKey, v1Call } from "../helpers/api-v1";
import { makeOwner } from "../helpers/factories";

// Channel groups (a customer or brand with its time zone) on the real database: created, renamed,
// re-zoned, given channels (a channel moves out of its old group), deleted; refused with the field
// named; invisible to another organization; and independent of channel sets.

let n = 0;
async function channel(ctx: OrgContext, provider = "x") {
  n++;
  const row = await ctx.db.integration.create({
    data: {
      organizationId: ctx.organizationId,
      provider,
      internalId: `grp-${n}-${Date.now()}`,
      name: `${provider} ${n}`,
      status: "active",
    },
  });
  return row.id;
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: Error & { fields?: Record<string, string>; status?: number }) => ({ status: e.status, fields: e.fields ?? {}, message: e.message }),
  );

describe("channel groups", () => {
  it("are created, renamed, re-zoned, given channels and deleted; a channel is in one group at most", async () => {
    const o = await makeOwner("groups");
    const [a, b, c] = [await channel(o), await channel(o, "bluesky"), await channel(o)];
    const acme = await createGroup(o, { name: "Acme", timeZone: "america/new_york", channelIds: [a, b] });
    expect(acme).toMatchObject({ name: "Acme", timeZone: "America/New_York" });
    expect(acme.channelIds.sort()).toEqual([a, b].sort());

    // Assigning b to another group takes it out of Acme.
    const globex = await createGroup(o, { name: "Globex", channelIds: [b, c] });
    expect(globex.timeZone).toBeNull();
    expect((await getGroup(o, acme.id)).channelIds).toEqual([a]);

    await updateGroup(o, acme.id, { name: "Acme Corp", timeZone: "Europe/Paris" });
    expect(await getGroup(o, acme.id)).toMatchObject({ name: "Acme Corp", timeZone: "Europe/Paris", channelIds: [a] });
    await updateGroup(o, acme.id, { timeZone: "" });
    expect((await getGroup(o, acme.id)).timeZone).toBeNull();
    await updateGroup(o, globex.id, { channelIds: [] });
    expect((await getGroup(o, globex.id)).channelIds).toEqual([]);

    // A deleted channel leaves its group; a deleted group leaves its channels.
    await deleteChannel(o, a);
    expect((await getGroup(o, acme.id)).channelIds).toEqual([]);
    await updateGroup(o, acme.id, { channelIds: [b] });
    await deleteGroup(o, acme.id);
    expect((await listGroups(o)).map((g) => g.name)).toEqual(["Globex"]);
    expect(await o.db.integration.count({ where: { id: b } })).toBe(1);
  });

  it("refuse bad input with the field named, never a 500", async () => {
    const o = await makeOwner("groups-bad");
    const x = await channel(o);
    await createGroup(o, { name: "Taken" });
    const cases: [unknown, string][] = [
      [{ name: "Brand", timeZone: "Mars/Olympus" }, "timeZone"],
      [{ name: "Brand", timeZone: 42 }, "timeZone"],
      [{ name: "" }, "name"],
      [{ name: "taken" }, "name"],
      [{ name: "Brand", channelIds: [x, x] }, "channelIds"],
      [{ name: "Brand", channelIds: [x, "missing"] }, "channelIds.1"],
      [{ name: "Brand", channelIds: "x" }, "channelIds"],
      [null, "input"],
    ];
    for (const [input, field] of cases) {
      const r = await refusal(createGroup(o, input));
      expect(r.status, JSON.stringify(input)).toBe(422);
      expect(Object.keys(r.fields), JSON.stringify(input)).toContain(field);
    }
    expect(r422(await refusal(updateGroup(o, (await listGroups(o))[0]!.id, { timeZone: "Nowhere/Town" })))).toContain("timeZone");
    expect((await refusal(updateGroup(o, (await listGroups(o))[0]!.id, {}))).status).toBe(422);
    expect((await listGroups(o)).map((g) => g.name)).toEqual(["Taken"]);
  });

  it("stay within their organization (404) and cannot take another organization's channels", async () => {
    const a = await makeOwner("groups-a");
    const b = await makeOwner("groups-b");
    const theirs = await channel(b);
    const group = await createGroup(b, { name: "B brand", channelIds: [theirs] });
    expect(await listGroups(a)).toEqual([]);
    expect((await refusal(getGroup(a, group.id))).status).toBe(404);
    expect((await refusal(updateGroup(a, group.id, { name: "Mine now" }))).status).toBe(404);
    expect((await refusal(deleteGroup(a, group.id))).status).toBe(404);
    const mine = await createGroup(a, { name: "A brand" });
    expect(r422(await refusal(updateGroup(a, mine.id, { channelIds: [theirs] })))).toEqual(["channelIds.0"]);
    expect(await getGroup(b, group.id)).toMatchObject({ name: "B brand", channelIds: [theirs] });
  });

  it("leave channel sets alone: a channel can be in a group and in sets", async () => {
    const o = await makeOwner("groups-sets");
    const x = await channel(o);
    await createSet(o, { name: "Launch", channels: [{ channelId: x, settings: {} }] });
    const g = await createGroup(o, { name: "Brand", channelIds: [x] });
    await deleteGroup(o, g.id);
    expect((await listSets(o))[0]!.channels.map((c) => c.channelId)).toEqual([x]);
  });
});

describe("/api/v1/channel-groups", () => {
  it("creates and lists an organization's groups; a bad zone is a 422 naming timeZone", async () => {
    const o = await makeOwner("groups-v1");
    const other = await makeOwner("groups-v1-b");
    const x = await channel(o);
    const key = await makeKey(o, ["read", "write"]);
    const created = await v1Call(createV1, "/api/v1/channel-groups", {
      method: "POST",
      key,
      body: { name: "Acme", timeZone: "Asia/Tokyo", channelIds: [x] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Acme", timeZone: "Asia/Tokyo", channelIds: [x] });
    expect((await v1Call(listV1, "/api/v1/channel-groups", { key })).body.data).toEqual([created.body]);
    expect((await v1Call(listV1, "/api/v1/channel-groups", { key: await makeKey(other, ["read"]) })).body.data).toEqual([]);
    const bad = await v1Call(createV1, "/api/v1/channel-groups", { method: "POST", key, body: { name: "B", timeZone: "Moon/Base" } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(["timeZone"]);
  });
});

function r422(r: { status?: number; fields: Record<string, string> }): string[] {
  expect(r.status).toBe(422);
  return Object.keys(r.fields);
}
