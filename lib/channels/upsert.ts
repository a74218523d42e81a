import "server-only";
import { requestCollection } from "@/lib/queue/collection-request";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getProvider } from "@/providers/registry";
import type { AuthResult } from "@/providers/social.integrations.interface";
import { pageTokenColumns } from "./pages";
import { connectError } from "./provider-errors";
import { serverIdentity, serverLabel } from "./server-identity";
import { toAccess } from "./tokens";

// Saves a connection. Keyed on (organization, provider, server, platform account id): connecting
// the same account again updates the existing channel (its id and posts stay, and its refresh
// token is kept when the platform sends no new one), while the same account id on another server
// of a multi-instance platform is another channel. The server is the instance URL the channel
// keeps for publishing, so the identity and the place its posts go can never disagree.
export async function upsertChannel(input: {
  organizationId: string;
  provider: string;
  auth: AuthResult;
  instanceUrl?: string;
  credentials?: Record<string, string>;
  reconnectChannelId?: string;
}): Promise<{ id: string; pending: boolean }> {
  const { auth, organizationId, provider } = input;
  const tokens = {
    accessToken: encryptSecret(auth.accessToken),
    ...(auth.refreshToken ? { refreshToken: encryptSecret(auth.refreshToken) } : {}),
    tokenExpiresAt: auth.expiresIn ? new Date(Date.now() + auth.expiresIn * 1000) : null,
    scopes: auth.scopes?.join(" ") ?? null,
    ...(input.credentials ? { credentials: encryptSecret(JSON.stringify(input.credentials)) } : {}),
  };
  const profile = (auth.profile ?? undefined) as object | undefined;
  const instanceUrl = input.instanceUrl ?? ((auth.profile?.service as string | undefined) || null);
  const server = serverIdentity(instanceUrl);

  if (input.reconnectChannelId) {
    const existing = await db.integration.findFirst({ where: { id: input.reconnectChannelId, organizationId, provider } });
    if (!existing) throw new AppError("The channel to reconnect no longer exists", 404);
    // A page channel's id is the page, not the member who signed in: refresh its tokens in place.
    if (auth.needsPagePick) {
      const pageTokens = await assertPageReachable(existing, auth);
      await db.integration.update({
        where: { id: existing.id },
        data: { ...tokens, ...pageTokens, status: existing.status === "pending" ? "pending" : "active" },
      });
      return { id: existing.id, pending: existing.status === "pending" };
    }
    if (existing.internalId !== auth.id || existing.server !== server) {
      // Same id on another server is another account: name the servers so the user sees why.
      const named = (who: string, s: string) =>
        s && existing.server !== server && !who.includes(serverLabel(s)) ? `${who} on ${serverLabel(s)}` : who;
      throw new AppError(
        `You signed in as ${named(auth.username ?? auth.name, server)}, but this channel is ${named(existing.username ?? existing.name, existing.server)}. Sign in with that account to reconnect it; nothing was changed.`,
        409,
      );
    }
  }

  const internalId = auth.needsPagePick ? `pending:${auth.id}` : auth.id;
  const status = auth.needsPagePick ? "pending" : "active";
  const fields = {
    name: auth.name || auth.username || auth.id,
    username: auth.username ?? null,
    picture: auth.picture ?? null,
    instanceUrl,
    profile,
    status,
    ...tokens,
  } as const;
  const channel = await db.integration.upsert({
    where: { organizationId_provider_server_internalId: { organizationId, provider, server, internalId } },
    create: { organizationId, provider, server, internalId, ...fields },
    update: fields,
  });
  // A new or reconnected channel gets its analytics collected (90 days back the first time) soon.
  if (status === "active") await requestCollection(organizationId, [channel.id]);
  return { id: channel.id, pending: status === "pending" };
}

type ChannelRow = NonNullable<Awaited<ReturnType<typeof db.integration.findFirst>>>;

/**
 * A reconnect through a pick step signs in as a member (a LinkedIn admin, a Hashnode user), not as
 * the page: whoever signed in must still manage the channel's page, or the fresh token would post
 * nowhere (or the page would silently change hands). Asks the platform for that member's pages.
 * When the page has a token of its own (Page.access), returns its columns, so a reconnected page
 * channel keeps the page's token as a freshly picked one does, not the member's.
 */
async function assertPageReachable(existing: ChannelRow, auth: AuthResult): Promise<ReturnType<typeof pageTokenColumns>> {
  // A channel still waiting for its pick has no page yet: any account may finish it.
  if (existing.status === "pending") return;
  const provider = getProvider(existing.provider);
  if (!provider?.pages) return;
  const access = toAccess({ ...existing, profile: (auth.profile ?? existing.profile) as ChannelRow["profile"] }, auth.accessToken);
  const pages = await provider.pages(access).catch((e) => connectError(provider.name, e));
  if (pages.some((p) => p.id === existing.internalId)) {
    const page = await provider.fetchPageInformation?.(access, existing.internalId).catch((e) => connectError(provider.name, e));
    return page ? pageTokenColumns(page) : undefined;
  }
  throw new AppError(
    `You signed in as ${auth.username ?? auth.name}, who does not manage ${existing.name} on ${provider.name}. Sign in with an account that manages ${existing.name} to reconnect it; nothing was changed.`,
    409,
  );
}
