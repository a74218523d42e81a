import "server-only";
import pg from "pg";
import { refreshExpiringChannels } from "@/lib/channels/tokens";
import { evergreenRound } from "@/lib/evergreen/fill";
import { validateChannelTokens, validatingProviders, type ValidationRound } from "@/lib/channels/validate";
import { extendAllSeries } from "@/lib/posts/series-materialize";
import { startFeedPolling } from "@/lib/feeds/poller";

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

const VALIDATE_LOCK_KEY = 727_003;
/** When each platform's tokens were last validated by this process (a process validates at start). */
const lastValidated = new Map<string, number>();

/**
 * Validates the tokens of every platform that declares auth.validateEvery and is due (never
 * validated by this process, or longer ago than its interval), under its own advisory lock.
 */
export async function tokenValidationRound(
  url = process.env.DATABASE_URL,
  now = Date.now(),
): Promise<{ ran: boolean; rounds?: Record<string, ValidationRound> }> {
  const due = validatingProviders().filter(
    ({ provider, everyMs }) => now - (lastValidated.get(provider.identifier) ?? -Infinity) >= everyMs,
  );
  if (!due.length) return { ran: false };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS got", [VALIDATE_LOCK_KEY]);
    if (!rows[0]?.got) return { ran: false };
    try {
      const rounds: Record<string, ValidationRound> = {};
      for (const { provider } of due) {
        lastValidated.set(provider.identifier, now);
        rounds[provider.identifier] = await validateChannelTokens(provider);
      }
      return { ran: true, rounds };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [VALIDATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

const SERIES_LOCK_KEY = 727_004;
/**
 * Extends every recurring series to its horizon. The lock keeps the processes from doing the same
 * work; correctness does not rest on it (see lib/posts/series-materialize.ts).
 */
export async function seriesHorizonRound(url = process.env.DATABASE_URL, now = new Date()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS got", [SERIES_LOCK_KEY]);
    if (!rows[0]?.got) return { ran: false as const };
    try {
      return { ran: true as const, ...(await extendAllSeries(now)) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SERIES_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

let timer: NodeJS.Timeout | undefined;

export function startPeriodicJobs(): void {
  if (timer || !process.env.DATABASE_URL) return;
  const round = () =>
    tokenRefreshRound()
      .then(
        (r) => r.ran && (r.refreshed || r.failed) && console.log(`[tokens] refreshed ${r.refreshed}, failed ${r.failed}`),
        (e) => console.error("[tokens] refresh round failed", e),
      )
      .then(() =>
        tokenValidationRound().then(
          (r) => {
            for (const [id, v] of Object.entries(r.rounds ?? {}))
              if (v.flagged || v.failed) console.log(`[tokens] ${id}: validated ${v.checked}, flagged ${v.flagged}, failed ${v.failed}`);
          },
          (e) => console.error("[tokens] validation round failed", e),
        ),
      )
      .then(() =>
        seriesHorizonRound().then(
          (r) => r.ran && (r.created || r.failed) && console.log(`[series] created ${r.created} occurrences, ${r.failed} series failed`),
          (e) => console.error("[series] horizon round failed", e),
        ),
      )
      // Evergreen re-shares fill free queue slots of the coming week (lib/evergreen/fill.ts).
      .then(() =>
        evergreenRound().then(
          (r) => r.placed && console.log(`[evergreen] queued ${r.placed} re-share(s)`),
          (e) => console.error("[evergreen] round failed", e),
        ),
      );
  timer = setInterval(round, TOKEN_REFRESH_EVERY_MS);
  timer.unref();
  void round();
  startFeedPolling();
}
