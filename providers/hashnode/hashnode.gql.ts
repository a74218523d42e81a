import { z } from "zod";
import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { retryDelayMs } from "../core/rate-limit";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { classifyHashnodeError, gqlErrors } from "./hashnode.errors";
import { hashnodeManifest } from "./hashnode.manifest";

// Hashnode's API is one GraphQL endpoint taking plain JSON POSTs ({query, variables}); no client
// library is needed. Every call goes through SocialAbstract.fetch (the outbound guard, rate-limit
// waits, error mapping of failed statuses). GraphQL errors usually come with HTTP 200, which fetch
// counts as success, so the answer's `errors` are classified here too: a 200 with errors is never
// a success.

export type GqlCall = {
  token: string;
  ctx?: PublishContext;
  /** What the call does, for messages: "publish the post". */
  action: string;
  /** Mutations that create something are not repeated after an unclear outcome. */
  creates?: boolean;
};

/** The API's address: POST / on gql-beta.hashnode.com, or the override / emulator. */
export const hashnodeEndpoint = () => `${hostOf(hashnodeManifest, "api")}/`;

/** Runs one operation and returns its `data`, checked against `schema`. */
export async function gql<T>(
  client: SocialAbstract,
  call: GqlCall,
  query: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<T> {
  const creates = call.creates ?? false;
  const res = await client.fetch(
    hashnodeEndpoint(),
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) },
    { action: call.action, token: call.token, ctx: call.ctx, idempotent: !creates },
  );
  const text = await res.text();
  const details = { status: res.status, body: text.slice(0, 2000) };

  if (gqlErrors(text)) {
    const handled = classifyHashnodeError(text, res.status)!;
    // GraphQL may answer partial data beside errors: a create whose object came back was made,
    // so it is reported as unconfirmed (never repeated, never called a success).
    if (creates && answered(text, schema))
      throw new ProviderError("retry", `Hashnode returned the new post but also reported an error: ${handled.message}`, {
        ...details,
        mayHavePublished: true,
      });
    const throttled = /TOO_MANY_REQUESTS/.test(text);
    throw new ProviderError(handled.kind, handled.message, {
      ...details,
      retryAfterMs: handled.kind === "retry" ? retryDelayMs(res.headers, throttled ? 429 : res.status) : undefined,
      // A server error on a create may have happened after the post was made; a throttled call was refused before.
      mayHavePublished: handled.kind === "retry" && creates && !throttled,
    });
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const handled = classifyHashnodeError(text, res.status);
    if (handled) throw new ProviderError(handled.kind, handled.message, details);
    throw new ProviderError("retry", `Hashnode sent an unreadable answer while trying to ${call.action}`, {
      ...details,
      mayHavePublished: creates,
    });
  }
  const parsed = z.object({ data: schema }).safeParse(body);
  if (!parsed.success) {
    // The call succeeded without what we asked for: a create probably happened, so it is not repeated.
    throw new ProviderError("retry", `Hashnode answered without the expected fields while trying to ${call.action}`, {
      ...details,
      mayHavePublished: creates,
    });
  }
  return parsed.data.data;
}

/** Whether an answer with errors still carries the data asked for. */
function answered(text: string, schema: z.ZodType): boolean {
  try {
    return z.object({ data: schema }).safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}
