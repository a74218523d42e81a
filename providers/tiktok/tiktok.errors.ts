import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// TikTok API v2 errors (developers.tiktok.com/doc/tiktok-api-v2-error-handling, the Content Posting
// API references, ../shared/platforms/tiktok.md §4): every answer, success or not, is
// {"data":{…},"error":{"code":"ok"|"<code>","message":"…","log_id":"…"}}; the HTTP status is
// 200 for "ok" and 4xx/5xx otherwise. Rows go by error.code; the message is TikTok's with what to do.

type TiktokBody = { error?: { code?: unknown; message?: unknown; log_id?: unknown } | string; error_description?: unknown };

const codeOf = (b: TiktokBody) => (b.error && typeof b.error === "object" && typeof b.error.code === "string" ? b.error.code : undefined);
const textOf = (b: TiktokBody, raw: string, status: number) => {
  const e = b.error && typeof b.error === "object" ? b.error : undefined;
  const msg = typeof e?.message === "string" && e.message.trim() ? e.message.trim() : raw.trim().slice(0, 300) || `HTTP ${status}`;
  return typeof e?.log_id === "string" && e.log_id ? `${msg} (log id ${e.log_id})` : msg;
};

const classify = errorTable<TiktokBody>({
  code: codeOf,
  text: textOf,
  rows: [
    // 401 access_token_invalid: expired or unknown token; a refresh gets a new one.
    { code: "access_token_invalid", kind: "refresh-token", message: (f) => `TikTok no longer accepts the access token (${f.text})` },
    // A scope the user unticked on the consent screen: only connecting again can grant it.
    {
      code: ["scope_not_authorized", "scope_permission_missed"],
      kind: "disconnect",
      message: (f) => `TikTok says this app lacks a permission it needs (${f.text}): reconnect the channel and allow every permission`,
    },
    // The app's daily active-user cap: a refresh cannot help, and it is the operator's to raise.
    {
      code: "reached_active_user_cap",
      kind: "bad-body",
      message: (f) => `TikTok's daily limit of users for this app is reached (${f.text}); try again tomorrow`,
    },
    // 429 rate_limit_exceeded: a one-minute sliding window (tiktok-api-v2-rate-limit). TikTok documents
    // no reset header, so no wait is set here: a Retry-After, when a gateway sends one, is honoured by
    // the fetch, otherwise the publishing engine backs off on its own.
    {
      code: "rate_limit_exceeded",
      kind: "retry",
      message: (f) => `TikTok asks to slow down (${f.text}); the post will be tried again shortly`,
    },
    {
      code: "spam_risk_too_many_posts",
      kind: "bad-body",
      message: (f) => `TikTok's daily post limit for this account is reached (${f.text}); post again tomorrow`,
    },
    {
      code: "spam_risk_too_many_pending_share",
      kind: "bad-body",
      message: (f) =>
        `This account has too many drafts waiting in its TikTok inbox (${f.text}); post or delete them in the TikTok app first`,
    },
    {
      code: "spam_risk_user_banned_from_posting",
      kind: "bad-body",
      message: (f) => `TikTok does not let this account post right now (${f.text})`,
    },
    { code: ["spam_risk_text", "spam_risk"], kind: "bad-body", message: (f) => `TikTok refused the post as possible spam (${f.text})` },
    {
      code: "unaudited_client_can_only_post_to_private_accounts",
      kind: "bad-body",
      message: (f) =>
        `TikTok has not audited this app yet, so it may only post to private accounts (${f.text}): make the TikTok account private or have the app audited`,
    },
    {
      code: "privacy_level_option_mismatch",
      kind: "bad-body",
      message: (f) => `TikTok does not offer this account the chosen privacy level (${f.text}); choose one of the listed options`,
    },
    {
      code: "url_ownership_unverified",
      kind: "bad-body",
      message: (f) => `TikTok refused the media address: its domain is not verified for this app (${f.text})`,
    },
    {
      code: "app_version_check_failed",
      kind: "bad-body",
      message: (f) => `TikTok asks the creator to update the TikTok app before posting (${f.text})`,
    },
    { code: ["invalid_params", "invalid_file_upload"], kind: "bad-body", message: (f) => `TikTok refused the request: ${f.text}` },
    { code: "internal_error", kind: "retry", message: (f) => `TikTok is having trouble (${f.text}); the post will be tried again` },
    // OAuth answers on the API host ({"error":"invalid_grant",…}) or anything else TikTok names.
    { status: 429, kind: "retry", message: (f) => `TikTok asks to slow down (${f.text})` },
    { status: serverError, kind: "retry", message: (f) => `TikTok is having trouble (${f.text}); the post will be tried again` },
    { when: (f) => f.code !== undefined && f.code !== "ok", kind: "bad-body", message: (f) => `TikTok refused the request: ${f.text}` },
  ],
});

export function classifyTiktokError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/**
 * The token endpoint (/v2/oauth/token/) answers OAuth errors, {"error":"invalid_grant",
 * "error_description":"…","log_id":"…"} (doc/oauth-error-handling): a refused code or refresh
 * token means connecting again; only a server error or a throttle is worth another try.
 */
export function classifyTiktokTokenError(body: string, status: number): HandledError {
  let parsed: { error?: unknown; error_description?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    /* not JSON: the status decides */
  }
  const code = typeof parsed.error === "string" ? parsed.error : undefined;
  const text =
    typeof parsed.error_description === "string" && parsed.error_description ? parsed.error_description : code || `HTTP ${status}`;
  if (status >= 500 || status === 429) return { kind: "retry", message: `TikTok's sign-in service is having trouble (${text})` };
  return { kind: "disconnect", message: `TikTok refused the sign-in (${text}): reconnect the channel` };
}

/** Why a publish failed (status/fetch fail_reason), in the user's words. */
export function failReasonText(reason: string | undefined): string {
  const r = (reason ?? "").trim();
  const words: Record<string, string> = {
    file_format_check_failed: "TikTok could not read the file: videos MP4, MOV or WebM (H.264/H.265), photos JPEG or WebP",
    duration_check_failed: "the video's length is outside what this account may post",
    frame_rate_check_failed: "the video's frame rate is outside TikTok's 23–60 fps",
    picture_size_check_failed: "the video or photo is outside TikTok's picture size limits",
    internal: "TikTok had an internal problem processing the video",
    video_pull_failed: "TikTok could not download the video",
    photo_pull_failed: "TikTok could not download the photos",
    publish_cancelled: "the publish was cancelled",
    auth_removed: "the creator removed this app's access",
    spam_risk_too_many_posts: "the account reached TikTok's daily post limit",
    spam_risk_user_banned_from_posting: "TikTok does not let this account post right now",
    spam_risk_text: "TikTok judged the caption as possible spam",
    spam_risk: "TikTok judged the post as possible spam",
  };
  return words[r] ?? (r ? `TikTok reported "${r}"` : "TikTok did not say why");
}
