import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, dropFileDatabases, fileDatabase, realPostgresAvailable } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** On real Postgres: the migrated database integration test files clone theirs from (env.ts). */
    templateUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

// One migrated database for the whole run: on real Postgres the template each integration test
// file's own database is cloned from (env.ts); on PGlite the one database every file shares
// (keeping to its own rows, by unique emails), one file at a time.
export default async function setup(project: TestProject) {
  const kind = (await realPostgresAvailable()) ? "postgres" : "pglite";
  if (kind === "pglite" && process.env.CI) {
    throw new Error("CI must run the integration tests on real Postgres, but 127.0.0.1:5432 (database test) is not reachable");
  }
  const database = await createScratchDatabase(kind);
  await migrate(database.url);
  // Nothing may stay connected to a template while it is copied, so the files that share one
  // database (unit tests) get a copy of it rather than the template itself.
  project.provide("templateUrl", database.url);
  project.provide("databaseUrl", kind === "postgres" ? await fileDatabase(database.url) : database.url);
  project.provide("databaseKind", kind);
  console.log(`[tests] integration database: ${kind}`);
  return async () => {
    if (kind === "postgres") await dropFileDatabases(database.url);
    await database.drop();
  };
}
