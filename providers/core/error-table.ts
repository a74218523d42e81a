import type { ErrorKind, HandledError } from "./errors";
import { jsonOrUndefined } from "./json";

// A platform's documented errors are usually a table: "HTTP 401 → the token expired", "error
// AccountTakedown → the account is gone". errorTable() turns such a table, written as data next to
// the fact sheet it comes from, into the provider's handleErrors. The first row whose conditions
// all hold decides; no row → undefined, and SocialAbstract falls back to classifyByStatus.

/** What a row can look at: the status, the documented error code, and the platform's own words. */
export type ErrorFacts<B> = {
  status: number;
  /** The documented error field (Mastodon's `error`, Bluesky's XRPC `error`, LinkedIn's `code`…). */
  code?: string;
  /** The readable message the user is shown (a row's `message` may build on it). */
  text: string;
  /** What `match` is tested against (by default `text`). */
  words: string;
  /** The parsed body ({} when it is not a JSON object). */
  body: B;
};

export type ErrorRow<B = Record<string, unknown>> = {
  /** One status, a list, or a test ("any 5xx": serverError). */
  status?: number | readonly number[] | ((status: number) => boolean);
  /** The documented error code(s) this row is about. */
  code?: string | readonly string[] | ReadonlySet<string>;
  /** A pattern in the platform's words (for errors documented by their text). */
  match?: RegExp;
  /** Anything else the row needs (a numeric sub-code, a field in a nested list). */
  when?: (facts: ErrorFacts<B>) => boolean;
  kind: ErrorKind;
  /** The message shown; default the platform's own text. */
  message?: string | ((facts: ErrorFacts<B>) => string);
  /** How long to wait before retrying, when the documentation says (a daily quota, say). */
  retryAfterMs?: (facts: ErrorFacts<B>) => number | undefined;
};

export type ErrorTable<B = Record<string, unknown>> = {
  /** The documented error field (default: a string `error`, else a string `code`). */
  code?: (body: B) => string | undefined;
  /** The readable message (default: the first of message, error_description, error, detail, title; else the raw body). */
  text?: (body: B, raw: string, status: number) => string;
  /** What `match` rows test (default: the text). */
  words?: (body: B, raw: string, text: string) => string;
  rows: readonly ErrorRow<B>[];
};

/** For `status`: any 5xx. */
export const serverError = (status: number) => status >= 500;

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function defaultCode(body: Record<string, unknown>): string | undefined {
  return str(body.error) ?? str(body.code);
}

function defaultText(body: Record<string, unknown>, raw: string, status: number): string {
  return (
    str(body.message) ??
    str(body.error_description) ??
    str(body.error) ??
    str(body.detail) ??
    str(body.title) ??
    (raw.trim().slice(0, 300) || `HTTP ${status}`)
  );
}

function statusHolds(rule: ErrorRow<unknown>["status"], status: number): boolean {
  if (rule === undefined) return true;
  if (typeof rule === "number") return rule === status;
  if (typeof rule === "function") return rule(status);
  return rule.includes(status);
}

function codeHolds(rule: ErrorRow<unknown>["code"], code: string | undefined): boolean {
  if (rule === undefined) return true;
  if (code === undefined) return false;
  if (typeof rule === "string") return rule === code;
  return "has" in rule ? rule.has(code) : rule.includes(code);
}

/** The body as an object: {} when it is not JSON or not an object (a proxy's HTML page, say). */
export function errorBody<B = Record<string, unknown>>(raw: string): B {
  const j = jsonOrUndefined(raw);
  return (j && typeof j === "object" && !Array.isArray(j) ? j : {}) as B;
}

/** The facts a table's rows are judged on, for one answer. */
export function errorFacts<B = Record<string, unknown>>(table: Omit<ErrorTable<B>, "rows">, raw: string, status: number): ErrorFacts<B> {
  const body = errorBody<B>(raw);
  const code = (table.code ?? (defaultCode as (b: B) => string | undefined))(body);
  const text = (table.text ?? (defaultText as (b: B, r: string, s: number) => string))(body, raw, status);
  const words = table.words ? table.words(body, raw, text) : text;
  return { status, code, text, words, body };
}

/** The first row of `rows` that holds for `facts`, as a HandledError. */
export function classifyByTable<B>(rows: readonly ErrorRow<B>[], facts: ErrorFacts<B>): HandledError | undefined {
  for (const row of rows) {
    if (!statusHolds(row.status, facts.status) || !codeHolds(row.code, facts.code)) continue;
    if (row.match && !row.match.test(facts.words)) continue;
    if (row.when && !row.when(facts)) continue;
    const message = typeof row.message === "function" ? row.message(facts) : (row.message ?? facts.text);
    const retryAfterMs = row.retryAfterMs?.(facts);
    return retryAfterMs === undefined ? { kind: row.kind, message } : { kind: row.kind, message, retryAfterMs };
  }
  return undefined;
}

/** A handleErrors built from the platform's error table. */
export function errorTable<B = Record<string, unknown>>(table: ErrorTable<B>): (body: string, status: number) => HandledError | undefined {
  return (raw, status) => classifyByTable(table.rows, errorFacts(table, raw, status));
}
