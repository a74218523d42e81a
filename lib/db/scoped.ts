import "server-only";
import { db } from "@/lib/db/client";

// The one place that scopes queries to an organization. Every model that belongs to an
// organization is listed here; through `scopedDb(orgId)` each read, update and delete on them gets
// `organizationId = orgId` added to its filter and each create gets it set, so a resource of
// another organization is simply "not found".
export const ORG_SCOPED_MODELS = [
  "Membership",
  "Invite",
  "Integration",
  "Post",
  "PostTarget",
  "Media",
  "Notification",
  "MetricSample",
  "PostMetricSample",
  "AnalyticsCollection",
  "ChannelSet",
  "ChannelSetMember",
  "ChannelGroup",
  "ChannelGroupMember",
  "Signature",
  "PostSeries",
  "Feed",
  "FeedItem",
  "WebhookEndpoint",
  "WebhookDelivery",
  "WebhookAttempt",
  "ChannelSchedule",
  "EvergreenItem",
  "ApiKey",
  "IdempotencyKey",
] as const;
const scoped = new Set<string>(ORG_SCOPED_MODELS);

const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

export function scopeArgs(operation: string, args: Args, organizationId: string): Args {
  const withOrg = (data: unknown) => ({ ...(data as object), organizationId });
  if (FILTERED.has(operation)) return { ...args, where: { ...args.where, organizationId } };
  if (CREATES.has(operation)) {
    return { ...args, data: Array.isArray(args.data) ? args.data.map(withOrg) : withOrg(args.data) };
  }
  if (operation === "upsert") return { ...args, where: { ...args.where, organizationId }, create: withOrg(args.create) };
  return args;
}

export function scopedDb(organizationId: string) {
  if (!organizationId) throw new Error("scopedDb needs an organization id");
  return db.$extends({
    name: "org-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!scoped.has(model)) return query(args);
          return query(scopeArgs(operation, args as Args, organizationId) as typeof args);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof scopedDb>;
