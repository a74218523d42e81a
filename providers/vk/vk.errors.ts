import { errorTable, type ErrorRow } from "../core/error-table";
import type { HandledError } from "../core/errors";

// VK API errors (../shared/platforms/vk.md §4; dev.vk.com/en/reference/errors and
// /api/captcha-error; VKCOM/vk-api-schema errors.json): HTTP 200 with
// {"error":{"error_code":5,"error_msg":"User authorization failed: …","request_params":[…]}}.
// Rows go by error_code; the message is VK's error_msg with what to do.

type VkBody = { error?: { error_code?: unknown; error_msg?: unknown } | string };

const codeOf = (b: VkBody) => (b.error && typeof b.error === "object" ? String(b.error.error_code ?? "") || undefined : undefined);
const msgOf = (b: VkBody, raw: string, status: number) =>
  b.error && typeof b.error === "object" && typeof b.error.error_msg === "string" && b.error.error_msg.trim()
    ? b.error.error_msg.trim()
    : raw.trim().slice(0, 300) || `HTTP ${status}`;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const rows: ErrorRow<VkBody>[] = [
  // 5 "User authorization failed" (an expired or revoked token), 1117 "Access token has expired".
  { code: ["5", "1117"], kind: "refresh-token", message: (f) => `VK no longer accepts the sign-in (${f.text})` },
  // 7 "Permission to perform this action is denied" (a permission was not granted), 17 "Validation
  // required", 18 "User was deleted or banned", 25 "Token confirmation required", 3609 "Token extension required".
  {
    code: ["7", "17", "18", "25", "3609"],
    kind: "disconnect",
    message: (f) => `VK refused this app's access (${f.text}): reconnect the channel and grant every permission it asks for`,
  },
  // 6 "Too many requests per second": ~3 a second for a user token; a second later is enough.
  { code: "6", kind: "retry", retryAfterMs: () => SECOND, message: (f) => `VK asks to slow down (${f.text})` },
  // 9 "Flood control": too many of the same action; VK says no more, so a longer pause.
  {
    code: "9",
    kind: "retry",
    retryAfterMs: () => 10 * MINUTE,
    message: (f) => `VK's flood control refused the post (${f.text}); it will be tried again in 10 minutes`,
  },
  // 29 "Rate limit reached" (the method's quota) and 601 "too many actions this day": VK gives no reset time.
  {
    code: ["29", "601"],
    kind: "retry",
    retryAfterMs: () => HOUR,
    message: (f) => `VK's limit for this action is reached (${f.text}); it will be tried again in an hour`,
  },
  // 1 "Unknown error", 10 "Internal server error".
  { code: ["1", "10"], kind: "retry", message: (f) => `VK is having trouble (${f.text}); the post will be tried again` },
  // 14 "Captcha needed": only the person can answer it, in VK.
  {
    code: "14",
    kind: "bad-body",
    message: () => "VK asks for a captcha before this account may post again: open VK, post something by hand, then try again",
  },
  // 15 "Access denied", 210/212/213 wall access, 214 "Access to adding post denied".
  {
    code: ["15", "210", "212", "213", "214"],
    kind: "bad-body",
    message: (f) => `VK refused the post (${f.text}): the account may no longer post on this wall, or comments are closed`,
  },
  { code: "220", kind: "bad-body", message: (f) => `VK refused the post: ${f.text} (too many people mentioned)` },
  { code: "222", kind: "bad-body", message: (f) => `VK refused the post: ${f.text} (this community forbids links)` },
  // 100 invalid parameter, 8 invalid request, 22 upload error, 118 invalid server, 121 invalid hash, 122/129 invalid photo.
  { code: ["8", "22", "100", "118", "121", "122", "129"], kind: "bad-body", message: (f) => `VK refused the request: ${f.text}` },
  // Any other VK error code: VK's own words, not repeated.
  { when: (f) => f.code !== undefined, kind: "bad-body", message: (f) => `VK refused the request: ${f.text}` },
];

const classify = errorTable<VkBody>({ code: codeOf, text: msgOf, rows });

/** An API answer with VK's error envelope (any HTTP status), or undefined for the status rules. */
export function classifyVkError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
