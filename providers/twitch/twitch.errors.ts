import { errorTable } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Twitch's error answers (../shared/platforms/twitch.md §4). Helix answers
// {"error":"Unauthorized","status":401,"message":"…"}; the OAuth server answers
// {"status":400,"message":"Invalid refresh token"}. Rows are tried in order.

// "…must include the user:write:chat scope", "…missing the moderator:manage:announcements scope".
const missingScope = /\bscope\b/i;

const classify = errorTable({
  rows: [
    // A token without the scope the call needs: refreshing keeps the same scopes, so the user must
    // sign in again and approve it.
    {
      status: 401,
      match: missingScope,
      kind: "disconnect",
      message: (f) => `Twitch refused the permission: ${f.text}. Reconnect Twitch and approve every requested permission.`,
    },
    // A wrong Client-Id is the app's configuration, not the user's token.
    {
      status: 401,
      match: /client[- ]id/i,
      kind: "disconnect",
      message: (f) => `Twitch refused the app's client id: ${f.text}. Check TWITCH_CLIENT_ID, then reconnect.`,
    },
    // An expired or revoked access token: renew it once (a revoked grant then fails the refresh).
    { status: 401, kind: "refresh-token" },
    // Banned, timed out, or chat restrictions keep the broadcaster's account from sending.
    { status: 403, kind: "bad-body", message: (f) => `Twitch refused the message: ${f.text}` },
    // Send Chat Message: "The message is too large".
    { status: 422, kind: "bad-body", message: (f) => `Twitch refused the message: ${f.text}` },
    // Helix's bucket or the announcement limit (one per 2 s): the wait is Ratelimit-Reset's, read
    // by the shared fetch (providers/core/rate-limit.ts).
    { status: 429, kind: "retry", message: (f) => `Twitch's rate limit: ${f.text}` },
  ],
});

export function classifyTwitchError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
