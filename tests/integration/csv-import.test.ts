import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { checkCsv } from "@/lib/imports/check";
import { importCsv } from "@/lib/imports/write";
import { NextRequest } from "next/server";
import { POST as importRoute } from "@/app/api/posts/import/route";
import { GET as templateRoute } from "@/app/api/posts/import/template/route";
import { resolveOrgContext, type OrgContext, type ResolvedContext } from "@/lib/orgs/context";
import { calendarPosts } from "@/lib/posts/calendar";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { makeOwner } from "../helpers/factories";

// The CSV import on a real Postgres: the preview names problems by row and column and writes
// nothing; an import is all or nothing (refused whole while a chosen row has a problem, rolled
// back whole when the write fails), imports only the clean rows when asked, and never reaches
// another organization's channels.

const failWrite = vi.hoisted(() => ({ on: false }));
const session = vi.hoisted(() => ({ ctx: null as ResolvedContext | null }));
vi.mock("@/lib/auth/current", () => ({ ACTIVE_ORG_COOKIE: "postmill-org", currentContext: async () => session.ctx }));
vi.mock("@/lib/queue/boss", async (orig) => {
  const real = await orig<typeof import("@/lib/queue/boss")>();
  return {
    ...real,
    // The jobs are enqueued inside the transaction; failing just after proves they roll back with the rows.
    enqueueTargets: async (...args: Parameters<typeof real.enqueueTargets>) => {
      const ids = await real.enqueueTargets(...args);
      if (failWrite.on) throw new Error("the database went away mid-import");
      return ids;
    },
  };
});

let a: OrgContext;
let b: OrgContext;
const ch: Record<string, string> = {};
const soon = () => new Date(Date.now() + 5 * 60_000).toISOString();
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function channel(ctx: OrgContext, provider: string, name: string, username: string): Promise<string> {
  const row = await ctx.db.integration.create({
    data: { organizationId: ctx.organizationId, provider, internalId: `${provider}-${username}`, name, username, status: "active" },
  });
  return row.id;
}

const counts = async (ctx: OrgContext) => ({
  posts: await ctx.db.post.count(),
  targets: await ctx.db.postTarget.count(),
  jobs: Number(
    (
      await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM pgboss.job j WHERE j.name LIKE 'publish.%' AND j.data->>'targetId' IN (SELECT id FROM post_targets WHERE organization_id = $1)`,
        ctx.organizationId,
      )
    )[0]!.n,
  ),
});

beforeAll(async () => {
  await getBoss();
  a = await makeOwner("csv-a");
  b = await makeOwner("csv-b");
  ch.x = await channel(a, "x", "Acme", "acme_x");
  ch.masto = await channel(a, "mastodon", "Acme Social", "acme_social");
  ch.dev = await channel(a, "devto", "Acme Dev", "acme_dev");
  ch.foreign = await channel(b, "x", "Theirs", "theirs_x");
}, 60_000);
afterAll(async () => {
  await stopBoss();
});

const header = "date,channels,text,text:x,setting:devto:title,mode";
const goodRow = (date: string, text = "A good post") => `${date},acme_x|Acme Social,${text},,,`;

describe("CSV import", () => {
  it("previews every row with the composer's rules, naming row and column, and writes nothing", async () => {
    const before = await counts(a);
    const csv = [
      header,
      goodRow(later(2)),
      `${later(2)},acme_x,short,${"x".repeat(281)},,`,
      `${later(2)},nobody|${ch.foreign},hello,,,`,
      `yesterday-ish,acme_x,hello,,,`,
      `${later(3)},Acme Dev,"An article",,,`,
      `2020-01-01T09:00:00Z,acme_x,too late,,,`,
    ].join("\n");
    const checked = await checkCsv(a, csv, { timeZone: "UTC" });
    const errors = checked.flatMap((c) => c.errors.map((e) => [e.row, e.column, e.message]));
    expect(errors).toEqual([
      [3, "text:x", expect.stringMatching(/Acme \(X, @acme_x\): 281 of 280 characters used; shorten by 1/)],
      [4, "channels", expect.stringMatching(/no channel "nobody"/)],
      [4, "channels", expect.stringMatching(new RegExp(`no channel "${ch.foreign}" in this organization`))],
      [5, "date", expect.stringMatching(/"yesterday-ish" is not a date and time/)],
      [6, "setting:devto:title", expect.stringMatching(/Acme Dev \(DEV.*title is required/i)],
      [7, "date", expect.stringMatching(/pick a time in the future/)],
    ]);
    expect(checked.find((c) => c.row === 2)!.prepared).toHaveLength(2);
    expect(await counts(a)).toEqual(before);
  });

  it("refuses the whole file while a row has a problem, then imports the fixed file with its jobs", async () => {
    const before = await counts(a);
    const bad = [header, goodRow(soon()), `${later(2)},acme_x,fine,${"y".repeat(300)},,`].join("\n");
    const refusal = await importCsv(a, bad, { timeZone: "UTC", rows: "all" }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).status).toBe(422);
    expect(Object.keys((refusal as ValidationError).fields)).toEqual(["row 3, text:x"]);
    expect(await counts(a)).toEqual(before);

    const fixed = bad.replace("y".repeat(300), "Now short enough");
    const result = await importCsv(a, fixed, { timeZone: "UTC", rows: "all" });
    expect(result).toMatchObject({ imported: 2, skipped: 0 });
    const after = await counts(a);
    expect(after.posts - before.posts).toBe(2);
    expect(after.targets - before.targets).toBe(3);
    // Only the row due within the enqueue horizon has its jobs now (two channels); the other waits for the sweep.
    expect(after.jobs - before.jobs).toBe(2);
    const targets = await a.db.postTarget.findMany({ where: { postId: { in: result.postIds } }, orderBy: { dueAt: "asc" } });
    expect(targets.every((t) => t.status === "scheduled" && t.organizationId === a.organizationId)).toBe(true);
    expect(targets.filter((t) => t.jobId).length).toBe(2);
    const xTarget = targets.find((t) => t.integrationId === ch.x && t.postId === result.postIds[1])!;
    expect((xTarget.items as { text: string }[])[0]!.text).toBe("Now short enough");
    const onCalendar = await calendarPosts(a, { from: new Date(Date.now()), to: new Date(Date.now() + 3 * 86_400_000) });
    expect(onCalendar.map((p) => p.id)).toEqual(expect.arrayContaining(result.postIds));
  });

  it("imports only the clean rows when asked, and drafts without a date", async () => {
    const before = await counts(a);
    const csv = [header, goodRow(later(4), "kept"), `${later(4)},nobody,dropped,,,`, `,acme_x,a draft,,,draft`].join("\r\n");
    const result = await importCsv(a, csv, { timeZone: "UTC", rows: "clean" });
    expect(result).toMatchObject({ imported: 2, skipped: 1 });
    const after = await counts(a);
    expect(after.posts - before.posts).toBe(2);
    const draft = await a.db.postTarget.findFirst({ where: { postId: { in: result.postIds }, status: "draft" } });
    expect(draft).toMatchObject({ dueAt: null, jobId: null, integrationId: ch.x });
  });

  it("refuses a header problem whatever was chosen, and a file whose rows all fail", async () => {
    const header = await importCsv(a, `date,channels,body\n${later(2)},acme_x,hi\n`, { timeZone: "UTC", rows: "clean" }).catch((e) => e);
    expect((header as ValidationError).fields).toEqual({
      "row 1, body": expect.stringMatching(/not a column this import knows/),
      "row 1, text": expect.stringMatching(/is missing/),
    });
    const none = await importCsv(a, `date,channels,text\n${later(2)},nobody,hi\n`, { timeZone: "UTC", rows: "clean" }).catch((e) => e);
    expect(none).toMatchObject({ status: 422, message: expect.stringMatching(/No row of the file can be imported/) });
  });

  it("is all or nothing: a failure inside the transaction leaves no post, target or job behind", async () => {
    const before = await counts(a);
    failWrite.on = true;
    try {
      const csv = [header, goodRow(soon()), goodRow(soon(), "another")].join("\n");
      await expect(importCsv(a, csv, { timeZone: "UTC", rows: "all" })).rejects.toThrow(/went away/);
    } finally {
      failWrite.on = false;
    }
    expect(await counts(a)).toEqual(before);
  });

  it("never reaches another organization's channels, by id or by name", async () => {
    const before = await counts(b);
    const csv = `date,channels,text\n${later(2)},${ch.x},from b\n${later(2)},Acme,from b\n`;
    const checked = await checkCsv(b, csv, { timeZone: "UTC" });
    expect(checked.map((c) => c.errors.map((e) => e.column))).toEqual([["channels"], ["channels"]]);
    await expect(importCsv(b, csv, { timeZone: "UTC", rows: "clean" })).rejects.toMatchObject({ status: 422 });
    expect(await counts(b)).toEqual(before);
  });

  it("answers over HTTP: a preview report, a 422 naming row and column, a clear refusal of a file too big, and the template", async () => {
    session.ctx = await resolveOrgContext(a.userId, a.organizationId);
    const call = (body: unknown) =>
      importRoute(
        new NextRequest("http://localhost/api/posts/import", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        }),
        { params: Promise.resolve({}) },
      );
    const csv = `date,channels,text\n${later(2)},acme_x,fine\n${later(2)},acme_x,${"z".repeat(290)}\n`;
    const preview = await call({ csv, action: "preview" });
    expect(preview.status).toBe(200);
    const { report } = await preview.json();
    expect(report).toMatchObject({ total: 2, clean: 1, errors: [{ row: 3, column: "text" }] });
    const refused = await call({ csv, action: "import" });
    expect(refused.status).toBe(422);
    expect((await refused.json()).fields).toEqual({ "row 3, text": expect.stringMatching(/290 of 280 characters/) });
    const big = await call({ csv: "date,channels,text\n" + "x".repeat(5 * 1024 * 1024), action: "preview" });
    expect(big.status).toBe(422);
    expect((await big.json()).fields.csv).toMatch(/larger than 5 MB/);
    expect((await call({ csv: 3, action: "import" })).status).toBe(422);
    const template = await templateRoute(new NextRequest("http://localhost/api/posts/import/template"), { params: Promise.resolve({}) });
    expect(template.headers.get("content-disposition")).toMatch(/attachment/);
    const bytes = Buffer.from(await template.arrayBuffer());
    // A byte-order mark, so spreadsheets read the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("date,timezone,channels,mode,text,media,text:devto,text:mastodon,text:x,setting:devto:title");
    expect(lines.slice(1, 4).map((l) => l.split(",")[2])).toEqual(["devto:acme_dev", "mastodon:acme_social", "x:acme_x"]);
    session.ctx = null;
  });
});
