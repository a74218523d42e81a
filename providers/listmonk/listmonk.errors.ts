import type { HandledError } from "../core/errors";

// Listmonk answers every failure as {"message": "..."} with an HTTP status (docs: apis.md,
// "Failed request"). The documented messages that need more than the status rules
// (classifyByStatus: 401 refresh-token; 408, 425, 429 and 5xx retry; other statuses bad-body)
// are kept as a table, matched on the message so a reworded server still falls back to its status.

type Row = { status: number; message: RegExp; kind: HandledError["kind"]; advice: string };

const RECONNECT = "Check the API user and token in Admin → Users on your Listmonk server, then reconnect the channel.";

const ROWS: Row[] = [
  // v4+: a wrong API user or token, or the legacy admin login after it was removed (listmonk#2106).
  { status: 403, message: /invalid (api )?credentials|invalid session/i, kind: "disconnect", advice: RECONNECT },
  { status: 400, message: /invalid base64/i, kind: "disconnect", advice: RECONNECT },
  // The role lacks a permission: the token still works, so the channel stays; the role needs fixing.
  {
    status: 403,
    message: /permission denied/i,
    kind: "bad-body",
    advice:
      "Give the API user's role that permission in Admin → User roles (campaigns:manage, campaigns:send, lists:get_all, templates:get).",
  },
  { status: 400, message: /no subscribers/i, kind: "bad-body", advice: "Add subscribers to the lists or pick other lists." },
  {
    status: 400,
    message: /only .*(can be started|can be scheduled)|cannot update a running or a finished/i,
    kind: "bad-body",
    advice: "The campaign is no longer a draft on Listmonk.",
  },
  {
    status: 400,
    message: /compiling campaign body|error compiling/i,
    kind: "bad-body",
    advice: "Listmonk reads {{ … }} in the text as template tags; check them.",
  },
];

/** Listmonk's {"message"} text, or the body itself when it is not that shape. */
export function listmonkMessage(body: string): string {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof m === "string" && m.trim()) return m.trim();
  } catch {
    /* not JSON: a proxy's page */
  }
  return body
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

export function classifyListmonkError(body: string, status: number): HandledError | undefined {
  const said = listmonkMessage(body);
  const row = ROWS.find((r) => r.status === status && r.message.test(said));
  if (row) return { kind: row.kind, message: `Listmonk: ${said}. ${row.advice}` };
  // Servers before v4 guard the API with HTTP BasicAuth: a wrong login is a plain 401, and a
  // token cannot be refreshed, so it is a reconnect.
  if (status === 401) return { kind: "disconnect", message: `Listmonk refused the login (${said || "401 Unauthorized"}). ${RECONNECT}` };
  return undefined;
}
