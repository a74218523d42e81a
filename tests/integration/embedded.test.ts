import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
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
  }, 120_000);

  // The web server, the worker and pg-boss share the one embedded backend: one connection's
  // extended-protocol batch (Parse … Sync) or open transaction must never take in another's messages.
  it("keeps each connection's statements and transactions apart under concurrent load", async () => {
    const db = await startEmbeddedPostgres({});
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        return client;
      }),
    );
    const errors: string[] = [];
    const query = async (client: pg.Client, n: number, k: number) => {
      const params = Array.from({ length: n }, (_, j) => j + k);
      const sql = `SELECT ${params.map((_, j) => `$${j + 1}::int`).join(" + ")} AS s`;
      const result = await client.query(sql, params);
      if (result.rows[0]?.s !== params.reduce((a, b) => a + b, 0)) errors.push(`wrong sum for ${n} parameters`);
    };
    try {
      await Promise.all(
        clients.map(async (client, i) => {
          for (let k = 0; k < 30; k++) {
            try {
              if (k % 3 === 0) await client.query("SELECT 1; SELECT 2");
              if (k % 4 === 1) {
                await client.query("BEGIN");
                await query(client, (i % 5) + 1, k);
                await client.query("COMMIT");
              }
              await query(client, (i % 5) + 1, k);
            } catch (e) {
              errors.push((e as Error).message);
            }
          }
        }),
      );
      expect(errors.slice(0, 3)).toEqual([]);

      // A connection that dies inside a transaction and mid-batch leaves the backend to the others.
      const doomed = new pg.Client({ connectionString: db.url });
      doomed.on("error", () => {});
      await doomed.connect();
      await doomed.query("BEGIN");
      await doomed.query("SELECT $1::int AS x", [1]);
      (doomed as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
      const after = await Promise.all(clients.map((client, i) => client.query("SELECT $1::int + 1 AS y", [i])));
      expect(after.map((r) => r.rows[0].y)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await db.stop();
    }
  }, 120_000);

  it("refuses a data folder another live process is serving", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pglite-"));
    writeFileSync(path.join(dir, "server.pid"), String(process.ppid));
    await expect(startEmbeddedPostgres({ dir })).rejects.toThrow(/in use by process/);
  });
});
