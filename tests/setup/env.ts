import { inject } from "vitest";

// The database client reads DATABASE_URL on first use, so this must run before any test queries.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_SIZE ??= "5";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
// Tests talk to local servers (the emulator, scripted platforms); SSRF tests turn this off.
process.env.ALLOW_PRIVATE_NETWORK ??= "1";
