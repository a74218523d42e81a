import type { HandledError } from "../core/errors";

// Forem API errors are {"error": "<text>", "status": <code>} (a 422 carries the validation
// sentence, e.g. "Tag list exceed the maximum of 4 tags"); Rack::Attack's 429 is plain text with a
// Retry-After header, which the kit reads. API keys do not expire, so a 401 is a revoked or wrong
// key: the user must paste a new one.

export type ForemError = { error?: string; status?: number };

export function parseForemError(body: string): ForemError {
  try {
    const j = JSON.parse(body) as unknown;
    if (j && typeof j === "object") {
      const { error, status } = j as Record<string, unknown>;
      return { error: typeof error === "string" ? error : undefined, status: typeof status === "number" ? status : undefined };
    }
  } catch {
    /* plain text (the throttle's "Retry later") or a proxy's HTML page */
  }
  return {};
}

/** Validation sentences with advice beyond DEV's own words. */
const HINTS: [RegExp, string][] = [
  [/has already been used in the last five minutes/i, "DEV refuses the same title twice within five minutes; change the title or wait"],
  [/canonical url has already been taken/i, "another published article already uses this canonical URL"],
  [/tag list exceed/i, "keep at most 4 tags"],
  [/non-alphanumeric|prohibited unicode/i, "tags may only hold letters and digits"],
];

export function classifyDevtoError(body: string, status: number): HandledError | undefined {
  const { error } = parseForemError(body);
  const text = error?.trim() || (status === 429 ? "DEV's rate limit was reached" : `HTTP ${status}`);
  if (status === 401)
    return { kind: "disconnect", message: `DEV refused the API key (${text}); generate a new key in DEV's settings and reconnect` };
  if (status === 429 || status >= 500) return { kind: "retry", message: text };
  if (status === 403)
    return {
      kind: "bad-body",
      message: /bots/i.test(text) ? `DEV refused the request as coming from a bot (${text})` : `DEV does not allow this: ${text}`,
    };
  if (status === 404) return { kind: "bad-body", message: `DEV could not find it (${text})` };
  if (status === 422) {
    const hint = HINTS.find(([re]) => re.test(text))?.[1];
    return { kind: "bad-body", message: hint ? `${text} (${hint})` : text };
  }
  return undefined;
}
