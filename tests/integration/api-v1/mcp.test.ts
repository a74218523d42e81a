import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import * as mcpRoute from "@/app/api/mcp/route";
import { listPosts } from "@/lib/posts/queries";
import { stopBoss } from "@/lib/queue/boss";
import { freeSlotsBetween } from "@/lib/schedules/free-slots";
import { saveSchedules } from "@/lib/schedules/store";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey } from "../../helpers/api-v1";
import { serveRoutes, type RouteServer } from "../../helpers/route-server";

// The MCP endpoint end to end: the SDK's own client over real HTTP against the route handler.
// Tools act in the key's organization with its scopes; refusals are readable tool errors.

let emu: Emulator;
let http: RouteServer;
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let chA: string;
let chB: string;
let key: string;
let readKey: string;
const clients: Client[] = [];

async function connect(secret: string): Promise<Client> {
  const client = new Client({ name: "postmill-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${http.url}/api/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${secret}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

type Text = { type: string; text: string }[];
const textOf = (r: unknown) => (((r as { content?: Text }).content ?? []) as Text).map((c) => c.text).join("\n");
const jsonOf = <T>(r: unknown) => JSON.parse(textOf(r)) as T;

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("mcp-a");
  b = await makeOwner("mcp-b");
  chA = await connectEmulated(a, emu, "mastodon", `mcp_a_${Date.now()}`);
  chB = await connectEmulated(b, emu, "mastodon", `mcp_b_${Date.now()}`);
  key = await makeKey(a);
  readKey = await makeKey(a, ["read"]);
  http = await serveRoutes({ "/api/mcp": { POST: mcpRoute.POST, GET: mcpRoute.GET, DELETE: mcpRoute.DELETE } });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await http?.close();
  await stopBoss();
  await emu?.stop();
});

describe("MCP endpoint", () => {
  it("lists its tools with JSON Schema inputs", async () => {
    const client = await connect(readKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "add_to_queue",
      "create_post",
      "find_free_slots",
      "get_analytics",
      "list_channels",
      "list_failures",
    ]);
    const create = tools.find((t) => t.name === "create_post")!;
    expect(create.inputSchema.type).toBe("object");
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["mode", "publishAt", "targets"]));
  });

  it("list_channels gives the key's organization's channels with their rules", async () => {
    const client = await connect(readKey);
    const res = await client.callTool({ name: "list_channels", arguments: {} });
    expect(res.isError).toBeFalsy();
    const { channels } = jsonOf<{ channels: { id: string; platform: { maxLength: number; media: object; settingsSchema: object } }[] }>(
      res,
    );
    expect(channels.map((c) => c.id)).toEqual([chA]);
    expect(channels[0]!.platform.maxLength).toBeGreaterThan(0);
    expect(channels[0]!.platform.settingsSchema).toHaveProperty("type", "object");
  });

  it("create_post schedules a post, then visible through lib/posts", async () => {
    const client = await connect(key);
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCMinutes(0, 0, 0);
    const res = await client.callTool({
      name: "create_post",
      arguments: { mode: "schedule", publishAt: at.toISOString(), targets: [{ channelId: chA, items: [{ text: "Hello from MCP" }] }] },
    });
    expect(res.isError, textOf(res)).toBeFalsy();
    const created = jsonOf<{ id: string; status: string; targets: { channelId: string; status: string }[] }>(res);
    expect(created.status).toBe("scheduled");
    const posts = await listPosts(a, { from: new Date(at.getTime() - 60_000), to: new Date(at.getTime() + 60_000) });
    const post = posts.find((p) => p.id === created.id)!;
    expect(post.publishAt).toBe(at.toISOString());
    expect(post.targets[0]!.channel.id).toBe(chA);
    expect(post.targets[0]!.items[0]!.text).toBe("Hello from MCP");

    // That hour is now taken for the channel; the next one is free.
    const slots = await client.callTool({
      name: "find_free_slots",
      arguments: {
        channelIds: [chA],
        from: new Date(at.getTime() - 3_600_000).toISOString(),
        to: new Date(at.getTime() + 2 * 3_600_000).toISOString(),
        workStartHour: 0,
        workEndHour: 24,
        weekdaysOnly: false,
      },
    });
    expect(slots.isError, textOf(slots)).toBeFalsy();
    const answer = jsonOf<{ slots: { at: string }[]; channels: { channelId: string; source: string; slots: { at: string }[] }[] }>(slots);
    const free = answer.slots.map((s) => s.at);
    expect(free).toEqual([new Date(at.getTime() - 3_600_000).toISOString(), new Date(at.getTime() + 3_600_000).toISOString()]);
    // No posting schedule: the calendar's gaps, said so.
    expect(answer.channels).toEqual([{ channelId: chA, source: "calendar", slots: answer.slots }]);
  });

  it("refuses a post breaking a channel's rule with a readable tool error naming the field", async () => {
    const client = await connect(key);
    const res = await client.callTool({
      name: "create_post",
      arguments: {
        mode: "schedule",
        publishAt: new Date(Date.now() + 86_400_000).toISOString(),
        targets: [{ channelId: chA, items: [{ text: "x".repeat(5000) }] }],
      },
    });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/targets\.0\.items\.0\.text: .*500/);
    const missing = await client.callTool({ name: "create_post", arguments: { mode: "schedule", targets: [] } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain("publishAt: pick a date and time to schedule");
    expect(textOf(missing)).toContain("targets: pick at least one channel");
    // Another organization's channel is not found, as in the API.
    const theirs = await client.callTool({
      name: "create_post",
      arguments: { mode: "draft", targets: [{ channelId: chB, items: [{ text: "hi" }] }] },
    });
    expect(theirs.isError).toBe(true);
    expect(await listPosts(b, { from: new Date(0), to: new Date(Date.now() + 400 * 86_400_000), drafts: true })).toEqual([]);
  });

  it("checks scopes per tool: a read key cannot schedule", async () => {
    const client = await connect(readKey);
    const res = await client.callTool({
      name: "create_post",
      arguments: { mode: "draft", targets: [{ channelId: chA, items: [{ text: "hi" }] }] },
    });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toContain('lacks the "write" scope');
    const analytics = await client.callTool({ name: "get_analytics", arguments: { kind: "overview", range: "7" } });
    expect(analytics.isError, textOf(analytics)).toBeFalsy();
    expect(jsonOf<{ channels: { id: string }[] }>(analytics).channels.map((c) => c.id)).toEqual([chA]);
    const none = await client.callTool({ name: "list_failures", arguments: {} });
    expect(jsonOf<{ failures: unknown[] }>(none).failures).toEqual([]);
    // A failed target of each organization: the key sees its own, with the reason.
    for (const [org, ch] of [
      [a, chA],
      [b, chB],
    ] as const)
      await org.db.post.create({
        data: {
          organizationId: org.organizationId,
          publishAt: new Date(),
          targets: {
            create: {
              organizationId: org.organizationId,
              integrationId: ch,
              status: "failed",
              items: [{ text: "Did not go" }],
              errorKind: "bad-body",
              errorMessage: "Mastodon refused the post: duplicate",
            },
          },
        },
      });
    const failures = await client.callTool({ name: "list_failures", arguments: { limit: 10 } });
    expect(jsonOf<{ failures: unknown[] }>(failures).failures).toEqual([
      expect.objectContaining({
        channel: expect.objectContaining({ id: chA }),
        status: "failed",
        reason: "Mastodon refused the post: duplicate",
        text: "Did not go",
      }),
    ]);
    const bad = await client.callTool({ name: "list_failures", arguments: { limit: 0 } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain("- limit: limit is at least 1");
  });

  it("find_free_slots offers a channel's posting schedule when it has one; add_to_queue takes its next free slot", async () => {
    const queued = await connectEmulated(a, emu, "mastodon", `mcp_q_${Date.now()}`);
    await saveSchedules(a, {
      channelIds: [queued],
      timeZone: "UTC",
      slots: [
        { weekday: 0, time: "10:00" },
        { weekday: 3, time: "16:30" },
      ],
    });
    // From now: the queue's next slot may be within the day.
    const from = new Date();
    const to = new Date(from.getTime() + 14 * 86_400_000);
    const expected = (await freeSlotsBetween(a, { from, to, channelIds: [queued] })).map((s) => s.at);
    expect(expected).toHaveLength(4);
    const client = await connect(key);
    const res = await client.callTool({
      name: "find_free_slots",
      arguments: { channelIds: [queued, chA], from: from.toISOString(), to: to.toISOString(), limit: 3 },
    });
    expect(res.isError, textOf(res)).toBeFalsy();
    const { channels, slots } = jsonOf<{
      channels: { channelId: string; source: string; slots: { at: string; local: string }[] }[];
      slots: unknown[];
    }>(res);
    expect(channels.map((c) => [c.channelId, c.source])).toEqual([
      [queued, "schedule"],
      [chA, "calendar"],
    ]);
    expect(channels[0]!.slots.map((s) => s.at)).toEqual(expected.slice(0, 3));
    expect(channels[1]!.slots).toEqual(slots);
    expect(slots.length).toBeGreaterThan(0);

    const first = await client.callTool({ name: "add_to_queue", arguments: { targets: [{ channelId: queued, items: [{ text: "q" }] }] } });
    expect(first.isError, textOf(first)).toBeFalsy();
    const added = jsonOf<{ posts: { postId: string; channelId: string; at: string }[]; skipped: { channelId: string; reason: string }[] }>(
      first,
    );
    expect(added).toEqual({ posts: [{ postId: expect.any(String), channelId: queued, at: expected[0] }], skipped: [] });

    const both = await client.callTool({
      name: "add_to_queue",
      arguments: {
        targets: [
          { channelId: queued, items: [{ text: "second" }] },
          { channelId: chA, items: [{ text: "no schedule" }] },
        ],
      },
    });
    const second = jsonOf<{ posts: { channelId: string; at: string }[]; skipped: { channelId: string; reason: string }[] }>(both);
    expect(second.posts.map((p) => [p.channelId, p.at])).toEqual([[queued, expected[1]]]);
    expect(second.skipped.map((s) => s.channelId)).toEqual([chA]);

    const writeOnly = await connect(await makeKey(a, ["read", "write"]));
    const noPublish = await writeOnly.callTool({
      name: "add_to_queue",
      arguments: { targets: [{ channelId: queued, items: [{ text: "x" }] }] },
    });
    expect(noPublish.isError).toBe(true);
    expect(textOf(noPublish)).toContain('lacks the "publish" scope');
  });

  it("refuses a missing or bad key before any MCP exchange", async () => {
    await expect(connect("pm_" + "0".repeat(32))).rejects.toThrow(/401|not valid/);
    const res = await fetch(`${http.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toContain("Authorization: Bearer");
  });
});
