import type { Emulator } from "@/emulator/server";
import { authorizeInEmulator } from "@/tests/helpers/emulator";
import { randomToken } from "@/providers/core/pkce";
import type { AuthResult, ChannelAccess, OAuthStart } from "@/providers/social.integrations.interface";
import type { MastodonProvider } from "@/providers/mastodon/mastodon.provider";

// The connect flow as the app drives it, shared by the Mastodon test files.

export const REDIRECT = "http://localhost:3000/api/integrations/mastodon/callback";

// The smallest valid PNG (1x1, transparent).
export const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==", "base64"),
);

export async function startConnect(provider: MastodonProvider, emu: Emulator, opts: Parameters<typeof authorizeInEmulator>[2] = {}) {
  const start = await provider.generateAuthUrl({
    redirectUri: REDIRECT,
    state: randomToken(12),
    codeVerifier: randomToken(48),
    instanceUrl: `${emu.url}/mastodon/`,
  });
  const back = await authorizeInEmulator(emu, start.url, opts);
  return { start, back };
}

export function finishConnect(provider: MastodonProvider, start: OAuthStart, back: URL): Promise<AuthResult> {
  return provider.authenticate({
    code: back.searchParams.get("code") ?? "",
    codeVerifier: start.codeVerifier,
    redirectUri: REDIRECT,
    instanceUrl: String(start.data?.instanceUrl),
    data: start.data,
  });
}

/** A connected channel as the publishing engine hands it to the provider. */
export async function connectChannel(provider: MastodonProvider, emu: Emulator, username = "emu_mastodon"): Promise<ChannelAccess> {
  const { start, back } = await startConnect(provider, emu, { username });
  const auth = await finishConnect(provider, start, back);
  return {
    id: auth.id,
    internalId: `int-${auth.id}`,
    username: auth.username,
    instanceUrl: String(start.data?.instanceUrl),
    accessToken: auth.accessToken,
    profile: auth.profile,
  };
}

export const mastodonPosts = (emu: Emulator) => emu.state.posts.filter((p) => p.platform === "mastodon");
