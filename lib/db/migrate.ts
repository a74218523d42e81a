import "server-only";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// The project's migration runner: plain SQL files under prisma/migrations/<name>/migration.sql,
// applied in name order, each in its own transaction, recorded with a checksum. An advisory lock
// lets several processes start at once; an applied file that was edited afterwards is refused.

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 727_001; // arbitrary, constant: all runners of this app contend for it
const TABLE = "_migrations";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationStatus = { applied: string[]; pending: string[]; modified: string[]; unknown: string[] };

export class MigrationError extends Error {}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksum(sql) };
    });
}

async function appliedRows(client: pg.ClientBase): Promise<Map<string, string>> {
  const exists = await client.query(`SELECT to_regclass('public.${TABLE}') AS t`);
  if (!exists.rows[0]?.t) return new Map();
  const res = await client.query(`SELECT name, checksum FROM ${TABLE} ORDER BY name`);
  return new Map(res.rows.map((r) => [r.name as string, r.checksum as string]));
}

export async function migrationStatus(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const applied = await appliedRows(client);
  const names = new Set(files.map((f) => f.name));
  return {
    applied: files.filter((f) => applied.get(f.name) === f.checksum).map((f) => f.name),
    pending: files.filter((f) => !applied.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => applied.has(f.name) && applied.get(f.name) !== f.checksum).map((f) => f.name),
    unknown: [...applied.keys()].filter((n) => !names.has(n)),
  };
}

export async function migrate(
  connectionString: string,
  opts: { dir?: string; log?: (line: string) => void } = {},
): Promise<{ applied: string[]; skipped: number }> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = await appliedRows(client);
    for (const f of files) {
      const known = applied.get(f.name);
      if (known && known !== f.checksum) {
        throw new MigrationError(
          `Migration ${f.name} was edited after it was applied (checksum ${known.slice(0, 12)}… is now ${f.checksum.slice(0, 12)}…). ` +
            "Applied migrations are immutable: restore the file and add a new migration instead.",
        );
      }
    }
    const done: string[] = [];
    for (const f of files.filter((m) => !applied.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(f.sql);
        await client.query(`INSERT INTO ${TABLE} (name, checksum) VALUES ($1, $2)`, [f.name, f.checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${f.name} failed: ${(e as Error).message}`);
      }
      done.push(f.name);
      log(`applied ${f.name}`);
    }
    return { applied: done, skipped: files.length - done.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
