import { z } from "zod";
import { periodQuery } from "@/lib/analytics/periods";
import { idText } from "@/lib/validation";
import { defineOperation } from "../operation";
import { channelAnalyticsSchema, overviewSchema, postAnalyticsSchema } from "../views/analytics";

// Declarations of the analytics operations (handlers: app/api/v1/analytics/**/route.ts). Days are
// counted in the time zone of the member who created the key (their profile's, else UTC).

const PERIOD =
  "The period: range=7|30|90 (the last days, today included; 30 by default) or range=custom (or no range) with from and to (YYYY-MM-DD, at most 731 days).";

export const analyticsOverviewOp = defineOperation({
  id: "getAnalyticsOverview",
  method: "GET",
  path: "/api/v1/analytics/overview",
  scope: "read",
  summary: "Every channel's headline figures and the daily series",
  description: `Followers, impressions and engagements (as collected from the platforms) and posts published (our records), each with its change versus the previous period; the organization's totals and daily series. ${PERIOD}`,
  tags: ["Analytics"],
  query: periodQuery,
  response: overviewSchema,
});

export const channelAnalyticsOp = defineOperation({
  id: "getChannelAnalytics",
  method: "GET",
  path: "/api/v1/analytics/channels/{id}",
  scope: "read",
  summary: "One channel's metric series and its posts' latest figures",
  description: `Every metric the channel has, day by day (null where there was no reading), with its figure; and the posts it published in the period with their latest counters. ${PERIOD}`,
  tags: ["Analytics"],
  params: z.object({ id: idText("id must be a channel id") }),
  query: periodQuery,
  response: channelAnalyticsSchema,
});

export const postAnalyticsOp = defineOperation({
  id: "getPostAnalytics",
  method: "GET",
  path: "/api/v1/analytics/posts/{id}",
  scope: "read",
  summary: "One published post's metrics per collection day",
  description: "id is a post target's id (a post on one channel: the targets[].id of a post). 404 unless that target is published.",
  tags: ["Analytics"],
  params: z.object({ id: idText("id must be a post target id") }),
  response: postAnalyticsSchema,
});
