import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, realPostgresAvailable } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

// One migrated database for the whole run; test files keep to their own rows (unique emails).
export default async function setup(project: TestProject) {
  const kind = (await realPostgresAvailable()) ? "postgres" : "pglite";
  if (kind === "pglite" && process.env.CI) {
    throw new Error("CI must run the integration tests on real Postgres, but 127.0.0.1:5432 (database test) is not reachable");
  }
  const database = await createScratchDatabase(kind);
  await migrate(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", kind);
  console.log(`[tests] integration database: ${kind}`);
  return () => database.drop();
}
