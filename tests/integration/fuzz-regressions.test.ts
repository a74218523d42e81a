import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Emulator } from "@/emulator/server";
import { resolveOrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../helpers/channels";
import { useEmulator } from "../helpers/emulator";
import { makeOwner } from "../helpers/factories";

// The inputs a black-box probe of the running app answered with 500 (or saved, then failed on
// every read), each sent through the route handler itself: now a 4xx naming the field, and
// nothing written.
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));

const posts = await import("@/app/api/posts/route");
const post = await import("@/app/api/posts/[id]/route");
const reschedule = await import("@/app/api/posts/[id]/reschedule/route");
const calendar = await import("@/app/api/calendar/route");
const analytics = await import("@/app/api/analytics/route");
const media = await import("@/app/api/media/route");
const mediaItem = await import("@/app/api/media/[id]/route");
const organizations = await import("@/app/api/organizations/route");
const me = await import("@/app/api/me/route");
const fields = await import("@/app/api/integrations/[provider]/fields/route");
const connect = await import("@/app/api/integrations/[provider]/connect/route");
const { switchOrganizationAction } = await import("@/app/(app)/actions");

let emu: Emulator;
let dataDir: string;
let a: ResolvedContext;
let b: ResolvedContext;
let channel: string;
const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const req = (url: string, body?: unknown, method = body === undefined ? "GET" : "POST") =>
  new NextRequest(`http://localhost${url}`, {
    method,
    ...(body !== undefined && {
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json" },
    }),
  });
const future = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
const postBody = (over: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
  mode: "schedule",
  publishAt: future(),
  targets: [{ channelId: channel, items: [{ text: "hello", ...item }] }],
  ...over,
});
async function refusal(res: Response, status = 422): Promise<Record<string, string>> {
  const json = (await res.json()) as { fields?: Record<string, string>; error?: string };
  expect(res.status, json.error).toBe(status);
  return json.fields ?? {};
}
const counts = async () => ({ posts: await a.db.post.count(), targets: await a.db.postTarget.count() });

beforeAll(async () => {
  emu = await useEmulator();
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-fuzz-reg-"));
  process.env.DATA_DIR = dataDir;
  const [oa, ob] = await Promise.all([makeOwner("reg-a"), makeOwner("reg-b")]);
  a = (await resolveOrgContext(oa.userId, oa.organizationId))!;
  b = (await resolveOrgContext(ob.userId, ob.organizationId))!;
  channel = await connectEmulated(a, emu, "mastodon", `reg_${Date.now()}`);
  session.ctx = a;
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("dates outside 2000-2100 are refused, naming the field", () => {
  it("a publishAt in microseconds (year 57000) is not saved", async () => {
    const before = await counts();
    const fields = await refusal(await posts.POST(req("/api/posts", postBody({ publishAt: Date.now() * 1000 })), none));
    expect(fields.publishAt).toBe("must be between 2000-01-01 and 2100-12-31");
    expect(await counts()).toEqual(before);
  });

  it("a reschedule to +275760-09-13 leaves the post as it was, and the post still loads", async () => {
    const created = (await (await posts.POST(req("/api/posts", postBody()), none)).json()) as { post: { id: string; publishAt: string } };
    const res = await reschedule.POST(
      req(`/api/posts/${created.post.id}/reschedule`, { publishAt: "+275760-09-13T00:00:00.000Z" }),
      withId(created.post.id),
    );
    expect((await refusal(res)).publishAt).toMatch(/between 2000-01-01 and 2100-12-31/);
    const loaded = await post.GET(req(`/api/posts/${created.post.id}`), withId(created.post.id));
    expect(loaded.status).toBe(200);
    expect(((await loaded.json()) as { post: { publishAt: string } }).post.publishAt).toBe(created.post.publishAt);
  });

  it("mode now with a past publishAt stores the time it was sent, not the past (nor 1970)", async () => {
    const res = await posts.POST(req("/api/posts", postBody({ mode: "now", publishAt: "2020-01-01T00:00:00Z" })), none);
    expect(res.status).toBe(200);
    const { post: saved } = (await res.json()) as { post: { publishAt: string } };
    expect(Math.abs(Date.parse(saved.publishAt) - Date.now())).toBeLessThan(60_000);
    expect((await refusal(await posts.POST(req("/api/posts", postBody({ mode: "now", publishAt: 0 })), none))).publishAt).toMatch(
      /between 2000/,
    );
  });

  it("calendar, post list and analytics ranges in year 9999 are refused", async () => {
    expect((await refusal(await calendar.GET(req("/api/calendar?from=9999-12-01&to=9999-12-31"), none))).from).toMatch(
      /from must be between 2000-01-01 and 2100-12-31/,
    );
    expect((await refusal(await posts.GET(req("/api/posts?from=2026-01-01&to=+275760-09-13"), none))).to).toMatch(/to must be/);
    expect((await refusal(await analytics.GET(req("/api/analytics?from=9999-12-01&to=9999-12-31"), none))).from).toBe(
      "from must be between 2000-01-01 and 2100-12-31",
    );
  });
});

describe("text no column can hold is refused, naming the field", () => {
  it("a NUL or a lone surrogate in post text, alt text or a poll", async () => {
    const before = await counts();
    const nul = await refusal(await posts.POST(req("/api/posts", postBody({}, { text: "a\u0000b" })), none));
    expect(nul["targets.0.items.0.text"]).toMatch(/NUL/);
    const lone = await refusal(await posts.POST(req("/api/posts", postBody({}, { text: "\ud800" })), none));
    expect(lone["targets.0.items.0.text"]).toMatch(/lone surrogate/);
    const alt = await refusal(
      await posts.POST(req("/api/posts", postBody({}, { media: [{ url: "https://example.com/a.png", alt: "x\u0000" }] })), none),
    );
    expect(alt["targets.0.items.0.media.0.alt"]).toMatch(/NUL/);
    expect(await counts()).toEqual(before);
  });

  it("a media URL with broken percent-encoding", async () => {
    const fields = await refusal(
      await posts.POST(req("/api/posts", postBody({}, { media: [{ url: "https://example.com/%E0%A4%A.png" }] })), none),
    );
    expect(fields["targets.0.items.0.media.0.url"]).toMatch(/broken %-escape/);
  });

  it("names of organizations and people, and media alt text", async () => {
    expect((await refusal(await organizations.POST(req("/api/organizations", { name: "Acme\u0000" }), none))).name).toMatch(/NUL/);
    expect((await refusal(await me.PATCH(req("/api/me", { name: "\udc00", timezone: "UTC" }, "PATCH"), none))).name).toMatch(
      /lone surrogate/,
    );
    const row = await a.db.media.create({
      data: { organizationId: a.organizationId, fileName: "a.png", mimeType: "image/png", size: 1, path: "a.png" },
    });
    expect((await refusal(await mediaItem.PATCH(req(`/api/media/${row.id}`, { alt: "a\u0000" }, "PATCH"), withId(row.id)))).alt).toMatch(
      /NUL/,
    );
    expect((await a.db.media.findUniqueOrThrow({ where: { id: row.id } })).alt).toBeNull();
  });

  it("a NUL in a path segment or anywhere in a JSON body", async () => {
    expect((await refusal(await post.GET(req("/api/posts/a%00"), withId("a\u0000")))).id).toMatch(/NUL/);
    const body = postBody();
    (body.targets[0] as Record<string, unknown>).settings = { visibility: "public\u0000" };
    expect(Object.keys(await refusal(await posts.POST(req("/api/posts", body), none)))).toEqual(["targets.0.settings.visibility"]);
  });
});

describe("other inputs that answered 500", () => {
  it("a media cursor with a far-past date", async () => {
    const cursor = Buffer.from("-271821-04-20T00:00:00.000Z|x").toString("base64url");
    expect((await refusal(await media.GET(req(`/api/media?cursor=${cursor}`), none))).cursor).toBe("is not a cursor this list gave out");
  });

  it("a NUL in the channel a browser route reconnects goes back to the Channels page naming it, not logged as our failure", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await connect.GET(req("/api/integrations/x/connect?channel=%00"), { params: Promise.resolve({ provider: "x" }) });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get("location")!).searchParams.get("error")).toMatch(/^channel: must not contain the NUL/);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("switching to an organization the user is not a member of", async () => {
    expect(await switchOrganizationAction(b.organizationId)).toEqual({
      fields: { organizationId: "you are not a member of that organization" },
    });
    expect(await switchOrganizationAction({ id: 1 })).toMatchObject({ fields: { organizationId: expect.any(String) } });
  });

  it("a Bluesky server of ht!tp://%%% (was a 502 after a connection attempt)", async () => {
    const before = await a.db.integration.count();
    const res = await fields.POST(
      req("/api/integrations/bluesky/fields", {
        values: { service: "ht!tp://%%%", identifier: "a.bsky.social", password: "xxxx-xxxx-xxxx-xxxx" },
      }),
      { params: Promise.resolve({ provider: "bluesky" }) },
    );
    expect((await refusal(res))["values.service"]).toMatch(/^Service has a broken %-escape/);
    const host = await fields.POST(
      req("/api/integrations/bluesky/fields", {
        values: { service: "ht!tp", identifier: "a.bsky.social", password: "xxxx-xxxx-xxxx-xxxx" },
      }),
      { params: Promise.resolve({ provider: "bluesky" }) },
    );
    expect((await refusal(host))["values.service"]).toBe('Service "ht!tp" is not a valid host name');
    expect(await a.db.integration.count()).toBe(before);
  });
});
