import "server-only";
import pg from "pg";
import { refreshExpiringChannels } from "@/lib/channels/tokens";

// Housekeeping that runs inside every app process on a timer. A session-level advisory lock
// makes one process at a time do each round, however many are running.
const LOCK_KEY = 727_002;
export const TOKEN_REFRESH_EVERY_MS = 5 * 60_000;

export async function tokenRefreshRound(url = process.env.DATABASE_URL): Promise<{ ran: boolean; refreshed?: number; failed?: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS got", [LOCK_KEY]);
    if (!rows[0]?.got) return { ran: false };
    try {
      return { ran: true, ...(await refreshExpiringChannels()) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

let timer: NodeJS.Timeout | undefined;

export function startPeriodicJobs(): void {
  if (timer || !process.env.DATABASE_URL) return;
  const round = () =>
    tokenRefreshRound().then(
      (r) => r.ran && (r.refreshed || r.failed) && console.log(`[tokens] refreshed ${r.refreshed}, failed ${r.failed}`),
      (e) => console.error("[tokens] refresh round failed", e),
    );
  timer = setInterval(round, TOKEN_REFRESH_EVERY_MS);
  timer.unref();
  void round();
}
