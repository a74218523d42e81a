import type { HandledError } from "../core/errors";

// Reduces Hashnode's error answers to the four outcomes of providers/core/errors.ts: refresh-token,
// retry (with retryAfterMs when the platform says when), bad-body (with the platform's own words)
// and disconnect. Undefined leaves it to the status rules (classifyByStatus in social.abstract.ts):
// 401 refresh-token; 408, 425, 429 and 5xx retry; any other status bad-body.

/** TODO(hashnode): §4 Errors — map its error shapes: a revoked grant, an expired token, its rate-limit and duplicate answers. */
export function classifyHashnodeError(_body: string, _status: number): HandledError | undefined {
  return undefined;
}
