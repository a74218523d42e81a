import { expect, inject } from "vitest";
import { fileDatabase } from "./databases";

// The database client reads DATABASE_URL on first use, so this must run before any test queries.
// On real Postgres each integration test file gets a database of its own, cloned from the run's
// migrated one (a template copy: a fraction of a second), so files can run side by side: a
// publishing worker in one file never claims another file's jobs, a periodic round never sweeps
// another file's rows. Unit tests keep to the shared database (they start no workers).
const shared = inject("databaseUrl");
const testPath = expect.getState().testPath ?? "";
process.env.DATABASE_URL =
  inject("databaseKind") === "postgres" && !/[\\/](tests[\\/]unit|lib)[\\/]/.test(testPath)
    ? await fileDatabase(inject("templateUrl"))
    : shared;
process.env.DATABASE_POOL_SIZE ??= "5";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
// Tests talk to local servers (the emulator, scripted platforms); SSRF tests turn this off.
process.env.ALLOW_PRIVATE_NETWORK ??= "1";
