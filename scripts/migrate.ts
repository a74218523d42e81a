// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL, or to the embedded
// database in the data folder when DATABASE_URL is not set.
import path from "node:path";
import { loadEnvFile } from "./load-env";
import { dataDir } from "@/lib/config/settings";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

async function main(): Promise<void> {
  loadEnvFile();
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dir: path.join(dataDir(), "pglite") });
  try {
    const res = await migrate(process.env.DATABASE_URL ?? embedded!.url, { log: (l) => console.log(l) });
    console.log(`${res.applied.length} applied, ${res.skipped} already up to date`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
