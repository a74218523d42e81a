import { ProviderError } from "../core/errors";
import { hostOf, SANDBOX_CLIENT, sandboxMode } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import type { FetchOptions, SocialAbstract } from "../social.abstract";
import { classifyTiktokError } from "./tiktok.errors";
import { tiktokManifest } from "./tiktok.manifest";

// What every TikTok API v2 call shares (../shared/platforms/tiktok.md §1–§2): the host
// (TIKTOK_API_URL, default https://open.tiktokapis.com), Authorization: Bearer, JSON bodies as
// application/json; charset=UTF-8, and the {data, error:{code,message,log_id}} envelope whose
// error.code must be "ok" even on HTTP 200.

export const apiUrl = (path: string) => `${hostOf(tiktokManifest, "api")}${path}`;
export const authUrl = (path: string) => `${hostOf(tiktokManifest, "auth")}${path}`;

/** The app's client key and secret (TikTok's name for a client id), or the emulator's in sandbox mode. */
export function tiktokApp(): { clientKey: string; clientSecret: string } {
  return {
    clientKey: process.env.TIKTOK_CLIENT_KEY || (sandboxMode() ? SANDBOX_CLIENT.id : ""),
    clientSecret: process.env.TIKTOK_CLIENT_SECRET || (sandboxMode() ? SANDBOX_CLIENT.secret : ""),
  };
}

export type TiktokCall = Omit<FetchOptions, "action"> & { action: string };

/** POSTs JSON (or GETs when body is undefined and method says so) and returns `data`, refusing a non-"ok" error code. */
export async function callTiktok(
  api: SocialAbstract,
  path: string,
  body: unknown,
  call: TiktokCall,
  method: "GET" | "POST" = "POST",
): Promise<Record<string, unknown>> {
  return (await callTiktokRaw(api, path, body, call, method)).data;
}

/** callTiktok, also giving the answer's text: TikTok's int64 ids lose digits as JavaScript numbers, so they are read from it. */
export async function callTiktokRaw(
  api: SocialAbstract,
  path: string,
  body: unknown,
  call: TiktokCall,
  method: "GET" | "POST" = "POST",
): Promise<{ data: Record<string, unknown>; text: string }> {
  const res = await api.fetch(
    apiUrl(path),
    {
      method,
      headers: { accept: "application/json", ...(method === "POST" ? { "content-type": "application/json; charset=UTF-8" } : {}) },
      ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}),
    },
    call,
  );
  const text = await res.text();
  const answer = parseJsonAnswer(text, "TikTok", call.action, { status: res.status }) as { data?: unknown; error?: { code?: unknown } };
  const code = answer?.error && typeof answer.error === "object" ? answer.error.code : undefined;
  if (code !== undefined && code !== "ok") {
    // An error envelope on HTTP 200: classified like any other error answer.
    const handled = classifyTiktokError(text, res.status) ?? { kind: "bad-body" as const, message: `TikTok refused to ${call.action}` };
    throw new ProviderError(handled.kind, handled.message, { status: res.status, retryAfterMs: handled.retryAfterMs });
  }
  return { data: answer?.data && typeof answer.data === "object" ? (answer.data as Record<string, unknown>) : {}, text };
}
