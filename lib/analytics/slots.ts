import "server-only";
import { sqlPool } from "@/lib/db/pool";

// A platform's concurrency limit (maxConcurrentJob) for analytics, across every worker process:
// N session advisory locks per publishing group, and a collection runs while holding one of them.
// No one waits on a lock: with every place taken the job is simply rescheduled.

const NAMESPACE = 727_100;

export async function withPlatformSlot<T>(
  group: string,
  limit: number,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const client = await sqlPool().connect();
  let held: number | undefined;
  try {
    for (let slot = 0; slot < Math.max(1, limit) && held === undefined; slot++) {
      const { rows } = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS got`, [
        NAMESPACE,
        `${group}:${slot}`,
      ]);
      if (rows[0]?.got) held = slot;
    }
    if (held === undefined) return { ran: false };
    return { ran: true, value: await fn() };
  } finally {
    if (held !== undefined)
      await client.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [NAMESPACE, `${group}:${held}`]).catch(() => undefined);
    client.release();
  }
}
