import { ProviderError } from "./errors";

// A platform's answer read as JSON without ever throwing a bare SyntaxError: a proxy's HTML page,
// a truncated body or plain text under a 200 becomes a ProviderError the publishing engine knows
// how to handle ("retry": such answers come from a platform having a bad moment, not from our input).

/**
 * `text` parsed as JSON ({} when empty), or a ProviderError naming the platform and the action.
 * `secret`: the body may carry credentials (a token endpoint answering form-encoded), so neither
 * the message nor the error's details quote it.
 */
export function parseJsonAnswer<T = unknown>(
  text: string,
  platform: string,
  action: string,
  opts: { status?: number; secret?: boolean } = {},
): T {
  if (!text.trim()) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const start = text.trim().slice(0, 80).replace(/\s+/g, " ");
    const what = opts.secret ? "not JSON" : `not JSON: "${start}"`;
    throw new ProviderError("retry", `${platform} sent an unreadable answer (${what}) while trying to ${action}`, {
      status: opts.status,
      ...(opts.secret ? {} : { body: text.slice(0, 500) }),
    });
  }
}

/** Like parseJsonAnswer, for reading an error body: undefined instead of an error when it is not JSON. */
export function jsonOrUndefined(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
