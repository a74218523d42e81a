import type { HandledError } from "../core/errors";

// WordPress's REST errors are {"code": "<slug>", "message": "<text>", "data": {"status": <http>}}
// (../shared/platforms/wordpress.md §4). The code decides the kind; the message is WordPress's own,
// with what to do added where WordPress's words alone would not say it.

export type WpError = { code?: string; message?: string; params?: Record<string, string> };

export function parseWpError(body: string): WpError {
  try {
    const j = JSON.parse(body) as unknown;
    if (j && typeof j === "object" && !Array.isArray(j)) {
      const { code, message, data } = j as Record<string, unknown>;
      const params = data && typeof data === "object" ? (data as { params?: unknown }).params : undefined;
      return {
        code: typeof code === "string" ? code : undefined,
        message: typeof message === "string" ? stripTags(message) : undefined,
        params: params && typeof params === "object" ? (params as Record<string, string>) : undefined,
      };
    }
  } catch {
    /* not JSON: a host's or security plugin's HTML page */
  }
  return {};
}

// Some core messages carry markup ("<strong>Error:</strong> Unknown username…").
const stripTags = (s: string) => s.replace(/<[^>]*>/g, "").trim();

const HEADER_HINT =
  "Check the user name and application password; if both are right, the web server is not passing the Authorization header on to WordPress";

/** The application password is gone or refused: only the user can fix it, by reconnecting. */
const DISCONNECT: Record<string, string> = {
  incorrect_password: "Create a new application password and reconnect",
  invalid_username: "Reconnect with your WordPress login name (not the application password's name)",
  invalid_email: "Reconnect with your WordPress login name",
  application_passwords_disabled: "Application passwords are off on this site (they need https); ask its administrator",
  application_passwords_disabled_for_user: "Ask the site's administrator to allow application passwords for your account",
  rest_not_logged_in: HEADER_HINT,
};

/** Refused for this post: the account's role, the content or the settings. */
const BAD_BODY = new Set([
  "rest_cannot_create",
  "rest_cannot_publish",
  "rest_cannot_assign_term",
  "rest_cannot_edit_others",
  "rest_invalid_param",
  "rest_missing_callback_param",
  "rest_invalid_featured_media",
  "rest_invalid_author",
  "rest_invalid_term_id",
  "rest_no_route",
  "rest_post_exists",
  "rest_upload_no_data",
  "rest_upload_no_content_disposition",
  "rest_upload_invalid_disposition",
  "rest_upload_no_content_type",
  "rest_upload_sideload_error",
  "rest_upload_file_too_big",
  "rest_upload_limited_space",
  "rest_upload_user_quota_exceeded",
  "rest_upload_image_type_not_supported",
  "rest_forbidden",
]);

const RETRY = new Set(["rest_upload_unknown_error", "db_insert_error"]);

export function classifyWordpressError(body: string, status: number): HandledError | undefined {
  const { code, message, params } = parseWpError(body);
  const text = message || code || `HTTP ${status}`;
  if (code && code in DISCONNECT) return { kind: "disconnect", message: `${text} ${DISCONNECT[code]}.` };
  // WordPress answers a permission check with 401 when nobody is signed in (the password was
  // refused) and 403 when the signed-in account lacks the capability (its role).
  if (code && /^rest_(cannot_|forbidden)/.test(code) && status === 401) return { kind: "disconnect", message: `${text} ${HEADER_HINT}.` };
  if (code === "rest_invalid_param" && params) {
    const detail = Object.values(params).join(" ");
    return { kind: "bad-body", message: detail ? `${text} ${detail}` : text };
  }
  if (code && BAD_BODY.has(code)) return { kind: "bad-body", message: text };
  if (code && RETRY.has(code)) return { kind: "retry", message: text };
  // No JSON: a maintenance page (503) or a firewall's page; a 401/403 page means the request
  // never reached WordPress's authentication, which reconnecting will not fix either.
  if (!code && (status === 401 || status === 403)) return { kind: "disconnect", message: `${text}. ${HEADER_HINT}.` };
  return undefined;
}
