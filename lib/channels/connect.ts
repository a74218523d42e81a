import "server-only";
import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { requireRole } from "@/lib/orgs/roles";
import { assertPublicUrl, normalizeServerUrl } from "@/lib/net/public-url";
import { getProvider } from "@/providers/registry";
import type { SocialProvider } from "@/providers/social.integrations.interface";
import { appClientStore } from "./app-clients";
import { consumeOAuthState, newFlowSecrets, saveOAuthState } from "./oauth-state";
import { connectError } from "./provider-errors";
import { upsertChannel } from "./upsert";
import { db } from "@/lib/db/client";

export function providerOr404(id: string): SocialProvider {
  const p = getProvider(id);
  if (!p) throw notFound(`Platform "${id}"`);
  return p;
}

/** A platform the manifest declares unavailable cannot be connected (nor reconnected), whatever the client sends. */
function assertAvailable(provider: SocialProvider): void {
  const a = provider.manifest.availability;
  if (a?.status === "unavailable") throw new AppError(`${provider.name} cannot be connected: ${a.reason}`, 400, "provider");
}

export const callbackUrl = (baseUrl: string, provider: string) => `${baseUrl}/api/integrations/${provider}/callback`;

/** Begins an OAuth connection: returns the platform URL to send the browser to. */
export async function startConnect(
  ctx: OrgContext,
  providerId: string,
  baseUrl: string,
  opts: { instance?: string; reconnectChannelId?: string } = {},
): Promise<string> {
  requireRole(ctx, "admin", "connect channels");
  const provider = providerOr404(providerId);
  assertAvailable(provider);
  if (!provider.generateAuthUrl) throw new AppError(`${provider.name} connects with a form, not a sign-in link`, 400);
  const missing = provider.missingConfig?.() ?? [];
  if (missing.length) throw new AppError(`${provider.name} is not configured on this server: set ${missing.join(" and ")}`, 400);

  let instanceUrl: string | undefined;
  if (opts.reconnectChannelId) {
    const channel = await ctx.db.integration.findFirst({ where: { id: opts.reconnectChannelId, provider: providerId } });
    if (!channel) throw notFound("Channel");
    instanceUrl = channel.instanceUrl ?? undefined;
  } else if (provider.instanceField) {
    instanceUrl = normalizeServerUrl(opts.instance || provider.instanceField.defaultValue || "", "instance");
  }
  if (instanceUrl) await assertPublicUrl(instanceUrl, "instance");

  const { state, codeVerifier } = newFlowSecrets();
  const redirectUri = callbackUrl(baseUrl, providerId);
  const server = instanceUrl && !opts.reconnectChannelId ? { field: "instance", url: instanceUrl } : undefined;
  const start = await provider
    .generateAuthUrl({ redirectUri, state, codeVerifier, instanceUrl, appClients: appClientStore(providerId) })
    .catch((e) => connectError(provider.name, e, server));
  await saveOAuthState({
    state,
    codeVerifier: start.codeVerifier,
    provider: providerId,
    userId: ctx.userId,
    organizationId: ctx.organizationId,
    data: { redirectUri, instanceUrl, reconnectChannelId: opts.reconnectChannelId, provider: start.data },
  });
  return start.url;
}

/** The query the platform's redirect back carries: OAuth's, plus the grant under the name a platform uses instead of `code`. */
export type CallbackQuery = {
  code?: string | null;
  state?: string | null;
  error?: string | null;
  error_description?: string | null;
  [param: string]: string | null | undefined;
};

/** Finishes an OAuth connection for the signed-in user who started it. */
export async function completeConnect(
  userId: string,
  providerId: string,
  q: CallbackQuery,
): Promise<{ channelId: string; pending: boolean }> {
  const provider = providerOr404(providerId);
  const flow = await consumeOAuthState(q.state ?? null, providerId, userId);
  const member = await db.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: flow.organizationId } } });
  if (!member) throw new AppError("You are no longer a member of the organization this connection was started for", 403);
  if (q.error) {
    const denied = q.error === "access_denied";
    throw new AppError(
      denied
        ? `You declined access on ${provider.name}; no channel was connected`
        : `${provider.name} reported an error: ${q.error_description || q.error}`,
      400,
    );
  }
  const how = provider.manifest.auth;
  const code = q[how.kind === "oauth2" ? (how.grantParam ?? "code") : "code"];
  if (!code) throw new AppError(`${provider.name} sent no authorization code; start connecting again`, 400);
  const auth = await provider.authenticate!({
    code,
    codeVerifier: flow.codeVerifier,
    redirectUri: flow.data.redirectUri,
    instanceUrl: flow.data.instanceUrl,
    data: flow.data.provider,
    appClients: appClientStore(providerId),
    query: Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string")),
  }).catch((e) => connectError(provider.name, e));
  const saved = await upsertChannel({
    organizationId: flow.organizationId,
    provider: providerId,
    auth,
    instanceUrl: flow.data.instanceUrl,
    reconnectChannelId: flow.data.reconnectChannelId,
  });
  return { channelId: saved.id, pending: saved.pending };
}

/** Connects a platform whose credentials the user types (Bluesky app password, API keys…). */
export async function connectWithFields(ctx: OrgContext, providerId: string, values: Record<string, string>, reconnectChannelId?: string) {
  requireRole(ctx, "admin", "connect channels");
  const provider = providerOr404(providerId);
  assertAvailable(provider);
  if (!provider.connectWithFields)
    throw new AppError(
      provider.linkRequests
        ? `${provider.name} connects with a one-time link code from the Channels page, not with a form`
        : `${provider.name} connects by signing in, not with a form`,
      400,
    );
  let server: { field: string; url: string } | undefined;
  for (const f of provider.customFields?.() ?? []) {
    const raw = values[f.key];
    if (f.type === "url" && raw) {
      values[f.key] = normalizeServerUrl(raw, f.key);
      await assertPublicUrl(values[f.key]!, f.key);
      server ??= { field: f.key, url: values[f.key]! };
    }
  }
  const auth = await provider.connectWithFields(values).catch((e) => connectError(provider.name, e, server));
  return upsertChannel({
    organizationId: ctx.organizationId,
    provider: providerId,
    auth,
    credentials: auth.credentials,
    reconnectChannelId,
  });
}
