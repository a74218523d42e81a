// The small vocabulary every platform failure is reduced to. The publishing engine maps each
// kind to exactly one action.
export type ErrorKind =
  | "refresh-token" // the access token is no longer good: refresh, then retry once
  | "retry" // transient: try again later (after retryAfterMs when known)
  | "bad-body" // the content or settings were refused: fail with the platform's message
  | "disconnect"; // the grant is gone: flag the channel "reconnect needed"

export type HandledError = { kind: ErrorKind; message: string; retryAfterMs?: number };

export class ProviderError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      body?: string;
      mayHavePublished?: boolean;
      /**
       * The request failed on our side of the wire: "tls" (https refused at the TLS layer), "refused" (the
       * outbound guard), "dns" (the host name does not exist), "header" (a credential no HTTP header can carry).
       */
      transport?: "tls" | "refused" | "dns" | "unreachable" | "header";
    } = {},
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** A granted scope set that lacks what the provider needs. */
export class MissingScopesError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `The connection is missing permission${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. Reconnect and approve every requested permission.`,
    );
    this.name = "MissingScopesError";
  }
}

/** Readable text from whatever a platform put in an error body. */
export function platformMessage(body: string, fallback: string): string {
  try {
    const j = JSON.parse(body);
    const m = j.detail ?? j.message ?? j.error_description ?? j.error ?? j.title ?? j.errors?.[0]?.message;
    if (typeof m === "string" && m.trim()) return m.trim();
  } catch {
    /* not JSON */
  }
  return body.trim().slice(0, 300) || fallback;
}
