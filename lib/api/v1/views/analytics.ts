import { z } from "zod";

// The dashboards' figures as /api/v1 shows them (lib/analytics/overview.ts, channel.ts, post.ts):
// the same objects the Analytics pages draw, declared here so the reference documents them.

const day = z.string().describe("YYYY-MM-DD in the time zone of the answer");
const period = z.object({ from: day, to: day });
const change = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("no-data") }),
    z.object({ kind: z.literal("new") }),
    z.object({ kind: z.literal("same") }),
    z.object({ kind: z.literal("percent"), value: z.number() }),
  ])
  .describe("Versus the previous period of the same length");
const figure = z.object({ current: z.number().nullable(), previous: z.number().nullable(), change });
const badge = z.object({ text: z.string(), colour: z.string() });
const analyticsSupport = z.object({ account: z.boolean(), post: z.boolean() });
const gap = z.object({
  what: z.string(),
  metrics: z.array(z.string()),
  reason: z.string(),
  kind: z.enum(["unavailable", "unknown"]),
  retryAfterMs: z.number().optional(),
});
const collectionState = z.enum(["pending", "queued", "running", "done", "partial", "waiting", "failed"]);
const channelIdentity = {
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  providerName: z.string(),
  picture: z.string().nullable(),
  status: z.string(),
  username: z.string().nullable(),
  instanceUrl: z.string().nullable(),
  badge,
  analytics: analyticsSupport,
};

export const overviewSchema = z.object({
  period,
  previous: period,
  timeZone: z.string(),
  totals: z.array(z.object({ metric: z.string(), label: z.string(), figure })),
  channels: z.array(
    z.object({
      ...channelIdentity,
      figures: z.record(z.string(), figure).describe("followers, impressions, engagements, posts_published"),
      collection: z.object({ state: collectionState.nullable(), retryAt: z.string().nullable(), problems: z.array(z.string()) }),
      missing: z.record(z.string(), z.string()).describe("Why a headline metric has no figure"),
    }),
  ),
  series: z.array(
    z.object({ day, impressions: z.number().nullable(), engagements: z.number().nullable(), posts_published: z.number().int() }),
  ),
});

export const channelAnalyticsSchema = z.object({
  channel: z.object(channelIdentity),
  period,
  previous: period,
  timeZone: z.string(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      label: z.string(),
      kind: z.enum(["level", "flow"]).describe("level: a reading (followers); flow: a daily count (impressions)"),
      figure,
      points: z.array(z.object({ day, value: z.number().nullable().describe("null: no reading that day (never a guessed zero)") })),
    }),
  ),
  postMetrics: z.array(z.string()),
  posts: z.array(
    z.object({
      targetId: z.string(),
      publishedAt: z.iso.datetime(),
      preview: z.string(),
      url: z.string().nullable(),
      collectedOn: z.string().nullable(),
      figures: z.record(z.string(), z.number()),
    }),
  ),
  collection: z
    .object({
      channelId: z.string(),
      state: collectionState,
      step: z.string().nullable(),
      done: z.number(),
      total: z.number(),
      message: z.string().nullable(),
      retryAt: z.string().nullable(),
      succeededAt: z.string().nullable(),
      gaps: z.array(gap),
    })
    .nullable(),
});

export const postAnalyticsSchema = z.object({
  targetId: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  providerName: z.string(),
  publishedAt: z.iso.datetime().nullable(),
  channel: z.object({
    name: z.string(),
    providerName: z.string(),
    username: z.string().nullable().optional(),
    instanceUrl: z.string().nullable().optional(),
    badge,
  }),
  text: z.string(),
  url: z.string().nullable(),
  series: z.array(z.object({ metric: z.string(), label: z.string(), points: z.array(z.object({ day, value: z.number() })) })),
});
