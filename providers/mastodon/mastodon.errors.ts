import { errorTable, serverError } from "../core/error-table";
import { platformMessage, type HandledError } from "../core/errors";

// Mastodon answers every failure as {"error": "<text>"} (OAuth endpoints add error_description), so
// the status code plus a few known texts decide the kind. Rows in the order they are tried.

const OAUTH_REFUSALS = ["invalid_grant", "invalid_client", "invalid_scope", "unauthorized_client", "access_denied", "invalid_request"];

const classify = errorTable<{ error?: unknown }>({
  code: (b) => (typeof b.error === "string" ? b.error : undefined),
  text: (_b, raw, status) => platformMessage(raw, `Mastodon answered HTTP ${status}`),
  rows: [
    // The sign-in itself was refused (token endpoint): only connecting again can help.
    { code: OAUTH_REFUSALS, kind: "disconnect", message: (f) => `Mastodon refused the sign-in: ${f.text}` },
    // Mastodon tokens have no refresh flow; "refresh-token" lets the framework flag a reconnect.
    { status: 401, kind: "refresh-token", message: (f) => `${f.text}. Reconnect the Mastodon account.` },
    {
      status: 403,
      match: /outside the authorized scopes/i,
      kind: "disconnect",
      message: (f) => `${f.text}. Reconnect the Mastodon account and approve every requested permission.`,
    },
    // Login disabled by a moderator, unconfirmed e-mail, or sign-up pending approval.
    { status: 403, kind: "disconnect" },
    // Media still being transcoded: the same request works a moment later.
    { status: 422, match: /not finished processing/i, kind: "retry" },
    { status: 422, kind: "bad-body" },
    { status: 404, kind: "bad-body" },
    { match: /could not be found/i, kind: "bad-body" },
    { status: 429, kind: "retry" },
    { status: serverError, match: /thumbnail/i, kind: "retry" },
  ],
});

export function classifyMastodonError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
