import "server-only";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { ProviderError } from "@/providers/core/errors";
import { allProviders } from "@/providers/registry";
import type { SocialProvider } from "@/providers/social.integrations.interface";
import { flagReconnectNeeded } from "./notify";
import { refreshHook, toAccess } from "./tokens";

// Token validation for platforms that require apps to check their users' tokens on a schedule
// (manifest auth.validateEvery; Twitch: at start and hourly), so a grant the user revoked on the
// platform is noticed while nothing is being published. Data-driven: every provider that declares
// the interval and has validateToken() is checked, none is named here.

/** The providers to check, with their interval in milliseconds. */
export function validatingProviders(): { provider: SocialProvider; everyMs: number }[] {
  return allProviders().flatMap((provider) => {
    const auth = provider.manifest.auth;
    const every = auth.kind === "oauth2" ? auth.validateEvery : undefined;
    return every && provider.validateToken ? [{ provider, everyMs: every * 1000 }] : [];
  });
}

export type ValidationRound = { checked: number; flagged: number; failed: number };

/**
 * Validates the token of every active channel of `provider`. A refused token is renewed once
 * (refreshHook, which flags the channel itself when the renewal is refused); a token still refused
 * after that, or a grant the platform says is gone, flags the channel "reconnect needed". A 5xx or a
 * network error leaves the channel as it is, counted as failed, for the next round.
 */
export async function validateChannelTokens(provider: SocialProvider, opts: { organizationId?: string } = {}): Promise<ValidationRound> {
  const channels = await db.integration.findMany({
    where: {
      provider: provider.identifier,
      status: "active",
      accessToken: { not: null },
      ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
    },
  });
  const round: ValidationRound = { checked: 0, flagged: 0, failed: 0 };
  for (const row of channels) {
    round.checked++;
    const current = { token: decryptSecret(row.accessToken!) };
    try {
      await provider.validateToken!(toAccess(row, current.token), { refreshAccessToken: refreshHook(row.id, current), maxWaitMs: 0 });
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (e.kind === "disconnect" || e.kind === "refresh-token") {
        const flagged = await db.$transaction((tx) =>
          flagReconnectNeeded(tx, row, `${provider.name} no longer accepts its sign-in (${e.message}).`),
        );
        // The renewal may have flagged it already (one notification either way).
        const now = await db.integration.findUnique({ where: { id: row.id }, select: { status: true } });
        if (flagged || now?.status === "refresh_needed") round.flagged++;
      } else round.failed++;
    }
  }
  return round;
}
