import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { randomToken } from "@/providers/core/pkce";

// Server-side OAuth state: random, single use, bound to the user and organization that started
// the flow, valid for 10 minutes. The PKCE verifier and any provider data (a Mastodon app's
// client secret) are kept encrypted.
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export type FlowData = { redirectUri: string; instanceUrl?: string; reconnectChannelId?: string; provider?: Record<string, unknown> };

export function newFlowSecrets() {
  return { state: randomToken(24), codeVerifier: randomToken(48) };
}

export async function saveOAuthState(input: {
  state: string;
  codeVerifier: string;
  provider: string;
  userId: string;
  organizationId: string;
  data: FlowData;
}) {
  await db.oAuthState.create({
    data: {
      state: input.state,
      provider: input.provider,
      userId: input.userId,
      organizationId: input.organizationId,
      codeVerifier: encryptSecret(input.codeVerifier),
      data: { sealed: encryptSecret(JSON.stringify(input.data)) },
      expiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
    },
  });
}

/** Validates and consumes a state. Every failure is a readable AppError; nothing is consumed then. */
export async function consumeOAuthState(state: string | null, provider: string, userId: string) {
  if (!state) throw new AppError("The answer from the platform had no state parameter; start connecting again", 400);
  const row = await db.oAuthState.findUnique({ where: { state } });
  if (!row || row.provider !== provider)
    throw new AppError("This connection attempt is unknown; start connecting again from the Channels page", 400);
  if (row.userId !== userId)
    throw new AppError("This connection was started by another user; start connecting again from your own account", 403);
  if (row.usedAt) throw new AppError("This connection link was already used; start connecting again", 400);
  if (row.expiresAt <= new Date()) throw new AppError("This connection attempt expired (10 minutes); start connecting again", 400);
  const claimed = await db.oAuthState.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count === 0) throw new AppError("This connection link was already used; start connecting again", 400);
  const sealed = (row.data as { sealed?: string } | null)?.sealed;
  return {
    organizationId: row.organizationId,
    codeVerifier: row.codeVerifier ? decryptSecret(row.codeVerifier) : "",
    data: (sealed ? JSON.parse(decryptSecret(sealed)) : { redirectUri: "" }) as FlowData,
  };
}
