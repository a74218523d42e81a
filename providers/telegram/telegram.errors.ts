import { errorTable, serverError } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Telegram's error answers (Bot API "Making requests": {"ok":false,"error_code","description",
// "parameters":{"retry_after","migrate_to_chat_id"}}), reduced to the four outcomes of
// providers/core/errors.ts. The API documents errors by their description text, so the rows match
// it; the HTTP status equals error_code.

type TelegramError = {
  ok?: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
};

const RELINK = "Add the bot to the chat again as an administrator and link it again from the Channels page.";

const classify = errorTable<TelegramError>({
  code: () => undefined,
  text: (b, raw, status) => (typeof b.description === "string" && b.description.trim()) || raw.trim().slice(0, 300) || `HTTP ${status}`,
  rows: [
    // Flood control: every call of the bot may be held until retry_after has passed.
    {
      status: 429,
      kind: "retry",
      retryAfterMs: (f) => (typeof f.body.parameters?.retry_after === "number" ? f.body.parameters.retry_after * 1000 : undefined),
    },
    // The chat removed the bot, or it lost the right to post: the channel needs linking again.
    {
      status: 403,
      match: /bot was kicked|bot is not a member|not enough rights|have no rights|bot was blocked|user is deactivated/i,
      kind: "disconnect",
      message: (f) => `Telegram: ${f.text}. ${RELINK}`,
    },
    {
      status: 400,
      match: /chat not found|need administrator rights|not enough rights|CHAT_WRITE_FORBIDDEN|have no rights to send/i,
      kind: "disconnect",
      message: (f) => `Telegram: ${f.text}. ${RELINK}`,
    },
    // A group that became a supergroup has a new id: the old one no longer works.
    {
      status: 400,
      match: /upgraded to a supergroup/i,
      kind: "disconnect",
      message: (f) =>
        `Telegram: ${f.text} (new id ${f.body.parameters?.migrate_to_chat_id ?? "unknown"}). Link the supergroup again from the Channels page.`,
    },
    // The deployment's bot token was revoked or mistyped: an operator matter, not the chat's; reconnecting would not help.
    {
      status: [401, 404],
      kind: "bad-body",
      message: (f) => `Telegram refused this server's bot token (${f.text}): the operator must set a valid TELEGRAM_BOT_TOKEN.`,
    },
    // Another program reads the bot's updates (or a webhook is set): only one may.
    { status: 409, kind: "retry", message: (f) => `Telegram: ${f.text}` },
    { status: 413, kind: "bad-body", message: () => "Telegram: the file is too large (413 Request Entity Too Large)" },
    { status: serverError, kind: "retry" },
    { status: 400, kind: "bad-body", message: (f) => `Telegram: ${f.text}` },
  ],
});

export function classifyTelegramError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
