import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator } from "@/tests/helpers/emulator";
import type { OAuth2Provider } from "@/providers/core/oauth2-provider";
import { DEFAULT_LINKEDIN_VERSION } from "@/providers/linkedin/linkedin.api";
import type { AuthResult, ChannelAccess, MediaItem, PublishContext } from "@/providers/social.integrations.interface";

// Test fixtures shared by the LinkedIn and LinkedIn Page suites.

export const REDIRECT_URI = "http://localhost:3000/api/integrations/linkedin/callback";

/** A valid 1x1 PNG. */
export const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);

export const png = (alt?: string): MediaItem => ({ mimeType: "image/png", bytes: PNG, alt });

/** generateAuthUrl -> the emulator's authorize page -> authenticate, like a user connecting. */
export async function connect(
  emu: Emulator,
  provider: OAuth2Provider,
  opts: { username?: string; dropScopes?: string[] } = {},
): Promise<AuthResult> {
  const start = await provider.generateAuthUrl({ redirectUri: REDIRECT_URI, state: "state-123", codeVerifier: "v".repeat(43) });
  const back = await authorizeInEmulator(emu, start.url, opts);
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`authorization failed: ${back}`);
  return provider.authenticate({ code, codeVerifier: start.codeVerifier, redirectUri: REDIRECT_URI });
}

export const channelFor = (auth: AuthResult, internalId = auth.id): ChannelAccess => ({
  id: `ch-${internalId}`,
  internalId,
  accessToken: auth.accessToken,
});

/** A publish context that refreshes through the provider, counting refreshes. */
export function refreshingCtx(provider: OAuth2Provider, auth: AuthResult): PublishContext & { refreshes: number } {
  const ctx = {
    refreshes: 0,
    refreshAccessToken: async () => {
      ctx.refreshes++;
      const t = await provider.refreshToken(auth.refreshToken!);
      return t.accessToken;
    },
  };
  return ctx;
}

/** A raw call to the emulated versioned API, for contract checks the provider never violates. */
export function rawRest(emu: Emulator, platform: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${emu.url}/${platform}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "linkedin-version": DEFAULT_LINKEDIN_VERSION,
      "x-restli-protocol-version": "2.0.0",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}
