import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "@/emulator/server";
import { POST as importPosts } from "@/app/api/v1/posts/import/route";
import { stopBoss } from "@/lib/queue/boss";
import { connectEmulated } from "../../helpers/channels";
import { useEmulator } from "../../helpers/emulator";
import { makeOwner } from "../../helpers/factories";
import { makeKey, v1Call } from "../../helpers/api-v1";

// The CSV import through /api/v1: the same checks and the same one-transaction write as the page,
// problems named by row and column, and the publish scope needed to write scheduled rows.

let emu: Emulator;
let a: Awaited<ReturnType<typeof makeOwner>>;
let masto: string;
let key: string;
let writeOnly: string;
const when = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  emu = await useEmulator();
  a = await makeOwner("v1import");
  masto = await connectEmulated(a, emu, "mastodon", `v1import_${Date.now()}`);
  key = await makeKey(a);
  writeOnly = await makeKey(a, ["read", "write"]);
}, 60_000);
afterAll(async () => {
  await stopBoss();
  await emu?.stop();
});

describe("POST /api/v1/posts/import", () => {
  const file = (rows: string[]) => ["date,channels,text", ...rows].join("\n");
  const send = (body: unknown, k = key) => v1Call(importPosts, "/api/v1/posts/import", { method: "POST", key: k, body });

  it("previews problems by row and column, then imports the fixed file", async () => {
    const bad = file([`${when(2)},${masto},first`, `not a date,${masto},second`, `${when(3)},nobody,third`]);
    const preview = await send({ csv: bad, action: "preview" });
    expect(preview.status).toBe(200);
    const report = preview.body.report as { total: number; clean: number; errors: { row: number; column: string }[] };
    expect(report).toMatchObject({ total: 3, clean: 1 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "date"],
      [4, "channels"],
    ]);

    const refused = await send({ csv: bad, action: "import" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^row 3/), expect.stringMatching(/^row 4/)]),
    );
    expect(await a.db.post.count()).toBe(0);

    const fixed = await send({ csv: file([`${when(2)},${masto},first`, `${when(4)},${masto},second`]), action: "import" });
    expect(fixed.status).toBe(200);
    expect(fixed.body.result).toMatchObject({ imported: 2, skipped: 0 });
    const targets = await a.db.postTarget.findMany({ where: { postId: { in: (fixed.body.result as { postIds: string[] }).postIds } } });
    expect(targets.map((t) => t.status)).toEqual(["scheduled", "scheduled"]);
  });

  it("needs the publish scope to import, not to preview", async () => {
    const csv = file([`${when(5)},${masto},scoped`]);
    expect((await send({ csv, action: "preview" }, writeOnly)).status).toBe(200);
    const res = await send({ csv, action: "import" }, writeOnly);
    expect(res.status).toBe(403);
    expect(String(res.body.detail)).toMatch(/"publish" scope/);
  });
});
