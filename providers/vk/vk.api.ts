import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { classifyVkError } from "./vk.errors";
import { vkManifest } from "./vk.manifest";

// One VK API call (dev.vk.com/en/api/api-requests): POST <api>/method/<name>, the parameters
// form-encoded (VK takes no JSON bodies), the version `v` on every call and the token as a bearer.
// VK answers its errors with HTTP 200 and {"error":{"error_code",…}}, which SocialAbstract.fetch
// sees as a success: they are classified here, with the same outcomes fetch gives an HTTP error
// (a refused token renewed once, "too many requests per second" waited out, the rest thrown).

/** The API version every call pins (the one VKCOM/vk-api-schema describes); answers' shapes depend on it. */
export const VK_API_VERSION = "5.199";

export const vkApiUrl = (method: string) => `${hostOf(vkManifest, "api")}/method/${method}`;

export type VkCall = {
  token: string;
  /**
   * The token shared by the calls of one publish (uploads, then the post): a refresh by one call is
   * used by the next instead of each finding the old token refused (VK ID rotates refresh tokens).
   */
  session?: { token: string };
  ctx?: PublishContext;
  action: string;
  /** A create (wall.post): a lost answer may have published. */
  create?: boolean;
};

/** Error 6 ("too many requests per second"): VK did nothing; wait a second and ask again, a few times. */
const PER_SECOND_RETRIES = 3;

/** The `response` of a VK API method, or a ProviderError classified from VK's error envelope. */
export async function callVk<T>(
  api: SocialAbstract,
  method: string,
  params: Record<string, string | number | undefined>,
  call: VkCall,
): Promise<T> {
  let token = call.session?.token ?? call.token;
  let refreshed = false;
  for (let attempt = 0; ; attempt++) {
    const body = new URLSearchParams({ v: VK_API_VERSION });
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") body.set(k, String(v));
    const res = await api.fetch(
      vkApiUrl(method),
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body },
      { action: call.action, token, ctx: call.ctx, idempotent: !call.create },
    );
    const text = await res.text();
    const answer = parseJsonAnswer<{ response?: T; error?: unknown }>(text, "VK", call.action, { status: res.status });
    if (answer && typeof answer === "object" && "response" in answer && !answer.error) return answer.response as T;
    const handled = classifyVkError(text, res.status) ?? {
      kind: "retry" as const,
      message: `VK sent an answer without a response while trying to ${call.action}`,
    };
    const details = { status: res.status, body: text.slice(0, 2000) };
    if (handled.kind === "refresh-token") {
      if (!refreshed && call.ctx?.refreshAccessToken) {
        token = await call.ctx.refreshAccessToken();
        if (call.session) call.session.token = token;
        refreshed = true;
        continue;
      }
      throw new ProviderError(refreshed ? "disconnect" : "refresh-token", handled.message, details);
    }
    if (handled.kind === "retry" && handled.retryAfterMs !== undefined && handled.retryAfterMs <= 1_000 && attempt < PER_SECOND_RETRIES) {
      await new Promise((r) => setTimeout(r, handled.retryAfterMs));
      continue;
    }
    // VK refused the call with an error of its own: nothing was made, except after an internal
    // error or an unknown one (10, 1), where a create may have gone through.
    const unsure = !!call.create && handled.kind === "retry" && handled.retryAfterMs === undefined;
    throw new ProviderError(handled.kind, handled.message, { ...details, retryAfterMs: handled.retryAfterMs, mayHavePublished: unsure });
  }
}
