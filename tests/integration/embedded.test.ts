import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sqlRows } from "../helpers/sql";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

describe("embedded PGlite database", () => {
  it("migrates, keeps data across a restart, and serves several connections", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pglite-"));
    const first = await startEmbeddedPostgres({ dir });
    await migrate(first.url);
    await sqlRows(first.url, "INSERT INTO organizations (id, name, updated_at) VALUES ('o1', 'Kept', now())");
    const parallel = await Promise.all([1, 2, 3].map(() => sqlRows(first.url, "SELECT count(*)::int AS n FROM organizations")));
    expect(parallel.map((r) => r[0]?.n)).toEqual([1, 1, 1]);
    await first.stop();

    const second = await startEmbeddedPostgres({ dir });
    expect(await sqlRows(second.url, "SELECT name FROM organizations")).toEqual([{ name: "Kept" }]);
    expect((await migrate(second.url)).applied).toEqual([]);
    await second.stop();
  });

  it("refuses a data folder another live process is serving", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pglite-"));
    writeFileSync(path.join(dir, "server.pid"), String(process.ppid));
    await expect(startEmbeddedPostgres({ dir })).rejects.toThrow(/in use by process/);
  });
});
