import { errorTable, serverError, type ErrorFacts } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Discord's error answers (../shared/platforms/discord.md §4; opcodes-and-status-codes.mdx): a JSON
// body {"code": <number>, "message": "…"}, validation failures as code 50035 with an `errors` tree
// whose leaves are {"_errors": [{"code", "message"}]}, and 429s as {"message", "retry_after"
// (seconds, decimal), "global"}. Rows go by the numeric code (never a substring of the body, which
// may hold ids with the same digits).

type DiscordBody = { code?: unknown; message?: unknown; errors?: unknown; retry_after?: unknown; global?: unknown };

/** The leaf messages of a 50035 `errors` tree, each with its path: "content: Must be 2000 or fewer in length." */
export function formErrors(errors: unknown, path: string[] = []): string[] {
  if (!errors || typeof errors !== "object") return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (key === "_errors" && Array.isArray(value)) {
      for (const e of value) {
        const message = (e as { message?: unknown })?.message;
        if (typeof message === "string") out.push(`${path.join(".") || "body"}: ${message}`);
      }
    } else out.push(...formErrors(value, [...path, key]));
  }
  return out;
}

const seconds = (f: ErrorFacts<DiscordBody>) => {
  const s = Number(f.body.retry_after);
  return Number.isFinite(s) && s >= 0 ? Math.ceil(s * 1000) : undefined;
};

const GONE = ["50001", "10003", "10004"];

const classify = errorTable<DiscordBody>({
  code: (b) => (typeof b.code === "number" || typeof b.code === "string" ? String(b.code) : undefined),
  rows: [
    {
      status: 429,
      kind: "retry",
      retryAfterMs: seconds,
      message: (f) =>
        f.body.global === true
          ? `Discord is rate limiting this bot everywhere (${f.text}); the post will be tried again after ${seconds(f) ?? "a short"} ms`
          : `Discord is rate limiting this channel (${f.text}); the post will be tried again later`,
    },
    // The channel's write limit and slowmode: wait, then send again.
    { code: ["20028", "20016"], kind: "retry", retryAfterMs: seconds, message: (f) => `Discord asks to slow down: ${f.text}` },
    // The bot's token is the deployment's, not the user's: a refusal is the operator's to fix, and
    // reconnecting the channel would not help.
    {
      status: 401,
      kind: "bad-body",
      message: (f) =>
        `Discord refused the bot's token (${f.text}): the server's operator must set DISCORD_BOT_TOKEN to the app's bot token`,
    },
    {
      code: GONE,
      kind: "disconnect",
      message: (f) =>
        `Discord says ${f.text}: the bot was removed from the server or can no longer see the channel; reconnect the channel to add it again`,
    },
    {
      code: "50013",
      kind: "bad-body",
      message: (f) =>
        `Discord says ${f.text}: the channel's permission overrides deny the bot View Channel, Send Messages, Attach Files or Create Public Threads; allow them for the bot's role`,
    },
    {
      code: "50035",
      kind: "bad-body",
      message: (f) => {
        const details = formErrors(f.body.errors);
        return `Discord refused the message: ${details.length ? details.join("; ") : f.text}`;
      },
    },
    { code: ["40005", "50045"], kind: "bad-body", message: (f) => `Discord refused a file as too large (${f.text})` },
    { status: 413, kind: "bad-body", message: (f) => `Discord refused the request as too large (${f.text})` },
    { code: "30015", kind: "bad-body", message: (f) => `Discord takes at most 10 attachments per message (${f.text})` },
    { code: ["200000", "240000"], kind: "bad-body", message: (f) => `The server's moderation blocked the message (${f.text})` },
    { code: ["50008", "40058", "520002"], kind: "bad-body", message: (f) => `Discord cannot post this here: ${f.text}` },
    { code: "10008", kind: "bad-body", message: (f) => `The message the follow-ups belong under is gone (${f.text})` },
    { status: serverError, kind: "retry", message: (f) => `Discord is having trouble (${f.text}); the post will be tried again later` },
    { status: [400, 403, 404], kind: "bad-body", message: (f) => `Discord refused the request: ${f.text}` },
  ],
});

export function classifyDiscordError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** Discord's numeric error code in an answer's body, when it has one (160004: the thread exists already). */
export function discordCode(body: string | undefined): number | undefined {
  try {
    const code = (JSON.parse(body ?? "") as DiscordBody).code;
    return typeof code === "number" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The token exchange speaks OAuth errors ({"error": "invalid_grant", "error_description"}): a refused code ends the install. */
export function classifyDiscordTokenError(body: string, status: number): HandledError {
  const c = classify(body, status);
  if (status === 429 || status >= 500) return c ?? { kind: "retry", message: `Discord's token endpoint answered HTTP ${status}` };
  let text = `HTTP ${status}`;
  try {
    const b = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    text = [b.error, b.error_description].filter((x) => typeof x === "string").join(": ") || text;
  } catch {
    /* not JSON: the status says it */
  }
  return {
    kind: "disconnect",
    message: `Discord refused the install (${text}): add the bot again, and check DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET`,
  };
}
