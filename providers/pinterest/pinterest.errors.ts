import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Pinterest's error answers (../shared/platforms/pinterest.md §4): the Pinterest.Lib.Error body
// {"code": <number>, "message": "..."} (sometimes with "status": "failure"), plus, on 429, a
// "message_detail" that says when the refusal is Pinterest's spam protection rather than a rate limit.

type PinterestError = { code?: unknown; message?: unknown; message_detail?: unknown };

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

const classify = errorTable<PinterestError>({
  code: (b) => (typeof b.code === "number" || typeof b.code === "string" ? String(b.code) : undefined),
  text: (b, raw, status) => str(b.message) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`),
  words: (b, _raw, text) => `${text} ${str(b.message_detail) ?? ""}`,
  rows: [
    // 401 code 2 "Authentication failed.": the access token expired or was revoked; refresh once,
    // and a refused refresh ends the grant (token endpoint, tokenErrors).
    { status: 401, kind: "refresh-token" },
    // 429 whose detail mentions spam: Pinterest refuses the content, waiting will not help.
    {
      status: 429,
      match: /spam/i,
      kind: "bad-body",
      message: (f) => `Pinterest refused the pin as possible spam (${f.text}); change the pin or its link before trying again`,
    },
    { status: 429, kind: "retry", message: (f) => `Pinterest's rate limit was reached (${f.text}); the pin will be tried again later` },
    // 403: a missing scope means signing in again with the permissions; a board the account cannot
    // pin to is the post's problem.
    {
      status: 403,
      match: /scope|consent|permission.*(app|token)|not authorized to access/i,
      kind: "disconnect",
      message: (f) => `Pinterest refused the app's access (${f.text}): reconnect the channel and grant every permission asked for`,
    },
    {
      status: 403,
      kind: "bad-body",
      message: (f) => `Pinterest refused the pin (${f.text}): the account may not pin to this board`,
    },
    // Pinterest could not download a URL it was given (the destination link or a cover image): often transient.
    { match: /unable to reach the url/i, kind: "retry", message: (f) => `Pinterest could not reach a link of the pin (${f.text})` },
    { status: 404, kind: "bad-body", message: (f) => `Pinterest does not know this board or section (${f.text}); pick another board` },
    { status: [400, 409, 413, 415, 422], kind: "bad-body", message: (f) => `Pinterest refused the pin: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `Pinterest is having trouble (${f.text}); the pin will be tried again later` },
  ],
});

export function classifyPinterestError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
