import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/emulator/server";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { createPost } from "@/lib/posts/operations";
import { stopBoss } from "@/lib/queue/boss";
import { callRoute } from "../helpers/api-call";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// POST /api/posts/bulk through the route handler against a real database: several posts moved by
// an offset or to a day (all or none), deleted, failed channels retried; another organization's
// post is a 404 and changes nothing; bad input is a 422 naming its field.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
const bulk = await import("@/app/api/posts/bulk/route");

let emu: Emulator;
let a: ResolvedContext;
let b: ResolvedContext;
let chA: string;
let chB: string;
const DAY = 86_400_000;
const base = new Date(Math.ceil((Date.now() + 20 * DAY) / 3_600_000) * 3_600_000);
const post = async (ctx: ResolvedContext, channelId: string, at: Date, text = "bulk") =>
  (await createPost(ctx, { mode: "schedule", publishAt: at, targets: [{ channelId, items: [{ text }] }] })).id;
const call = (body: unknown, as = a) => {
  session.ctx = as;
  return callRoute(bulk.POST, "/api/posts/bulk", { method: "POST", body });
};
const timeOf = async (id: string) => (await a.db.post.findUnique({ where: { id } }))?.publishAt?.toISOString();

beforeAll(async () => {
  emu = await useEmulator();
  const [oa, ob] = await Promise.all([makeOwner("bulk-a"), makeOwner("bulk-b")]);
  a = (await resolveOrgContext(oa.userId, oa.organizationId))!;
  b = (await resolveOrgContext(ob.userId, ob.organizationId))!;
  chA = await connectEmulated(a, emu, "x", "bulk_a");
  chB = await connectEmulated(b, emu, "x", "bulk_b");
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("POST /api/posts/bulk", () => {
  it("moves several posts by an offset, their jobs with them", async () => {
    const ids = [await post(a, chA, base), await post(a, chA, new Date(base.getTime() + 3_600_000))];
    const res = await call({ action: "reschedule", ids, shiftMinutes: 24 * 60 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toMatchObject({ changed: 2 });
    expect(await timeOf(ids[0]!)).toBe(new Date(base.getTime() + DAY).toISOString());
    expect(await timeOf(ids[1]!)).toBe(new Date(base.getTime() + DAY + 3_600_000).toISOString());
    const targets = await a.db.postTarget.findMany({ where: { postId: { in: ids } } });
    // Each channel is due at its post's new time (the worker reads dueAt).
    expect(targets.map((t) => t.dueAt?.toISOString()).sort()).toEqual([await timeOf(ids[0]!), await timeOf(ids[1]!)].sort());
  });

  it("moves posts to a day, keeping each one's time of day in the given zone", async () => {
    const id = await post(a, chA, new Date("2027-03-10T14:30:00Z")); // 09:30 in New York (EST)
    const res = await call({ action: "reschedule", ids: [id], date: "2027-03-20", timeZone: "America/New_York" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await timeOf(id)).toBe("2027-03-20T13:30:00.000Z"); // 09:30 EDT
  });

  it("moves all or none: one post that would land in the past leaves every post where it was", async () => {
    const soon = await post(a, chA, new Date(Date.now() + 2 * 3_600_000));
    const later = await post(a, chA, new Date(base.getTime() + 5 * DAY));
    const before = [await timeOf(soon), await timeOf(later)];
    const res = await call({ action: "reschedule", ids: [later, soon], shiftMinutes: -6 * 60 });
    expect(res.status).toBe(422);
    expect((res.body.fields as Record<string, string>).shiftMinutes).toMatch(/past/);
    expect([await timeOf(soon), await timeOf(later)]).toEqual(before);
  });

  it("refuses another organization's post with a 404 and changes nothing, for every action", async () => {
    const mine = await post(a, chA, new Date(base.getTime() + 7 * DAY));
    const theirs = await post(b, chB, new Date(base.getTime() + 7 * DAY), "theirs");
    const before = await timeOf(mine);
    for (const body of [
      { action: "reschedule", ids: [mine, theirs], shiftMinutes: 60 },
      { action: "delete", ids: [mine, theirs] },
      { action: "retry", ids: [theirs] },
    ]) {
      const res = await call(body);
      expect(res.status, body.action).toBe(404);
    }
    expect(await timeOf(mine)).toBe(before);
    expect(await b.db.post.count({ where: { id: theirs } })).toBe(1);
  });

  it("deletes several posts in one go", async () => {
    const ids = [await post(a, chA, new Date(base.getTime() + 8 * DAY)), await post(a, chA, new Date(base.getTime() + 9 * DAY))];
    const res = await call({ action: "delete", ids });
    expect(res.status).toBe(200);
    expect(await a.db.post.count({ where: { id: { in: ids } } })).toBe(0);
  });

  it("retries the failed channels of the picked posts, and says when there is none", async () => {
    const id = await post(a, chA, new Date(base.getTime() + 10 * DAY));
    expect((await call({ action: "retry", ids: [id] })).status).toBe(409);
    await a.db.postTarget.updateMany({ where: { postId: id }, data: { status: "failed", errorMessage: "boom", dueAt: null, jobId: null } });
    const res = await call({ action: "retry", ids: [id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toMatchObject({ changed: 1 });
    expect((await a.db.postTarget.findFirst({ where: { postId: id } }))?.status).toBe("scheduled");
  });

  it("answers bad input with a 422 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ action: "archive", ids: ["x"] }, "action"],
      [{ action: "delete", ids: [] }, "ids"],
      [{ action: "delete", ids: Array.from({ length: 201 }, (_, i) => `p${i}`) }, "ids"],
      [{ action: "reschedule", ids: ["x"] }, "shiftMinutes"],
      [{ action: "reschedule", ids: ["x"], shiftMinutes: 1.5 }, "shiftMinutes"],
      [{ action: "reschedule", ids: ["x"], date: "20-03-2027", timeZone: "UTC" }, "date"],
      [{ action: "reschedule", ids: ["x"], date: "2027-03-20", timeZone: "Mars/Olympus" }, "timeZone"],
    ];
    for (const [body, field] of cases) {
      const res = await call(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.fields as Record<string, string>), JSON.stringify(body)).toContain(field);
    }
  });
});
