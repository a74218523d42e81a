import { ProviderError } from "@/providers/core/errors";

// Why a target waits for another attempt, in words a user can act on. A status-based retry carries
// the platform's own error text ("Too many requests", an HTML 502 page…), which says little to a
// marketer; the HTTP status says what happened. Our own messages (no answer, unreadable answer)
// are already sentences and are kept.

export function readableRetryReason(platform: string, e: unknown): string {
  if (!(e instanceof ProviderError)) return `An unexpected problem on our side (${(e as Error)?.message ?? String(e)})`;
  const status = e.details.status;
  if (status === 429) return `${platform} is limiting how often this account may post right now (too many requests)`;
  if (status === 408) return `${platform} took too long to answer (HTTP 408)`;
  if (status === 425 || status === 503) return `${platform} is temporarily unavailable (HTTP ${status})`;
  if (status !== undefined && status >= 500) return `${platform} had a temporary problem on its side (HTTP ${status})`;
  return e.message;
}
