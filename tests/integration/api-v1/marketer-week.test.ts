import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as analyticsOverviewRoute from "@/app/api/v1/analytics/overview/route";
import * as channelsRoute from "@/app/api/v1/channels/route";
import * as mediaRoute from "@/app/api/v1/media/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as postCancelRoute from "@/app/api/v1/posts/[id]/cancel/route";
import * as postRescheduleRoute from "@/app/api/v1/posts/[id]/reschedule/route";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as postsRoute from "@/app/api/v1/posts/route";
import type { Emulator } from "@/emulator/server";
import { startPublishingWorker, type PublishingWorker } from "@/lib/publishing/worker";
import { makeKey, v1Call, type V1Answer } from "../../helpers/api-v1";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { png } from "../../helpers/media-bytes";
import { ownDatabase, waitFor } from "../../helpers/publishing";

// "A script using only the OpenAPI spec can do a marketer's week": after fetching the document,
// every call is found by its operationId alone (path template, method, parameters), and every
// JSON body is validated against the spec's own schema before it is sent. The route modules are
// reached by the path the spec gives (as Next would route it), never named by the steps.

ownDatabase();

// Route modules by their URL template: the stand-in for Next's router, keyed by the spec's paths.
const ROUTES: Record<string, Record<string, unknown>> = {
  "/api/v1/openapi.json": openApiRoute,
  "/api/v1/channels": channelsRoute,
  "/api/v1/media": mediaRoute,
  "/api/v1/posts": postsRoute,
  "/api/v1/posts/{id}": postRoute,
  "/api/v1/posts/{id}/reschedule": postRescheduleRoute,
  "/api/v1/posts/{id}/cancel": postCancelRoute,
  "/api/v1/analytics/overview": analyticsOverviewRoute,
};

type Json = Record<string, unknown>;
type SpecOp = { path: string; method: string; op: Json };
type Handler = Parameters<typeof v1Call>[0];

let emu: Emulator;
let worker: PublishingWorker;
let dataDir: string;
let key: string;
let spec: Json;
const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore" });

function findOperation(operationId: string): SpecOp {
  for (const [p, methods] of Object.entries(spec.paths as Record<string, Record<string, Json>>))
    for (const [method, op] of Object.entries(methods))
      if (op.operationId === operationId) return { path: p, method: method.toUpperCase(), op };
  throw new Error(`the spec has no operation ${operationId}`);
}

/** Calls an operation by its operationId only, checking path/query parameters and the JSON body against the spec. */
async function call(
  operationId: string,
  input: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    rawBody?: Buffer;
    headers?: Record<string, string>;
  } = {},
): Promise<V1Answer> {
  const { path: template, method, op } = findOperation(operationId);
  const declared = (op.parameters as Json[]).filter((p) => !p.$ref);
  for (const p of declared.filter((d) => d.required)) {
    const bag = p.in === "path" ? input.params : p.in === "query" ? input.query : input.headers;
    const name = String(p.name);
    const present = bag && Object.keys(bag).some((k) => k.toLowerCase() === name.toLowerCase());
    if (!present) throw new Error(`${operationId}: required ${p.in} parameter ${name} missing`);
  }
  for (const name of Object.keys(input.query ?? {}))
    if (!declared.some((p) => p.in === "query" && p.name === name))
      throw new Error(`${operationId}: the spec has no query parameter ${name}`);
  const requestBody = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
  if (input.body !== undefined) {
    const schema = requestBody?.content["application/json"]?.schema;
    if (!schema) throw new Error(`${operationId}: the spec takes no JSON body`);
    if (!ajv.validate(schema, input.body)) throw new Error(`${operationId}: body refused by the spec: ${ajv.errorsText()}`);
  } else if (requestBody?.content["application/json"]) throw new Error(`${operationId}: the spec wants a JSON body`);
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(input.params?.[name] ?? ""));
  const qs = new URLSearchParams(input.query ?? {}).toString();
  const handler = ROUTES[template]?.[method] as Handler | undefined;
  if (!handler) throw new Error(`no route module serves ${method} ${template}`);
  const headers = { ...(input.headers ?? {}) };
  if (method === "POST") headers["idempotency-key"] ??= `week-${operationId}-${Math.random().toString(36).slice(2)}`;
  return v1Call(handler, qs ? `${url}?${qs}` : url, {
    method,
    key,
    params: input.params,
    headers,
    ...(input.rawBody ? { rawBody: input.rawBody as unknown as string } : input.body !== undefined ? { body: input.body } : {}),
  });
}

type Channel = {
  id: string;
  provider: string;
  platform: { maxLength: number; threads: { maxItems: number } | null; media: { maxItems: number } };
};
type Post = {
  id: string;
  status: string;
  publishAt: string | null;
  targets: { id: string; status: string; channel: { id: string }; items: { text: string; media: { mediaId?: string }[] }[] }[];
};

const hour = 3_600_000;
// The coming week starts tomorrow at 09:00 UTC, so nothing scheduled is due while the test runs.
const weekStart = new Date(Math.ceil(Date.now() / (24 * hour)) * 24 * hour + 9 * hour);
const at = (dayOffset: number, h = 0) => new Date(weekStart.getTime() + dayOffset * 24 * hour + h * hour).toISOString();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "postmill-week-"));
  process.env.DATA_DIR = dataDir;
  emu = await useEmulator();
  const owner = await makeOwner("week");
  await connectEmulated(owner, emu, "mastodon", `week_m_${Date.now()}`);
  await connectEmulated(owner, emu, "x", `week_x_${Date.now()}`);
  key = await makeKey(owner);
  worker = await startPublishingWorker();
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await emu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a marketer's week through the OpenAPI document alone", () => {
  it("lists channels, uploads, schedules, edits, pages, publishes and reads analytics", async () => {
    const doc = await v1Call(openApiRoute.GET as Handler, "/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    spec = doc.body;
    expect(spec.openapi).toBe("3.1.0");

    // 1. Channels and their rules.
    const channels = await call("listChannels");
    expect(channels.status).toBe(200);
    const list = channels.body.data as Channel[];
    const masto = list.find((c) => c.provider === "mastodon")!;
    const x = list.find((c) => c.provider === "x")!;
    expect(masto && x).toBeTruthy();
    expect(masto.platform.threads?.maxItems).toBeGreaterThan(1);
    expect(masto.platform.media.maxItems).toBeGreaterThan(0);
    const xMax = x.platform.maxLength;
    expect(xMax).toBeGreaterThan(0);

    // 2. A file for the week.
    const uploaded = await call("uploadMedia", {
      rawBody: Buffer.from(png(64, 48)),
      headers: { "content-type": "image/png", "X-File-Name": "launch.png" },
    });
    expect(uploaded.status).toBe(201);
    const mediaId = uploaded.body.id as string;
    expect(mediaId).toBeTruthy();

    // 3. Five posts over the week, each with per-channel variants (X's text fitted to its limit).
    const variants = (day: number, extra: { thread?: boolean; media?: boolean } = {}) => [
      {
        channelId: masto.id,
        items: [
          { text: `Day ${day}: the long version for Mastodon`, media: extra.media ? [{ mediaId, alt: "Launch banner" }] : [] },
          ...(extra.thread ? [{ text: `Day ${day}: more in the thread` }, { text: `Day ${day}: and the end` }] : []),
        ],
      },
      { channelId: x.id, items: [{ text: `Day ${day} on X`.slice(0, xMax) }] },
    ];
    const scheduled: Post[] = [];
    for (let d = 0; d < 5; d++) {
      const res = await call("createPost", {
        body: { mode: "schedule", publishAt: at(d), targets: variants(d, { thread: d === 1, media: d === 2 }) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const p = res.body as unknown as Post;
      expect(p.status).toBe("scheduled");
      expect(p.publishAt).toBe(at(d));
      scheduled.push(p);
    }
    const mastoTarget = (p: Post) => p.targets.find((t) => t.channel.id === masto.id)!;
    expect(mastoTarget(scheduled[1]!).items.map((i) => i.text)).toHaveLength(3);
    expect(mastoTarget(scheduled[2]!).items[0]!.media[0]!.mediaId).toBe(mediaId);
    expect(scheduled[0]!.targets.find((t) => t.channel.id === x.id)!.items[0]!.text).toBe("Day 0 on X");

    // 4. A draft, then scheduled by an update.
    const draft = await call("createPost", { body: { mode: "draft", targets: variants(5) } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", publishAt: null });
    const draftId = draft.body.id as string;
    const updated = await call("updatePost", {
      params: { id: draftId },
      body: { mode: "schedule", publishAt: at(5, 2), targets: variants(5) },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: draftId, status: "scheduled", publishAt: at(5, 2) });

    // 5. Reschedule one, cancel another.
    const moved = await call("reschedulePost", { params: { id: scheduled[3]!.id }, body: { publishAt: at(6, 3) } });
    expect(moved.status).toBe(200);
    expect(moved.body.publishAt).toBe(at(6, 3));
    const cancelled = await call("cancelPost", { params: { id: scheduled[4]!.id } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelled).toBe(2);
    expect((cancelled.body.post as Post).status).toBe("cancelled");

    // 6. The week, two posts a page, in time order.
    const seen: Post[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { from: at(0, -1), to: at(7), limit: "2", ...(cursor ? { cursor } : {}) };
      const page = await call("listPosts", { query });
      expect(page.status).toBe(200);
      const data = page.body.data as Post[];
      expect(data.length).toBeLessThanOrEqual(2);
      seen.push(...data);
      cursor = page.body.next_cursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((p) => p.id)).toEqual(
      [scheduled[0]!, scheduled[1]!, scheduled[2]!, scheduled[4]!, { id: draftId }, scheduled[3]!].map((p) => p.id),
    );
    expect(seen.map((p) => p.publishAt)).toEqual([at(0), at(1), at(2), at(4), at(5, 2), at(6, 3)]);

    // 7. One post read back.
    const one = await call("getPost", { params: { id: scheduled[1]!.id } });
    expect(one.status).toBe(200);
    expect(mastoTarget(one.body as unknown as Post).items.map((i) => i.text)).toEqual([
      "Day 1: the long version for Mastodon",
      "Day 1: more in the thread",
      "Day 1: and the end",
    ]);

    // 8. Publish one now; the worker sends it to the platforms.
    const now = await call("createPost", { body: { mode: "now", targets: variants(9) } });
    expect(now.status).toBe(201);
    const published = await waitFor("the post to be published", async () => {
      const res = await call("getPost", { params: { id: now.body.id as string } });
      const p = res.body as unknown as Post;
      return p.targets.every((t) => t.status === "published" || t.status === "failed") && p;
    });
    expect(published.targets.map((t) => t.status)).toEqual(["published", "published"]);
    expect(emu.state.posts.filter((p) => p.text === "Day 9 on X")).toHaveLength(1);

    // 9. The analytics overview counts it.
    const overview = await call("getAnalyticsOverview", { query: { range: "7" } });
    expect(overview.status).toBe(200);
    const figures = Object.fromEntries(
      (overview.body.channels as { id: string; figures: Record<string, { current: number | null }> }[]).map((c) => [c.id, c.figures]),
    );
    expect(figures[masto.id]!.posts_published!.current).toBe(1);
    expect(figures[x.id]!.posts_published!.current).toBe(1);
  }, 90_000);

  it("a body the spec refuses never reaches the server", async () => {
    await expect(call("createPost", { body: { mode: "later", targets: [] } })).rejects.toThrow(/body refused by the spec/);
  });
});
