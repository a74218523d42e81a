import "server-only";
import pg from "pg";
import { migrationStatus } from "@/lib/db/migrate";

export type Health = {
  status: "ok" | "degraded" | "down";
  app: { version: string; uptimeSeconds: number };
  database: { status: "ok" | "down"; kind: "embedded" | "postgres"; latencyMs?: number; error?: string };
  migrations: { status: "ok" | "pending" | "modified" | "unknown"; applied: number; pending: string[]; modified: string[] };
};

// Reports on the app, its database connection and whether every migration on disk is applied.
export async function checkHealth(url = process.env.DATABASE_URL): Promise<Health> {
  const app = { version: process.env.npm_package_version ?? "0.1.0", uptimeSeconds: Math.round(process.uptime()) };
  const kind = process.env.EMBEDDED_DATABASE ? "embedded" : "postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    const started = performance.now();
    await client.connect();
    await client.query("SELECT 1");
    const latencyMs = Math.round(performance.now() - started);
    const m = await migrationStatus(client);
    const mStatus = m.modified.length ? "modified" : m.pending.length ? "pending" : "ok";
    return {
      status: mStatus === "ok" ? "ok" : "degraded",
      app,
      database: { status: "ok", kind, latencyMs },
      migrations: { status: mStatus, applied: m.applied.length, pending: m.pending, modified: m.modified },
    };
  } catch (e) {
    return {
      status: "down",
      app,
      database: { status: "down", kind, error: (e as Error).message },
      migrations: { status: "unknown", applied: 0, pending: [], modified: [] },
    };
  } finally {
    await client.end().catch(() => {});
  }
}
