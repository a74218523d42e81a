import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ProviderError, platformMessage, type HandledError } from "../core/errors";
import { appCredentials, hostOf } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { TokenSet } from "../social.integrations.interface";
import { vkManifest } from "./vk.manifest";

// VK ID, OAuth 2.1 (../shared/platforms/vk.md §1; id.vk.com "Справочник методов"): the redirect
// back carries code, state and device_id; POST <id>/oauth2/auth (form-encoded, never JSON) swaps
// the code with code_verifier, client_id, device_id, redirect_uri and state; refresh sends
// refresh_token, client_id, device_id and state, and answers a new refresh token (rotation).
// No client secret is sent: VK ID's web flow is a public client protected by PKCE.

export const vkIdUrl = (path: string) => `${hostOf(vkManifest, "id")}${path}`;
export const vkClientId = () => appCredentials("vk", false).clientId;

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().optional(),
  user_id: z.union([z.string(), z.number()]).transform(String).optional(),
  scope: z.string().optional(),
});
export type VkTokens = z.infer<typeof tokenAnswer>;

/**
 * The refresh token as stored: VK ID binds it to the device_id of the sign-in, which every refresh
 * must send again, so the two are kept together (encrypted as one secret) and rotate together.
 */
const PACKED = /^vkid1\.([A-Za-z0-9_-]*)\.(.+)$/s;
export const packRefresh = (deviceId: string, refresh: string) => `vkid1.${Buffer.from(deviceId).toString("base64url")}.${refresh}`;
export function unpackRefresh(stored: string): { deviceId: string; refresh: string } {
  const m = PACKED.exec(stored);
  if (!m) throw new ProviderError("disconnect", "VK's stored sign-in has no device id (it predates this version): reconnect the channel");
  return { deviceId: Buffer.from(m[1]!, "base64url").toString(), refresh: m[2]! };
}

/** VK ID's OAuth errors ({"error","error_description"}): a refused grant means signing in again. */
export function classifyVkIdError(body: string, status: number): HandledError {
  const message = platformMessage(body, `VK ID answered HTTP ${status}`);
  if (status >= 500 || status === 429) return { kind: "retry", message: `VK ID is having trouble (${message})` };
  return { kind: "disconnect", message: `VK ID refused the sign-in (${message}): connect the channel again` };
}

async function tokenCall(api: SocialAbstract, form: Record<string, string>, action: string): Promise<VkTokens> {
  const res = await api
    .fetch(
      vkIdUrl("/oauth2/auth"),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ ...form, client_id: vkClientId() }),
      },
      // Never repeated: a code works once and a rotated refresh token is spent by the first try.
      { action, idempotent: false, maxRetries: 0, classify: classifyVkIdError },
    )
    .catch((e: unknown) => {
      // A token call publishes nothing.
      if (e instanceof ProviderError && e.details.mayHavePublished)
        throw new ProviderError(e.kind, e.message, { ...e.details, mayHavePublished: false });
      throw e;
    });
  const text = await res.text();
  // Credentials: never quoted into an error.
  const answer = parseJsonAnswer<Record<string, unknown>>(text, "VK ID", action, { status: res.status, secret: true });
  if (answer && typeof answer === "object" && typeof answer.error === "string") {
    const { kind, message } = classifyVkIdError(JSON.stringify({ error: answer.error, error_description: answer.error_description }), 400);
    throw new ProviderError(kind, message, { status: res.status });
  }
  const parsed = tokenAnswer.safeParse(answer);
  if (!parsed.success) throw new ProviderError("retry", "VK ID sent a token answer without an access token", { status: res.status });
  return parsed.data;
}

export function exchangeCode(
  api: SocialAbstract,
  p: { code: string; codeVerifier: string; redirectUri: string; deviceId: string; state: string },
): Promise<VkTokens> {
  return tokenCall(
    api,
    {
      grant_type: "authorization_code",
      code: p.code,
      code_verifier: p.codeVerifier,
      redirect_uri: p.redirectUri,
      device_id: p.deviceId,
      state: p.state,
    },
    "exchange the VK ID sign-in code",
  );
}

export async function refreshVk(api: SocialAbstract, stored: string): Promise<TokenSet> {
  const { deviceId, refresh } = unpackRefresh(stored);
  const t = await tokenCall(
    api,
    { grant_type: "refresh_token", refresh_token: refresh, device_id: deviceId, state: randomBytes(16).toString("base64url") },
    "refresh the VK access token",
  );
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ? packRefresh(deviceId, t.refresh_token) : undefined,
    expiresIn: t.expires_in,
  };
}

const userInfo = z.object({
  user: z.object({
    user_id: z.union([z.string().min(1), z.number()]).transform(String),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    avatar: z.string().optional(),
  }),
});

/** POST <id>/oauth2/user_info (client_id, access_token): who signed in. */
export async function vkUserInfo(api: SocialAbstract, accessToken: string) {
  const res = await api.fetch(
    vkIdUrl("/oauth2/user_info"),
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: vkClientId(), access_token: accessToken }),
    },
    { action: "read the VK account", classify: classifyVkIdError, idempotent: true },
  );
  const parsed = userInfo.safeParse(await api.readJson(res, "read the VK account"));
  if (!parsed.success) throw new ProviderError("retry", "VK ID did not say which account signed in");
  const u = parsed.data.user;
  return { id: u.user_id, name: [u.first_name, u.last_name].filter(Boolean).join(" ") || `VK user ${u.user_id}`, picture: u.avatar };
}
