import { afterAll, describe, expect, it } from "vitest";
import { deleteChannel } from "@/lib/channels/queries";
import type { OrgContext } from "@/lib/orgs/context";
import { createPost, updatePost } from "@/lib/posts/operations";
import { getPost } from "@/lib/posts/queries";
import { checkCsv } from "@/lib/imports/check";
import { createSeries } from "@/lib/posts/series-operations";
import { addToQueue } from "@/lib/schedules/add-to-queue";
import { saveSchedules } from "@/lib/schedules/store";
import { stopBoss } from "@/lib/queue/boss";
import { createSet, deleteSet, listSets, updateSet } from "@/lib/sets/operations";
import { createSignature, deleteSignature, listSignatures, updateSignature } from "@/lib/signatures/operations";
import { makeOwner } from "../helpers/factories";

// Channel sets and signatures on the real database: sets keep their channels' settings (checked
// with each platform's schema), lose deleted channels quietly, and stay within their organization;
// automatic signatures are added once when a post is saved and count in the platform's limits.

afterAll(() => stopBoss());

let n = 0;
async function channel(ctx: OrgContext, provider: string, status: "active" | "refresh_needed" = "active") {
  n++;
  const row = await ctx.db.integration.create({
    data: { organizationId: ctx.organizationId, provider, internalId: `sig-${n}-${Date.now()}`, name: `${provider} ${n}`, status },
  });
  return row.id;
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: Error & { fields?: Record<string, string>; status?: number }) => ({ status: e.status, fields: e.fields ?? {} }),
  );
const tomorrow = () => new Date(Date.now() + 86_400_000);

describe("channel sets", () => {
  it("are saved, listed, renamed, edited and deleted", async () => {
    const o = await makeOwner("sets");
    const x = await channel(o, "x");
    const reddit = await channel(o, "reddit");
    const { id } = await createSet(o, {
      name: "Launch",
      channels: [
        { channelId: x, settings: { replySettings: "following" } },
        // A default subreddit without a title: a set holds defaults, the title is written per post.
        { channelId: reddit, settings: { subreddit: "postmill_news", title: "" } },
      ],
    });
    let [set] = await listSets(o);
    expect(set).toMatchObject({ id, name: "Launch" });
    expect(set!.channels.map((c) => [c.channelId, c.settings])).toEqual([
      [x, { replySettings: "following" }],
      [reddit, { subreddit: "postmill_news" }],
    ]);

    await updateSet(o, id, { name: "Launch day", channels: [{ channelId: reddit, settings: {} }] });
    [set] = await listSets(o);
    expect(set).toMatchObject({ name: "Launch day", channels: [{ channelId: reddit, settings: {}, provider: "reddit" }] });

    await deleteSet(o, id);
    expect(await listSets(o)).toEqual([]);
    await expect(deleteSet(o, id)).rejects.toThrow(/not found/i);
  });

  it("refuse settings the platform's schema refuses, naming the channel, the field and the rule", async () => {
    const o = await makeOwner("sets-bad");
    const x = await channel(o, "x");
    const reddit = await channel(o, "reddit");
    const r = await refusal(
      createSet(o, {
        name: "Bad",
        channels: [
          { channelId: x, settings: { replySettings: "everyone-ish", colour: "red" } },
          { channelId: reddit, settings: { subreddit: "a" } },
        ],
      }),
    );
    expect(r.status).toBe(422);
    expect(r.fields["channels.0.settings.replySettings"]).toMatch(/x \d+: Who can reply must be one of/);
    expect(r.fields["channels.0.settings.colour"]).toMatch(/has no setting "colour"/);
    expect(r.fields["channels.1.settings.subreddit"]).toMatch(/3–21 letters/);
    expect(await listSets(o)).toEqual([]);
  });

  it("refuse a bad name, a duplicate name (any case), an empty or repeated selection", async () => {
    const o = await makeOwner("sets-names");
    const x = await channel(o, "x");
    await createSet(o, { name: "Weekly", channels: [{ channelId: x }] });
    expect((await refusal(createSet(o, { name: "weekly", channels: [{ channelId: x }] }))).fields.name).toMatch(/already exists/);
    expect((await refusal(createSet(o, { name: " ", channels: [{ channelId: x }] }))).fields.name).toMatch(/give the set a name/);
    expect((await refusal(createSet(o, { name: "y".repeat(81), channels: [{ channelId: x }] }))).fields.name).toMatch(/at most 80/);
    expect((await refusal(createSet(o, { name: "Empty", channels: [] }))).fields.channels).toMatch(/at least one channel/);
    const twice = await refusal(createSet(o, { name: "Twice", channels: [{ channelId: x }, { channelId: x }] }));
    expect(twice.fields.channels).toMatch(/once/);
    const [weekly] = await listSets(o);
    const other = await createSet(o, { name: "Other", channels: [{ channelId: x }] });
    expect((await refusal(updateSet(o, other.id, { name: "WEEKLY" }))).fields.name).toMatch(/already exists/);
    // Renaming a set to its own name (another case) is not a clash.
    await updateSet(o, weekly!.id, { name: "WEEKLY" });
  });

  it("drop a deleted channel quietly and show a disconnected one as such", async () => {
    const o = await makeOwner("sets-gone");
    const x = await channel(o, "x");
    const masto = await channel(o, "mastodon", "refresh_needed");
    const bsky = await channel(o, "bluesky");
    await createSet(o, { name: "Mixed", channels: [{ channelId: x }, { channelId: masto }, { channelId: bsky }] });
    await deleteChannel(o, bsky);
    const [set] = await listSets(o);
    expect(set!.channels.map((c) => [c.channelId, c.status])).toEqual([
      [x, "active"],
      [masto, "refresh_needed"],
    ]);
  });

  it("stay within their organization", async () => {
    const a = await makeOwner("sets-a");
    const b = await makeOwner("sets-b");
    const ax = await channel(a, "x");
    const bx = await channel(b, "x");
    const { id } = await createSet(a, { name: "Mine", channels: [{ channelId: ax }] });
    // B cannot see, rename, edit or delete A's set, nor put A's channel in its own.
    expect(await listSets(b)).toEqual([]);
    await expect(updateSet(b, id, { name: "Stolen" })).rejects.toThrow(/not found/i);
    await expect(deleteSet(b, id)).rejects.toThrow(/not found/i);
    const r = await refusal(createSet(b, { name: "Mine", channels: [{ channelId: ax }] }));
    expect(r.fields["channels.0.channelId"]).toMatch(/does not exist in your organization/);
    // The same name is free in another organization.
    await createSet(b, { name: "Mine", channels: [{ channelId: bx }] });
    expect((await listSets(a))[0]!.channels.map((c) => c.channelId)).toEqual([ax]);
  });
});

describe("signatures", () => {
  it("are managed per organization with bounded, unique names", async () => {
    const a = await makeOwner("sig-a");
    const b = await makeOwner("sig-b");
    const ax = await channel(a, "x");
    const { id } = await createSignature(a, { name: "Team", body: "— The team", channelIds: [ax], providers: ["mastodon"] });
    expect(await listSignatures(a)).toEqual([
      { id, name: "Team", body: "— The team", auto: false, channelIds: [ax], providers: ["mastodon"] },
    ]);
    expect((await refusal(createSignature(a, { name: "team", body: "x" }))).fields.name).toMatch(/already exists/);
    expect((await refusal(createSignature(a, { name: "Long", body: "x".repeat(2001) }))).fields.body).toMatch(/at most 2000/);
    expect((await refusal(createSignature(a, { name: "Blank", body: "  " }))).fields.body).toMatch(/write the signature/);
    expect((await refusal(createSignature(a, { name: "P", body: "x", providers: ["myspace"] }))).fields["providers.0"]).toMatch(
      /not a platform/,
    );
    expect((await refusal(createSignature(b, { name: "B", body: "x", channelIds: [ax] }))).fields["channelIds.0"]).toMatch(
      /does not exist in your organization/,
    );
    expect(await listSignatures(b)).toEqual([]);
    await expect(updateSignature(b, id, { body: "hijacked" })).rejects.toThrow(/not found/i);
    await expect(deleteSignature(b, id)).rejects.toThrow(/not found/i);
    await updateSignature(a, id, { auto: true, body: "— Us" });
    expect((await listSignatures(a))[0]).toMatchObject({ auto: true, body: "— Us" });
    // A channel deleted since leaves the signature's scope.
    await deleteChannel(a, ax);
    expect((await listSignatures(a))[0]!.channelIds).toEqual([]);
    await deleteSignature(a, id);
    expect(await listSignatures(a)).toEqual([]);
  });

  it("are added automatically once, only where they apply, and not again on edit", async () => {
    const o = await makeOwner("sig-auto");
    const x = await channel(o, "x");
    const masto = await channel(o, "mastodon");
    await createSignature(o, { name: "X only", body: "Follow us for more", auto: true, providers: ["x"] });
    await createSignature(o, { name: "Manual", body: "never automatic" });
    const body = (text: string) => ({
      mode: "schedule",
      publishAt: tomorrow(),
      targets: [
        { channelId: x, items: [{ text }, { text: "a reply" }] },
        { channelId: masto, items: [{ text }] },
      ],
    });
    const { id } = await createPost(o, body("Hello"));
    const textOf = async () => Object.fromEntries((await getPost(o, id)).targets.map((t) => [t.channel.id, t.items.map((i) => i.text)]));
    expect(await textOf()).toEqual({ [x]: ["Hello\n\nFollow us for more", "a reply"], [masto]: ["Hello"] });

    // The editor sends back the stored text, signature included: it is not added a second time.
    await updatePost(o, id, body("Hello\n\nFollow us for more"));
    expect((await textOf())[x]).toEqual(["Hello\n\nFollow us for more", "a reply"]);
    // Nor when the text is changed above it.
    await updatePost(o, id, body("Hello again\n\nFollow us for more"));
    expect((await textOf())[x]![0]).toBe("Hello again\n\nFollow us for more");
  });

  it("are added to queued posts, recurring series and CSV rows too, and counted there", async () => {
    const o = await makeOwner("sig-paths");
    const masto = await channel(o, "mastodon");
    await createSignature(o, { name: "Everywhere", body: "— the team", auto: true });
    const firstText = async (postId: string) => (await getPost(o, postId)).targets[0]!.items[0]!.text;
    const target = (text: string) => [{ channelId: masto, items: [{ text }] }];

    await saveSchedules(o, { channelIds: [masto], timeZone: "UTC", slots: [{ weekday: 1, time: "09:00" }] });
    const queued = await addToQueue(o, { targets: target("Queued") });
    expect(await firstText(queued.posts[0]!.postId)).toBe("Queued\n\n— the team");

    const series = await createSeries(o, {
      publishAt: tomorrow(),
      targets: target("Daily"),
      repeat: { freq: "daily", end: { kind: "count", count: 2 } },
    });
    for (const id of series.postIds) expect(await firstText(id)).toBe("Daily\n\n— the team");

    // A row that fits Mastodon's 500 alone but not with the signature is refused in the preview.
    const [fits, over] = await checkCsv(
      o,
      `date,channels,text\n${tomorrow().toISOString()},${masto},short\n${tomorrow().toISOString()},${masto},${"p".repeat(495)}\n`,
      {
        timeZone: "UTC",
      },
    );
    expect(fits!.input!.targets[0]!.items[0]!.text).toBe("short\n\n— the team");
    expect(over!.errors.map((e) => e.column)).toEqual(["text"]);
  });

  it("count in the platform's limits: one that pushes an X post over 280 is refused, naming the channel", async () => {
    const o = await makeOwner("sig-limit");
    const x = await channel(o, "x");
    const masto = await channel(o, "mastodon");
    await createSignature(o, { name: "Long", body: "s".repeat(30), auto: true });
    const text = "p".repeat(260); // 260 fits X alone; with "\n\n" and 30 more it is 292.
    const r = await refusal(
      createPost(o, {
        mode: "schedule",
        publishAt: tomorrow(),
        targets: [
          { channelId: x, items: [{ text }] },
          { channelId: masto, items: [{ text }] },
        ],
      }),
    );
    expect(r.status).toBe(422);
    expect(r.fields["targets.0.items.0.text"]).toMatch(/^x \d+\b/);
    expect(r.fields["targets.0.items.0.text"]).toMatch(/292.*280|280.*292/);
    // Mastodon's 500 takes it.
    expect(r.fields["targets.1.items.0.text"]).toBeUndefined();
    expect(await o.db.post.count()).toBe(0);
  });
});
