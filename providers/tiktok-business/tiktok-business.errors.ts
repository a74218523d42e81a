import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// TikTok API for Business answers (../shared/platforms/tiktok-business.md §4): HTTP 200 for nearly
// everything, with {"code":<int>,"message":"…","request_id":"…","data":{…}}; code 0 is success, so
// the code is read, not the status. Rows go by code, then by TikTok's words.

type BizBody = { code?: unknown; message?: unknown; request_id?: unknown };

const codeOf = (b: BizBody) => (typeof b.code === "number" || typeof b.code === "string" ? String(b.code) : undefined);
const textOf = (b: BizBody, raw: string, status: number) => {
  const msg = typeof b.message === "string" && b.message.trim() ? b.message.trim() : raw.trim().slice(0, 300) || `HTTP ${status}`;
  return typeof b.request_id === "string" && b.request_id ? `${msg} (request id ${b.request_id})` : msg;
};

const classify = errorTable<BizBody>({
  code: codeOf,
  text: textOf,
  rows: [
    // 40105: the access token is wrong, expired or revoked; a refresh may get a good one.
    { code: ["40105", "40104"], kind: "refresh-token", message: (f) => `TikTok no longer accepts the access token (${f.text})` },
    {
      match: /access token (has expired|is incorrect|is invalid)|access_token_invalid/i,
      kind: "refresh-token",
      message: (f) => `TikTok no longer accepts the access token (${f.text})`,
    },
    // 40001: the app lacks permission for the call (a scope not granted). 40002 is a parameter
    // error: the rows below and the last one say what TikTok refused.
    {
      code: "40001",
      kind: "disconnect",
      message: (f) => `TikTok says this app lacks a permission it needs (${f.text}): reconnect the channel and allow every permission`,
    },
    // 40100: too many requests; no reset time is documented.
    { code: "40100", kind: "retry", message: (f) => `TikTok asks to slow down (${f.text}); the post will be tried again shortly` },
    { match: /too many requests|rate limit/i, kind: "retry", message: (f) => `TikTok asks to slow down (${f.text})` },
    {
      match: /url_ownership_unverified|not verified/i,
      kind: "bad-body",
      message: (f) => `TikTok refused the media address: its domain is not verified as a URL property of the app (${f.text})`,
    },
    {
      match: /spam_risk|reached_active_user_cap/i,
      kind: "bad-body",
      message: (f) => `TikTok does not let this account post more now (${f.text}); try again tomorrow`,
    },
    { code: "51065", kind: "bad-body", message: (f) => `TikTok refused the post (${f.text}): check the music or the media` },
    // 50000–59999: TikTok's own trouble.
    {
      when: (f) => /^5\d{4}$/.test(f.code ?? "") && f.code !== "51065",
      kind: "retry",
      message: (f) => `TikTok is having trouble (${f.text}); the post will be tried again`,
    },
    { status: 429, kind: "retry", message: (f) => `TikTok asks to slow down (${f.text})` },
    { status: serverError, kind: "retry", message: (f) => `TikTok is having trouble (${f.text})` },
    { when: (f) => f.code !== undefined && f.code !== "0", kind: "bad-body", message: (f) => `TikTok refused the request: ${f.text}` },
  ],
});

export function classifyTiktokBusinessError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** The token endpoints: any refusal of a code or refresh token means connecting again; TikTok's own trouble is retried. */
export function classifyTiktokBusinessTokenError(body: string, status: number): HandledError {
  const h = classify(body, status);
  if (h?.kind === "retry") return h;
  return { kind: "disconnect", message: `TikTok refused the sign-in (${h?.message ?? `HTTP ${status}`}): reconnect the channel` };
}
