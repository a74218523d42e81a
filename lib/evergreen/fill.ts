import pg from "pg";
import type { Tx } from "@/lib/db/client";
import { scopedDb } from "@/lib/db/scoped";
import { ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { prepareTargets, type PreparedTarget } from "@/lib/posts/prepare";
import type { StoredItem } from "@/lib/posts/schemas";
import { scheduleChanged } from "@/lib/queue/publish-wake";
import { isOpen } from "@/lib/schedules/free-slots";
import { lockQueues, placeInQueue, type Placed } from "@/lib/schedules/place";
import { listSchedules } from "@/lib/schedules/store";
import { manifestOf } from "@/providers/manifests";

// The evergreen filler: for each item of an organization's pool that is due (never re-shared, or
// last placed at least its minimum gap ago), a new post copying its content goes into the next
// free queue slot of each of its channels within the coming week. Each re-share is its own post
// (own status, own analytics), marked queued and with evergreen_of pointing at the item.
// Skipped, and said so on the item (lastSkip): a paused or slot-less channel, content that no
// longer passes the platform's rules, and a channel where the same text went out (or is due)
// within the platform's duplicate window, which platforms refuse as a duplicate.

/** How far ahead evergreen fills free slots; later slots are left for posts the team writes. */
export const EVERGREEN_WINDOW_DAYS = 7;
/** Days a platform may refuse the same text as a duplicate, when its manifest does not say. */
export const DEFAULT_DUPLICATE_WINDOW_DAYS = 30;
const LEAD_MS = 60_000;
const DAY = 86_400_000;

type Ctx = Pick<OrgContext, "organizationId" | "db">;
export type FillResult = { placed: (Placed & { itemId: string })[]; skipped: { itemId: string; reason: string }[] };

const asInput = (items: StoredItem[]) =>
  items.map((i) => ({
    text: i.text,
    poll: i.poll,
    linkCard: i.linkCard,
    media: i.media.map((m) => (m.mediaId ? { mediaId: m.mediaId, alt: m.alt } : { url: m.url, alt: m.alt })),
  }));

async function isDuplicate(tx: Tx, organizationId: string, t: PreparedTarget, after: Date): Promise<number | null> {
  const days = manifestOf(t.provider)?.duplicateWindowDays ?? DEFAULT_DUPLICATE_WINDOW_DAYS;
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM post_targets
    WHERE organization_id = ${organizationId} AND integration_id = ${t.channelId}
      AND status IN ('scheduled', 'publishing', 'published', 'unconfirmed')
      AND items -> 0 ->> 'text' = ${t.items[0]?.text ?? ""}
      AND coalesce(published_at, due_at) > ${new Date(after.getTime() - days * DAY)}`;
  return rows[0]!.n > 0 ? days : null;
}

/** One pass over one organization's pool. */
export async function fillEvergreen(ctx: Ctx, now = new Date(), windowDays = EVERGREEN_WINDOW_DAYS): Promise<FillResult> {
  const out: FillResult = { placed: [], skipped: [] };
  const before = new Date(now.getTime() + windowDays * DAY);
  const items = await ctx.db.evergreenItem.findMany({
    orderBy: [{ lastQueuedFor: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
  });
  for (const item of items) {
    const after = new Date(Math.max(now.getTime() + LEAD_MS, (item.lastQueuedFor?.getTime() ?? 0) + item.minGapDays * DAY));
    if (after >= before) continue; // not due within the window: nothing to say
    const sources = await ctx.db.postTarget.findMany({
      where: { postId: item.postId, status: { in: ["draft", "published"] } },
      include: { integration: { select: { name: true } } },
    });
    const schedules = new Map(
      (
        await listSchedules(
          ctx as OrgContext,
          sources.map((s) => s.integrationId),
        )
      ).map((s) => [s.channelId, s]),
    );
    const open = sources.filter((s) => isOpen(schedules.get(s.integrationId)));
    const reasons: string[] = sources
      .filter((s) => !open.includes(s))
      .map((s) => `${s.integration.name}: ${schedules.get(s.integrationId)?.paused ? "queue paused" : "no posting slots"}`);
    let prepared: PreparedTarget[] = [];
    if (open.length) {
      try {
        const targets = open.map((s) => ({
          channelId: s.integrationId,
          items: asInput(s.items as StoredItem[]),
          settings: (s.settings ?? {}) as Record<string, unknown>,
        }));
        prepared = await prepareTargets(ctx as OrgContext, { mode: "schedule", publishAt: undefined, targets }, now);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        reasons.push(`the content no longer passes the platforms' rules (${e.message})`);
      }
    }
    const placed: Placed[] = [];
    if (prepared.length) {
      await ctx.db.$transaction(async (tx) => {
        await lockQueues(
          tx as Tx,
          prepared.map((p) => p.channelId),
        );
        for (const target of prepared) {
          const name = open.find((s) => s.integrationId === target.channelId)!.integration.name;
          const dup = await isDuplicate(tx as Tx, ctx.organizationId, target, after);
          if (dup) {
            reasons.push(`${name}: the same text is on this channel within ${dup} days (a duplicate the platform may refuse)`);
            continue;
          }
          const spot = await placeInQueue(tx as Tx, {
            organizationId: ctx.organizationId,
            userId: item.createdById,
            target,
            schedule: schedules.get(target.channelId)!,
            after,
            before,
            evergreenOf: item.id,
          });
          if (spot) placed.push(spot);
          else reasons.push(`${name}: no free slot in the next ${windowDays} days`);
        }
        const last = placed.reduce<Date | null>((m, p) => (!m || p.at > m ? p.at : m), null);
        await tx.evergreenItem.update({
          where: { id: item.id },
          data: {
            lastSkip: reasons.length ? reasons.join("; ").slice(0, 2000) : null,
            ...(last ? { lastQueuedFor: last, shareCount: { increment: 1 } } : {}),
          },
        });
      });
    } else {
      await ctx.db.evergreenItem.update({ where: { id: item.id }, data: { lastSkip: reasons.join("; ").slice(0, 2000) || null } });
    }
    out.placed.push(...placed.map((p) => ({ ...p, itemId: item.id })));
    if (reasons.length) out.skipped.push({ itemId: item.id, reason: reasons.join("; ") });
  }
  for (const p of out.placed) scheduleChanged(p.at);
  return out;
}

const LOCK_KEY = 727_011;

/** The periodic round (lib/jobs/periodic.ts): every organization with a pool, one process at a time. */
export async function evergreenRound(url = process.env.DATABASE_URL, now = new Date()): Promise<{ ran: boolean; placed?: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS got", [LOCK_KEY]);
    if (!rows[0]?.got) return { ran: false };
    try {
      const orgs = await client.query<{ organization_id: string }>("SELECT DISTINCT organization_id FROM evergreen_items");
      let placed = 0;
      for (const { organization_id } of orgs.rows) {
        try {
          placed += (await fillEvergreen({ organizationId: organization_id, db: scopedDb(organization_id) }, now)).placed.length;
        } catch (e) {
          console.error(`[evergreen] organization ${organization_id}: fill failed`, e);
        }
      }
      return { ran: true, placed };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
