import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

// Test databases: on a real Postgres (this machine and CI: 127.0.0.1:5432, database `test`) each
// run gets fresh databases created beside `test`; without one, in-memory PGlite stands in.
export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export async function realPostgresAvailable(url = ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type ScratchDb = { url: string; kind: "postgres" | "pglite"; drop: () => Promise<void> };

export async function createScratchDatabase(kind: "postgres" | "pglite", prefix = "postmill_t"): Promise<ScratchDb> {
  if (kind === "pglite") {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind, drop: embedded.stop };
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The clones of `templateUrl`'s database made for test files (fileDatabase): `<name>_f_<suffix>`. */
const cloneName = (templateName: string) => `${templateName}_f_${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

/**
 * A database of one test file's own, copied from the run's migrated database (which nothing stays
 * connected to, so Postgres can use it as a template). Dropped with it at the end of the run
 * (dropFileDatabases), not at the end of the file: the file's pools and workers may still be
 * closing then.
 */
export async function fileDatabase(templateUrl: string): Promise<string> {
  const url = new URL(templateUrl);
  const name = cloneName(url.pathname.slice(1));
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Two files starting at once both copy the template; Postgres refuses a copy while another
    // session is connected to it, which a concurrent copy briefly is: retry a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${url.pathname.slice(1)}`);
        break;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops every database fileDatabase made from `templateUrl`'s. */
export async function dropFileDatabases(templateUrl: string): Promise<void> {
  const prefix = `${new URL(templateUrl).pathname.slice(1)}_f_`;
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
