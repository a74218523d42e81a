import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/emulator/server";
import { saveUpload } from "@/lib/media/store";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { callRoute } from "../helpers/api-call";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";
import * as bytes from "../helpers/media-bytes";

// What GET /api/calendar sends for a card (a snippet, the first image, thread/media/poll marks),
// through the route handler: the channel filter takes several channels, refuses another
// organization's (404) and bad input names its field.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
const calendar = await import("@/app/api/calendar/route");

type Card = { id: string; preview: string; thumb?: string; thread?: number; media?: number; poll?: true; targets: { channelId: string }[] };
let emu: Emulator;
let dataDir: string;
let a: ResolvedContext;
let b: ResolvedContext;
const ch: Record<string, string> = {};
const ids: Record<string, string> = {};
const base = Date.now() + 12 * 86_400_000;
const at = (h: number) => new Date(base + h * 3_600_000);
const range = `from=${at(0).toISOString()}&to=${at(24).toISOString()}`;
const get = async (query: string, as = a) => {
  session.ctx = as;
  return callRoute(calendar.GET, `/api/calendar?${query}`);
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-cal-cards-"));
  process.env.DATA_DIR = dataDir;
  emu = await useEmulator();
  const [oa, ob] = await Promise.all([makeOwner("cards-a"), makeOwner("cards-b")]);
  a = (await resolveOrgContext(oa.userId, oa.organizationId))!;
  b = (await resolveOrgContext(ob.userId, ob.organizationId))!;
  ch.x = await connectEmulated(a, emu, "x", "cards_x");
  ch.masto = await connectEmulated(a, emu, "mastodon", "cards_masto");
  ch.third = await connectEmulated(a, emu, "x", "cards_third");
  ch.theirs = await connectEmulated(b, emu, "x", "cards_theirs");
  const png = bytes.png(3, 3);
  const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(png), c.close()) });
  const image = await saveUpload(a, stream, { fileName: "cover.png", declaredType: "image/png", declaredSize: png.length });
  const long = `Launch day!\n\n   We ship   the calendar today. ${"Long text ".repeat(15)}`;
  ids.thread = (
    await createPost(a, {
      mode: "schedule",
      publishAt: at(1),
      targets: [
        { channelId: ch.x!, items: [{ text: long, media: [{ mediaId: image.id }] }, { text: "two" }, { text: "three" }] },
        { channelId: ch.masto!, items: [{ text: "short on mastodon" }] },
      ],
    })
  ).id;
  ids.poll = (
    await createPost(a, {
      mode: "schedule",
      publishAt: at(2),
      targets: [{ channelId: ch.masto!, items: [{ text: "Which day?", poll: { options: ["Mon", "Tue"], durationMinutes: 60 } }] }],
    })
  ).id;
  ids.third = (
    await createPost(a, { mode: "schedule", publishAt: at(3), targets: [{ channelId: ch.third!, items: [{ text: "plain" }] }] })
  ).id;
  await createPost(b, { mode: "schedule", publishAt: at(1), targets: [{ channelId: ch.theirs!, items: [{ text: "theirs" }] }] });
}, 90_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/calendar cards", () => {
  it("sends a short snippet, the first image, and thread, media and poll marks, only where they apply", async () => {
    const res = await get(range);
    expect(res.status).toBe(200);
    const posts = res.body.posts as Card[];
    expect(posts.map((p) => p.id)).toEqual([ids.thread, ids.poll, ids.third]);
    const [thread, poll, plain] = posts as [Card, Card, Card];
    expect(thread.preview.startsWith("Launch day! We ship the calendar today. Long text")).toBe(true);
    expect(Array.from(thread.preview)).toHaveLength(80);
    expect(thread.preview.endsWith("…")).toBe(true);
    expect(thread).toMatchObject({ thread: 3, media: 1, thumb: expect.any(String) });
    expect(thread.poll).toBeUndefined();
    expect(poll).toMatchObject({ poll: true, preview: "Which day?" });
    expect(poll.thread ?? poll.media ?? poll.thumb).toBeUndefined();
    // A plain post carries none of the optional marks (a month of them stays small).
    expect(Object.keys(plain).sort()).toEqual(["id", "preview", "publishAt", "recurring", "status", "targets"]);
  });

  it("filters by several channels at once", async () => {
    const res = await get(`${range}&channels=${ch.x},${ch.third}`);
    expect(res.status).toBe(200);
    expect((res.body.posts as Card[]).map((p) => p.id)).toEqual([ids.thread, ids.third]);
  });

  it("refuses another organization's channel in the filter (404), and shows neither its posts nor ours to it", async () => {
    expect((await get(`${range}&channels=${ch.x},${ch.theirs}`)).status).toBe(404);
    expect((await get(`${range}&channels=${ch.x}`, b)).status).toBe(404);
    const theirs = await get(range, b);
    expect((theirs.body.posts as Card[]).map((p) => p.preview)).toEqual(["theirs"]);
  });

  it("names the field of bad input", async () => {
    const bad = await get(`from=yesterday&to=${at(24).toISOString()}`);
    expect(bad.status).toBe(422);
    expect((bad.body.fields as Record<string, string>).from).toBeDefined();
    const long = await get(`${range}&channels=${"x".repeat(10_001)}`);
    expect(long.status).toBe(422);
    expect((long.body.fields as Record<string, string>).channels).toMatch(/channels/);
  });
});
