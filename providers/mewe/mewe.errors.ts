import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// MeWe's error answers (../shared/platforms/mewe.md §4): no documented envelope, the body is plain
// text ("Unauthorized", "Enhance Your Calm") or a small JSON object, so the rows go by status and
// the default text (a JSON message/error field, else the raw body) is shown in MeWe's words.

const classify = errorTable({
  rows: [
    // An apiToken cannot be refreshed (§1): when MeWe stops taking it the user signs in again.
    {
      status: 401,
      kind: "disconnect",
      message: (f) => `MeWe no longer accepts this sign-in (${f.text}); its tokens expire and cannot be renewed: reconnect the channel`,
    },
    // 420 "Enhance Your Calm" is MeWe's throttling answer; a Retry-After header, when sent, is honoured by the kit.
    { status: 420, kind: "retry", message: (f) => `MeWe asks to slow down (${f.text}); the post will be tried again later` },
    {
      status: 403,
      kind: "bad-body",
      message: (f) =>
        `MeWe refused the post (${f.text}): the account may not post in this group, the group's rules forbid it, or the app lacks a permission`,
    },
    { status: 413, kind: "bad-body", message: (f) => `MeWe refused the image as too large (${f.text})` },
    { status: 404, kind: "bad-body", message: (f) => `MeWe does not know this group or it is no longer reachable (${f.text})` },
    { status: 400, kind: "bad-body", message: (f) => `MeWe refused the request: ${f.text}` },
    { status: serverError, kind: "retry", message: (f) => `MeWe is having trouble (${f.text}); the post will be tried again later` },
  ],
});

export function classifyMeweError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** The token exchange (GET /api/dev/token): a refused loginRequestToken or app id/key ends the sign-in. */
export function classifyMeweTokenError(body: string, status: number): HandledError | undefined {
  if (status === 401 || status === 403)
    return {
      kind: "disconnect",
      message: `MeWe refused the sign-in (${body.trim().slice(0, 200) || `HTTP ${status}`}): connect again, and check MEWE_APP_ID and MEWE_API_KEY`,
    };
  return classify(body, status);
}
