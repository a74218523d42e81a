import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { notFound, ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { parseOrThrow } from "@/lib/validation";
import { endpointInputSchema, endpointPatchSchema } from "./schemas";
import { generateWebhookSecret } from "./signature";
import { checkEndpointUrl } from "./url";

// Managing an organization's endpoints: owners and admins only. The secret is stored encrypted;
// it is shown when the endpoint is created or rotated, and to admins who ask to reveal it.

export type EndpointView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  channelIds: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
};

type Row = Awaited<ReturnType<OrgContext["db"]["webhookEndpoint"]["findFirstOrThrow"]>>;
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function toView(e: Row): EndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: strings(e.events),
    channelIds: strings(e.channelIds),
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

async function checkChannels(ctx: OrgContext, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await ctx.db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError({ channelIds: `No such channel in this organization: ${missing.join(", ")}` });
}

export async function listEndpoints(ctx: OrgContext): Promise<EndpointView[]> {
  requireRole(ctx, "admin", "manage webhooks");
  const rows = await ctx.db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

export async function getEndpoint(ctx: OrgContext, id: string): Promise<EndpointView> {
  requireRole(ctx, "admin", "manage webhooks");
  const row = await ctx.db.webhookEndpoint.findFirst({ where: { id } });
  if (!row) throw notFound("Webhook endpoint");
  return toView(row);
}

/** Creates an endpoint; the answer carries its signing secret, shown this once. */
export async function createEndpoint(ctx: OrgContext, raw: unknown): Promise<EndpointView & { secret: string }> {
  requireRole(ctx, "admin", "manage webhooks");
  const input = parseOrThrow(endpointInputSchema, raw);
  const url = await checkEndpointUrl(input.url);
  await checkChannels(ctx, input.channelIds);
  const secret = generateWebhookSecret();
  const row = await ctx.db.webhookEndpoint.create({
    data: {
      organizationId: ctx.organizationId,
      url,
      description: input.description,
      events: input.events,
      channelIds: input.channelIds,
      secret: encryptSecret(secret),
    },
  });
  return { ...toView(row), secret };
}

export async function updateEndpoint(ctx: OrgContext, id: string, raw: unknown): Promise<EndpointView> {
  requireRole(ctx, "admin", "manage webhooks");
  const input = parseOrThrow(endpointPatchSchema, raw);
  const existing = await ctx.db.webhookEndpoint.findFirst({ where: { id } });
  if (!existing) throw notFound("Webhook endpoint");
  const url = input.url === undefined ? undefined : await checkEndpointUrl(input.url);
  if (input.channelIds) await checkChannels(ctx, input.channelIds);
  const row = await ctx.db.webhookEndpoint.update({
    where: { id },
    data: {
      ...(url !== undefined ? { url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.channelIds !== undefined ? { channelIds: input.channelIds } : {}),
      // Turning an endpoint back on starts its failure count afresh.
      ...(input.enabled === true ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null, failedEvents: 0 } : {}),
      ...(input.enabled === false && existing.enabled
        ? { enabled: false, disabledAt: new Date(), disabledReason: "Turned off by hand" }
        : {}),
    },
  });
  return toView(row);
}

export async function deleteEndpoint(ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, "admin", "manage webhooks");
  const res = await ctx.db.webhookEndpoint.deleteMany({ where: { id } });
  if (!res.count) throw notFound("Webhook endpoint");
}

export async function revealSecret(ctx: OrgContext, id: string): Promise<string> {
  requireRole(ctx, "admin", "see webhook secrets");
  const row = await ctx.db.webhookEndpoint.findFirst({ where: { id }, select: { secret: true } });
  if (!row) throw notFound("Webhook endpoint");
  return decryptSecret(row.secret);
}

/** A new secret at once; deliveries from now on are signed with it. */
export async function rotateSecret(ctx: OrgContext, id: string): Promise<string> {
  requireRole(ctx, "admin", "rotate webhook secrets");
  const secret = generateWebhookSecret();
  const res = await ctx.db.webhookEndpoint.updateMany({ where: { id }, data: { secret: encryptSecret(secret) } });
  if (!res.count) throw notFound("Webhook endpoint");
  return secret;
}
