import { errorTable } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Kick's error answers (../shared/platforms/kick.md §4). The public API answers
// {"data": null | {}, "message": "Unauthorized"}; Cloudflare in front of it answers 403
// {"error": "Request blocked by security policy.", "reference": "…"}. Rows are tried in order; what
// none matches falls to the status rules (401 refresh-token, 429 and 5xx retry, else bad-body).

const classify = errorTable({
  rows: [
    // Cloudflare's block is the network in between, not the user's token or the message.
    {
      status: 403,
      match: /blocked by security policy/i,
      kind: "retry",
      message: (f) => `Kick's firewall blocked the request (${f.text}); it will be tried again later.`,
    },
    // The user cannot chat in the channel (banned, restricted chat).
    { status: 403, kind: "bad-body", message: (f) => `Kick refused the message: ${f.text}` },
    // A token without chat:write: refreshing keeps the same scopes.
    {
      status: 401,
      match: /scope/i,
      kind: "disconnect",
      message: (f) => `Kick refused the permission: ${f.text}. Reconnect Kick and approve every requested permission.`,
    },
    // The bot's daily message quota (KickDevDocs issue #219): nothing to gain by trying again today.
    {
      status: 400,
      match: /quota exceeded/i,
      kind: "bad-body",
      message: (f) => `Kick's daily chat message quota is used up: ${f.text}`,
    },
    { status: [400, 404, 422], kind: "bad-body", message: (f) => `Kick refused the message: ${f.text}` },
  ],
});

export function classifyKickError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
