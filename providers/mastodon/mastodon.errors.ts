import { platformMessage, type HandledError } from "../core/errors";

// Mastodon answers every failure as {"error": "<text>"} (OAuth endpoints add error_description), so
// the status code plus a few known texts decide the kind.

const OAUTH_REFUSALS = new Set([
  "invalid_grant",
  "invalid_client",
  "invalid_scope",
  "unauthorized_client",
  "access_denied",
  "invalid_request",
]);

function errorCode(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as { error?: unknown };
    return typeof j.error === "string" ? j.error : undefined;
  } catch {
    return undefined;
  }
}

export function classifyMastodonError(body: string, status: number): HandledError | undefined {
  const message = platformMessage(body, `Mastodon answered HTTP ${status}`);
  const code = errorCode(body);

  // The sign-in itself was refused (token endpoint): only connecting again can help.
  if (code && OAUTH_REFUSALS.has(code)) return { kind: "disconnect", message: `Mastodon refused the sign-in: ${message}` };

  // Mastodon tokens have no refresh flow; "refresh-token" lets the framework flag a reconnect.
  if (status === 401) return { kind: "refresh-token", message: `${message}. Reconnect the Mastodon account.` };

  if (status === 403) {
    if (/outside the authorized scopes/i.test(message)) {
      return { kind: "disconnect", message: `${message}. Reconnect the Mastodon account and approve every requested permission.` };
    }
    // Login disabled by a moderator, unconfirmed e-mail, or sign-up pending approval.
    return { kind: "disconnect", message };
  }

  if (status === 422) {
    // Media still being transcoded: the same request works a moment later.
    if (/not finished processing/i.test(message)) return { kind: "retry", message };
    return { kind: "bad-body", message };
  }

  if (status === 404 || /could not be found/i.test(message)) return { kind: "bad-body", message };
  if (status === 429) return { kind: "retry", message };
  if (status >= 500 && /thumbnail/i.test(message)) return { kind: "retry", message };
  return undefined;
}
