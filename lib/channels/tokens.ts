import "server-only";
import { db } from "@/lib/db/client";
import { decryptOptional, decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { ProviderError } from "@/providers/core/errors";
import { getProvider } from "@/providers/registry";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { flagReconnectNeeded } from "./notify";

// One token module. Access tokens are refreshed ahead of expiry and on a refresh-token outcome;
// refreshes are single-flight per channel, within a process (a shared promise) and across worker
// processes (a row lock), so platforms that rotate refresh tokens with reuse detection never see
// the same refresh token twice. Only an auth answer from the platform flags the channel; a 5xx or
// a network error leaves it as it is.

export const REFRESH_AHEAD_MS = 5 * 60_000;
const inFlight = new Map<string, Promise<string>>();

type Row = Awaited<ReturnType<typeof loadChannel>>;
async function loadChannel(id: string) {
  return db.integration.findUniqueOrThrow({ where: { id } });
}

/** The channel columns publishing needs (the publish claim reads them with the target). */
export type ChannelRow = Pick<
  NonNullable<Row>,
  | "id"
  | "organizationId"
  | "provider"
  | "internalId"
  | "name"
  | "username"
  | "status"
  | "accessToken"
  | "refreshToken"
  | "tokenExpiresAt"
  | "instanceUrl"
  | "profile"
>;

export function toAccess(row: ChannelRow, accessToken: string): ChannelAccess {
  return {
    id: row.id,
    internalId: row.internalId,
    username: row.username,
    instanceUrl: row.instanceUrl,
    accessToken,
    tokenExpiresAt: row.tokenExpiresAt,
    profile: row.profile as Record<string, unknown> | null,
  };
}

/** A usable access token for the channel, refreshed first when it expires within 5 minutes. */
export async function channelAccess(channelId: string): Promise<ChannelAccess> {
  return accessFor(await loadChannel(channelId));
}

/** channelAccess for a channel row the caller already read. */
export async function accessFor(row: ChannelRow): Promise<ChannelAccess> {
  if (row.status === "refresh_needed") throw new ProviderError("disconnect", `${row.name} needs to be reconnected`);
  if (row.status === "pending")
    throw new ProviderError("bad-body", `${row.name} cannot publish until a page is picked on the Channels page`);
  if (row.status === "disabled") throw new ProviderError("bad-body", `${row.name} is disabled; enable it on the Channels page to publish`);
  if (!row.accessToken) throw new ProviderError("disconnect", `${row.name} has no stored credentials`);
  const expiring = row.tokenExpiresAt && row.tokenExpiresAt.getTime() - Date.now() < REFRESH_AHEAD_MS;
  const token = expiring && row.refreshToken ? await refreshChannelToken(row.id, row.accessToken) : decryptSecret(row.accessToken);
  return toAccess(row, token);
}

/**
 * Refreshes the channel's token unless someone else already replaced `seenCiphertext` (the stored
 * access token the caller found stale), in which case their fresh token is returned.
 */
export function refreshChannelToken(channelId: string, seenCiphertext: string | null): Promise<string> {
  const running = inFlight.get(channelId);
  if (running) return running;
  const p = refreshUnderLock(channelId, seenCiphertext).finally(() => inFlight.delete(channelId));
  inFlight.set(channelId, p);
  return p;
}

/** The cross-process part: a row lock serialises refreshes of one channel across workers. */
export async function refreshUnderLock(channelId: string, seenCiphertext: string | null): Promise<string> {
  let failure: ProviderError | undefined;
  const token = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM integrations WHERE id = ${channelId} FOR UPDATE`;
      const row = await tx.integration.findUniqueOrThrow({ where: { id: channelId } });
      if (row.accessToken && row.accessToken !== seenCiphertext) return decryptSecret(row.accessToken);
      const provider = getProvider(row.provider);
      const refreshToken = decryptOptional(row.refreshToken);
      if (!provider?.refreshToken || !refreshToken) {
        failure = new ProviderError(
          "disconnect",
          `${row.name}'s access expired and ${provider?.name ?? row.provider} offers no way to renew it.`,
        );
        await flagReconnectNeeded(tx, row, failure.message);
        return null;
      }
      try {
        const credentials = row.credentials ? (JSON.parse(decryptSecret(row.credentials)) as Record<string, string>) : undefined;
        const fresh = await provider.refreshToken(refreshToken, {
          instanceUrl: row.instanceUrl,
          profile: row.profile as Record<string, unknown> | null,
          credentials,
        });
        await tx.integration.update({
          where: { id: channelId },
          data: {
            accessToken: encryptSecret(fresh.accessToken),
            ...(fresh.refreshToken ? { refreshToken: encryptSecret(fresh.refreshToken) } : {}),
            tokenExpiresAt: fresh.expiresIn ? new Date(Date.now() + fresh.expiresIn * 1000) : null,
          },
        });
        return fresh.accessToken;
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        failure = e;
        if (e.kind === "disconnect" || e.kind === "bad-body" || e.kind === "refresh-token") {
          failure = new ProviderError("disconnect", `${provider.name} refused to renew access (${e.message}).`, e.details);
          await flagReconnectNeeded(tx, row, failure.message);
        }
        return null;
      }
    },
    { timeout: 90_000, maxWait: 60_000 },
  );
  if (token === null) throw failure!;
  return token;
}

/** The periodic job: renews every active channel whose token expires within `withinMs`. */
export async function refreshExpiringChannels(
  opts: { withinMs?: number; organizationId?: string } = {},
): Promise<{ refreshed: number; failed: number }> {
  const due = await db.integration.findMany({
    where: {
      status: "active",
      refreshToken: { not: null },
      tokenExpiresAt: { lt: new Date(Date.now() + (opts.withinMs ?? 30 * 60_000)) },
      ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
    },
    select: { id: true, accessToken: true },
  });
  let refreshed = 0;
  let failed = 0;
  for (const c of due) {
    await refreshChannelToken(c.id, c.accessToken).then(
      () => refreshed++,
      () => failed++,
    );
  }
  return { refreshed, failed };
}

/**
 * The refresh hook a publish passes to the provider: on a refresh-token outcome it returns a
 * token newer than `current`, refreshing only when nobody else (another worker, the periodic
 * round) already has.
 */
export function refreshHook(channelId: string, current: { token: string }): () => Promise<string> {
  return async () => {
    const row = await db.integration.findUniqueOrThrow({ where: { id: channelId }, select: { accessToken: true } });
    const stored = row.accessToken ? decryptSecret(row.accessToken) : null;
    current.token = stored && stored !== current.token ? stored : await refreshChannelToken(channelId, row.accessToken);
    return current.token;
  };
}
