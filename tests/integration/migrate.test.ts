import { cpSync, mkdtempSync, mkdirSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sqlRows } from "../helpers/sql";
import { afterEach, describe, expect, inject, it } from "vitest";
import { migrate, migrationStatus, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { createScratchDatabase, type ScratchDb } from "../setup/databases";

const scratch: ScratchDb[] = [];
async function freshDb() {
  const db = await createScratchDatabase(inject("databaseKind"), "postmill_mig");
  scratch.push(db);
  return db.url;
}
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((d) => d.drop()));
});

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  it("applies every migration in order, records name and checksum, and is idempotent", async () => {
    const url = await freshDb();
    const dir = copyMigrations();
    addMigration(dir, "99990101_0001_a", "CREATE TABLE zz_a (id int);");
    addMigration(dir, "99990101_0002_b", "ALTER TABLE zz_a ADD COLUMN b text;"); // fails unless run after _a

    const first = await migrate(url, { dir });
    expect(first.applied.slice(-2)).toEqual(["99990101_0001_a", "99990101_0002_b"]);
    const rows = await sqlRows<{ name: string; checksum: string }>(url, "SELECT name, checksum FROM _migrations ORDER BY name");
    expect(rows.map((r) => r.name)).toEqual(first.applied);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);

    const second = await migrate(url, { dir });
    expect(second).toEqual({ applied: [], skipped: first.applied.length });
  });

  it("refuses a migration edited after it was applied, and applies nothing", async () => {
    const url = await freshDb();
    const dir = copyMigrations();
    addMigration(dir, "99990101_0001_a", "CREATE TABLE zz_a (id int);");
    await migrate(url, { dir });
    appendFileSync(path.join(dir, "99990101_0001_a", "migration.sql"), "\n-- sneaky edit");
    addMigration(dir, "99990101_0002_b", "CREATE TABLE zz_b (id int);");

    await expect(migrate(url, { dir })).rejects.toThrow(/99990101_0001_a was edited after it was applied/);
    expect(await sqlRows(url, "SELECT to_regclass('zz_b') AS t")).toEqual([{ t: null }]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect(await migrationStatus(client, dir)).toMatchObject({ modified: ["99990101_0001_a"], pending: ["99990101_0002_b"] });
    await client.end();
  });

  it("rolls back a failing migration and does not record it", async () => {
    const url = await freshDb();
    const dir = copyMigrations();
    addMigration(dir, "99990101_0001_bad", "CREATE TABLE zz_half (id int); SELECT * FROM no_such_table;");
    await expect(migrate(url, { dir })).rejects.toThrow(/99990101_0001_bad failed/);
    expect(await sqlRows(url, "SELECT to_regclass('zz_half') AS t")).toEqual([{ t: null }]);
    expect(await sqlRows(url, "SELECT count(*)::int AS n FROM _migrations WHERE name = '99990101_0001_bad'")).toEqual([{ n: 0 }]);
  });

  // PGlite is one session shared by all connections, so advisory locks cannot exclude there; the
  // embedded server is single-process by design (its data folder is locked by PID instead).
  it.skipIf(inject("databaseKind") === "pglite")(
    "lets several processes start at once: the advisory lock applies each migration once",
    async () => {
      const url = await freshDb();
      const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
      const appliedCounts = results.map((r) => r.applied.length).sort();
      expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(results[0]!.applied.length + results[0]!.skipped);
      expect(appliedCounts.filter((n) => n > 0)).toHaveLength(1);
    },
  );
});
