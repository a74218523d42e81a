import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Slack's error answers (../shared/platforms/slack.md §4; each method's documented errors and the
// common errors): almost always HTTP 200 with {"ok": false, "error": "<code>"} (missing_scope adds
// "needed" and "provided"), a 429 with Retry-After when rate limited. Rows go by the error code.

type SlackBody = { ok?: unknown; error?: unknown; needed?: unknown; provided?: unknown; errors?: unknown };

const said = (b: SlackBody) => (typeof b.error === "string" ? b.error : undefined);

const classify = errorTable<SlackBody>({
  code: said,
  text: (b, raw, status) => said(b) ?? (raw.trim().slice(0, 200) || `HTTP ${status}`),
  rows: [
    { code: "token_expired", kind: "refresh-token", message: "Slack says the token expired (token rotation is on): it is renewed" },
    {
      code: [
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "team_access_not_granted",
        "no_permission",
        "ekm_access_denied",
      ],
      kind: "disconnect",
      message: (f) =>
        `Slack no longer accepts this app's token (${f.code}): the app was removed or its access revoked; reconnect the channel`,
    },
    {
      code: "missing_scope",
      kind: "disconnect",
      message: (f) =>
        `Slack says the app lacks a permission (missing_scope${typeof f.body.needed === "string" ? `: needs ${f.body.needed}` : ""}): reconnect the channel to grant it`,
    },
    {
      code: "channel_not_found",
      kind: "bad-body",
      message:
        "Slack cannot find the channel (channel_not_found): it was deleted, or it is private and the bot is not in it; invite the bot with /invite",
    },
    {
      code: "not_in_channel",
      kind: "bad-body",
      message: "The bot is not in this channel (not_in_channel): invite it with /invite @your-app",
    },
    { code: "is_archived", kind: "bad-body", message: "The Slack channel is archived (is_archived)" },
    { code: "msg_too_long", kind: "bad-body", message: "Slack refused the message as too long (msg_too_long)" },
    {
      code: ["msg_blocks_too_long", "too_many_attachments"],
      kind: "bad-body",
      message: (f) => `Slack refused the message as too large (${f.code})`,
    },
    { code: "no_text", kind: "bad-body", message: "Slack refused an empty message (no_text)" },
    {
      code: ["invalid_blocks", "invalid_blocks_format"],
      kind: "bad-body",
      message: (f) =>
        `Slack refused the message's layout (${f.code}${Array.isArray(f.body.errors) ? `: ${f.body.errors.join("; ")}` : ""})`,
    },
    {
      code: [
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
      ],
      kind: "bad-body",
      message: (f) => `The workspace does not let the bot post here (${f.code})`,
    },
    {
      code: ["cannot_reply_to_message", "thread_not_found"],
      kind: "bad-body",
      message: (f) => `Slack cannot reply in that thread (${f.code})`,
    },
    {
      code: ["file_uploads_disabled", "file_upload_size_restricted", "file_type_not_allowed", "storage_limit_reached", "file_not_found"],
      kind: "bad-body",
      message: (f) => `Slack refused the file (${f.code})`,
    },
    {
      code: ["invalid_arguments", "missing_argument", "invalid_form_data", "invalid_array_arg", "invalid_post_type", "missing_post_type"],
      kind: "bad-body",
      message: (f) => `Slack refused the request (${f.code})`,
    },
    {
      code: ["ratelimited", "rate_limited", "message_limit_exceeded"],
      kind: "retry",
      message: (f) => `Slack is rate limiting this app (${f.code}); the post will be tried again later`,
    },
    { status: 429, kind: "retry", message: (f) => `Slack is rate limiting this app (${f.text})` },
    {
      code: ["internal_error", "fatal_error", "service_unavailable", "request_timeout"],
      kind: "retry",
      message: (f) => `Slack is having trouble (${f.code})`,
    },
    { status: serverError, kind: "retry", message: (f) => `Slack is having trouble (${f.text}); the post will be tried again later` },
  ],
});

export function classifySlackError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** oauth.v2.access: a refused code, client or refresh token ends the connection; the rest as above. */
export function classifySlackTokenError(body: string, status: number): HandledError {
  const c = classify(body, status);
  if (c && c.kind === "retry") return c;
  let code = `HTTP ${status}`;
  try {
    code = (JSON.parse(body) as SlackBody).error as string;
  } catch {
    /* not JSON */
  }
  return {
    kind: "disconnect",
    message: `Slack refused the sign-in (${code}): connect again, and check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET`,
  };
}
