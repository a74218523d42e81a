import { ProviderError } from "../core/errors";
import { hostOf, SANDBOX_CLIENT, sandboxMode } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import { retryDelayMs } from "../core/rate-limit";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import { classifyTiktokBusinessError } from "./tiktok-business.errors";
import { tiktokBusinessManifest } from "./tiktok-business.manifest";

// What every TikTok API for Business call shares (../shared/platforms/tiktok-business.md §1, §4):
// the host (TIKTOK_BUSINESS_API_URL, default https://business-api.tiktok.com) under /open_api/v1.3,
// the token as the `Access-Token` header (no "Bearer"), and {code, message, request_id, data}
// answers on HTTP 200 whose code must be 0.

export const bizUrl = (path: string) => `${hostOf(tiktokBusinessManifest, "api")}/open_api/v1.3${path}`;
export const bizAuthUrl = (path: string) => `${hostOf(tiktokBusinessManifest, "auth")}${path}`;

export function bizApp(): { appId: string; secret: string } {
  return {
    appId: process.env.TIKTOK_BUSINESS_APP_ID || (sandboxMode() ? SANDBOX_CLIENT.id : ""),
    secret: process.env.TIKTOK_BUSINESS_APP_SECRET || (sandboxMode() ? SANDBOX_CLIENT.secret : ""),
  };
}

export const accessTokenHeader = (h: Headers, token: string) => h.set("access-token", token);

export type BizCall = Omit<FetchOptions, "action"> & { action: string; secret?: boolean };

/** GET (query) or POST (JSON) a v1.3 path; returns `data`, or throws TikTok's refusal as its error kind. */
export async function callBiz(
  api: SocialAbstract,
  method: "GET" | "POST",
  path: string,
  params: Record<string, unknown>,
  call: BizCall,
): Promise<Record<string, unknown>> {
  let url = bizUrl(path);
  const init: RequestInit = { method, headers: { accept: "application/json" } };
  if (method === "GET") {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, typeof v === "string" ? v : JSON.stringify(v));
    url += `?${q}`;
  } else {
    init.headers = { accept: "application/json", "content-type": "application/json" };
    init.body = JSON.stringify(params);
  }
  // TikTok answers a refused token with HTTP 200 and code 40105, which fetch() cannot see: the
  // refresh-and-retry-once it does for a 401 is done here for that code.
  let token = call.token;
  for (let refreshed = false; ; refreshed = true) {
    const res = await api.fetch(url, init, { applyToken: accessTokenHeader, ...call, token });
    const text = await res.text();
    const answer = parseJsonAnswer(text, "TikTok API for Business", call.action, { status: res.status, secret: call.secret }) as {
      code?: unknown;
      data?: unknown;
    };
    if (answer?.code === 0 || answer?.code === "0")
      return answer.data && typeof answer.data === "object" ? (answer.data as Record<string, unknown>) : {};
    // A token answer is never quoted: only its code is classified.
    const handled = (call.classify ?? classifyTiktokBusinessError)(
      call.secret ? JSON.stringify({ code: answer?.code }) : text,
      res.status,
    ) ?? {
      kind: "bad-body" as const,
      message: `TikTok refused to ${call.action}`,
    };
    if (handled.kind === "refresh-token" && token && call.ctx?.refreshAccessToken) {
      if (refreshed)
        throw new ProviderError("disconnect", `TikTok refused a freshly refreshed token: ${handled.message}`, { status: res.status });
      token = await call.ctx.refreshAccessToken();
      continue;
    }
    // TikTok documents no reset time; a Retry-After, when one comes, is still the wait asked for.
    const retryAfterMs = handled.kind === "retry" ? (handled.retryAfterMs ?? retryDelayMs(res.headers, 429)) : undefined;
    // A create refused by TikTok's own trouble (5xxxx) may still have been made; a throttle (40100) was refused before any work.
    const throttled = String(answer?.code) === "40100";
    const mayHavePublished = call.idempotent === false && handled.kind === "retry" && !throttled;
    throw new ProviderError(handled.kind, handled.message, { status: res.status, retryAfterMs, mayHavePublished });
  }
}
