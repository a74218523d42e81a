import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { getBoss, PUBLISH_CHANNEL, publishGroupOf, publishGroups, publishQueue } from "@/lib/queue/boss";
import { allProviders } from "@/providers/registry";
import { claimTarget, ensureSlots, releaseSlot, renewLease, type ClaimedTarget } from "./claim";
import type { Held } from "./outcomes";
import { publishClaimed } from "./publish-target";
import { publishSettings } from "@/lib/config/publishing";
import { anythingDue, nextDueAt, sweepDueTargets } from "./sweep";
import { publishWake } from "@/lib/queue/publish-wake";

// The publishing worker: one dispatcher per publishing group fetches as many jobs as the group
// may run at once and publishes each through claim -> publish -> outcome. It wakes exactly when
// the next post falls due (a timer set from the schedule, reset by NOTIFY from any process and by
// in-process scheduling), so posts go out on time without polling the queue many times a second.

export type PublishingWorker = { id: string; stop: () => Promise<void>; wake: () => void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class GroupDispatcher {
  private active = 0;
  private wakeUp: (() => void) | null = null;
  private stopped = false;
  private loopDone: Promise<void> | null = null;
  private readonly running = new Set<Promise<void>>();
  // Finished jobs are completed in batches: one statement for however many ended meanwhile.
  private finished: string[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly boss: PgBoss,
    private readonly group: string,
    private readonly limit: number,
    private readonly workerId: string,
    private readonly idleMs: number,
  ) {}

  start(): void {
    this.loopDone = this.loop();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.running]);
    await this.flushing;
  }

  // Jobs fetched beyond the free places wait here, so a place that frees up is refilled without a
  // round trip; at most `limit` of them, so other workers still get their share of the queue.
  private backlog: { id: string; data: { targetId: string } }[] = [];

  private async loop(): Promise<void> {
    const queue = publishQueue(this.group);
    while (!this.stopped) {
      while (this.active < this.limit && this.backlog.length) {
        const job = this.backlog.shift()!;
        this.run(queue, job.id, job.data.targetId);
      }
      const room = 2 * this.limit - this.active - this.backlog.length;
      let full = false;
      if (room >= this.limit || (room > 0 && this.active < this.limit)) {
        try {
          const jobs = (await this.boss.fetch<{ targetId: string }>(queue, { batchSize: room })) ?? [];
          full = jobs.length === room;
          this.backlog.push(...jobs);
        } catch (e) {
          if (!this.stopped) console.error(`[worker] fetching ${queue} failed:`, (e as Error).message);
        }
        if (this.backlog.length && this.active < this.limit) continue;
      }
      if (this.stopped) break;
      if (full && this.active < this.limit) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.idleMs);
        this.wakeUp = () => (clearTimeout(t), resolve());
      });
      this.wakeUp = null;
    }
    // Jobs never started go back to the queue at once for another worker.
    const left = this.backlog.splice(0).map((j) => j.id);
    if (left.length) await this.boss.fail(queue, left, { message: "worker stopping" }).catch(() => undefined);
  }

  /** Completes the job in the next batch; the place is free for the next target at once. */
  private complete(queue: string, jobId: string): void {
    this.finished.push(jobId);
    this.flushing ??= new Promise<void>((r) => setTimeout(r, 20)).then(async () => {
      const ids = this.finished;
      this.finished = [];
      this.flushing = null;
      await this.boss
        .complete(queue, ids)
        .catch((e) => console.error(`[worker] completing ${ids.length} job(s) failed:`, (e as Error).message));
    });
  }

  /** One lane: publishes the job's target, then keeps going with the next one it was handed. */
  private run(queue: string, jobId: string, targetId: string): void {
    this.active++;
    const p = this.lane(queue, { jobId, targetId })
      .catch((e) => console.error(`[worker] lane of ${queue} failed:`, (e as Error).message))
      .finally(() => {
        this.active--;
        this.running.delete(p);
        this.wake();
      });
    this.running.add(p);
  }

  private async lane(queue: string, first: { jobId: string; targetId: string }): Promise<void> {
    let current: { jobId: string; targetId: string; claimed?: ClaimedTarget } | undefined = first;
    while (current) {
      let next: { jobId: string; targetId: string; claimed?: ClaimedTarget } | undefined;
      const takeNext = () => {
        if (this.stopped) return undefined;
        const job = this.backlog.shift();
        if (job) next = { jobId: job.id, targetId: job.data.targetId };
        return job?.data.targetId;
      };
      try {
        const handed = await runTarget(current.targetId, this.group, this.limit, this.workerId, () => this.stopped, {
          claimed: current.claimed,
          takeNext,
        });
        this.complete(queue, current.jobId);
        if (next) next.claimed = handed;
      } catch (e) {
        console.error(`[worker] target ${current.targetId} failed unexpectedly:`, e);
        await this.boss.fail(queue, current.jobId, { message: String((e as Error)?.message ?? e) }).catch(() => undefined);
      }
      current = next;
    }
  }
}

/**
 * Claims the target (waiting while its group is full elsewhere), or takes one already claimed for
 * it, and publishes it under a lease. Returns the next target when its place was handed on.
 */
export async function runTarget(
  targetId: string,
  group: string,
  limit: number,
  workerId: string,
  stopping: () => boolean = () => false,
  opts: { claimed?: ClaimedTarget; takeNext?: () => string | undefined } = {},
): Promise<ClaimedTarget | undefined> {
  const { leaseMs } = publishSettings();
  const markOnClaim = safeToMarkOnClaim(group);
  let claimed = opts.claimed;
  for (let wait = 50; !claimed; wait = Math.min(wait * 2, 1000)) {
    const r = await claimTarget(targetId, group, limit, workerId, leaseMs, markOnClaim);
    if ("gone" in r) return undefined;
    if ("claimed" in r) claimed = r.claimed;
    else if (stopping())
      return undefined; // the job stays for the sweep to hand to another worker
    else await sleep(wait * (0.5 + Math.random()));
  }
  let lost = false;
  const held: Held = { target: claimed, workerId, takeNext: opts.takeNext, markOnClaim };
  const beat = setInterval(
    () =>
      void renewLease(targetId, workerId, leaseMs).then(
        (ok) => (lost ||= !ok),
        () => undefined,
      ),
    Math.max(500, leaseMs / 3),
  );
  try {
    await publishClaimed(held, () => lost);
  } finally {
    clearInterval(beat);
    if (!held.slotReleased) await releaseSlot(targetId, workerId).catch(() => undefined); // else its lease frees it
  }
  return held.handedOff;
}

/** Whether every platform of the group can settle a spurious in-flight mark without asking the user. */
const markOnClaimByGroup = new Map<string, boolean>();
function safeToMarkOnClaim(group: string): boolean {
  let safe = markOnClaimByGroup.get(group);
  if (safe === undefined) {
    safe = allProviders()
      .filter((p) => publishGroupOf(p) === group)
      .every((p) => p.publishSafety !== "unconfirmed");
    markOnClaimByGroup.set(group, safe);
  }
  return safe;
}

export async function startPublishingWorker(opts: { url?: string } = {}): Promise<PublishingWorker> {
  const url = opts.url ?? process.env.DATABASE_URL;
  const boss = await getBoss(url);
  const s = publishSettings();
  await ensureSlots(publishGroups());
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const dispatchers = [...publishGroups()].map(([group, limit]) => new GroupDispatcher(boss, group, limit, id, s.idlePollMs));
  const wakeAll = () => dispatchers.forEach((d) => d.wake());
  let stopped = false;

  // Wake-up timer at the next due time; a due time learned from NOTIFY or in-process moves it.
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  const armAt = (at: number) => {
    if (stopped || at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(onTimer, Math.max(0, at - Date.now()) + 10);
  };
  const rearm = async () => {
    const next = await nextDueAt().catch(() => null);
    timerAt = Infinity;
    armAt(Math.min(next?.getTime() ?? Infinity, Date.now() + s.idlePollMs));
  };
  const onTimer = async () => {
    timerAt = Infinity;
    if (await anythingDue().catch(() => false)) wakeAll();
    await rearm();
  };
  const onDue = (at: Date) => (at.getTime() <= Date.now() ? wakeAll() : armAt(at.getTime()));
  publishWake.on("due", onDue);

  // NOTIFY from other processes (not available on the embedded database, where this process is
  // the only one and the in-process signal suffices).
  let listener: pg.Client | undefined;
  if (process.env.EMBEDDED_DATABASE !== "1") {
    listener = new pg.Client({ connectionString: url });
    listener.on("error", () => undefined);
    try {
      await listener.connect();
      listener.on("notification", (m) => m.payload && onDue(new Date(m.payload)));
      await listener.query(`LISTEN ${PUBLISH_CHANNEL}`);
    } catch (e) {
      console.warn("[worker] LISTEN unavailable, relying on the schedule timer:", (e as Error).message);
      listener = undefined;
    }
  }

  const sweep = () =>
    sweepDueTargets({ overdueMs: s.leaseMs }).then(
      (r) => r.enqueued && (console.log(`[worker] sweep queued ${r.enqueued} target(s)`), wakeAll()),
      (e) => console.error("[worker] sweep failed:", (e as Error).message),
    );
  await sweep();
  const sweepTimer = setInterval(sweep, s.sweepMs);
  sweepTimer.unref();
  dispatchers.forEach((d) => d.start());
  await rearm();

  return {
    id,
    wake: wakeAll,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(sweepTimer);
      publishWake.off("due", onDue);
      await listener?.end().catch(() => undefined);
      await Promise.all(dispatchers.map((d) => d.stop()));
    },
  };
}
