import { errorBody, errorTable, serverError, type ErrorFacts } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Neynar's error answers (OpenAPI `ErrorRes`): {"code", "message", "property", "status"}, only
// `message` required; request validation fails with a ZodError body {"message": "Invalid ...",
// "code": "InvalidField", "errors": [{path, message, ...}]}. Documented statuses for POST
// /v2/farcaster/cast: 200, 400, 403, 404, 500; 429 when over the API key's rate limit.

type NeynarError = {
  code?: unknown;
  message?: unknown;
  property?: unknown;
  errors?: { path?: unknown; message?: unknown }[];
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** Neynar's message, with the first invalid field of a validation error and what is wrong with it. */
function text(b: NeynarError, raw: string, status: number): string {
  const message = str(b.message) ?? (raw.trim().slice(0, 300) || `HTTP ${status}`);
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  if (!first) return message;
  const path = Array.isArray(first.path) ? first.path.join(".") : "";
  const why = str(first.message);
  return why ? `${message}: ${path ? `${path}: ` : ""}${why}` : message;
}

/** The answer is about the user's signer (revoked, not approved, made with another API key). */
const aboutSigner = (f: ErrorFacts<NeynarError>) => str(f.body.property) === "signer_uuid" || /\bsigner/i.test(f.text);

const classify = errorTable<NeynarError>({
  code: (b) => str(b.code),
  text,
  rows: [
    // The per-user credential: only the user can approve a new signer, so the channel must be connected again.
    {
      status: [400, 401, 403, 404],
      when: aboutSigner,
      kind: "disconnect",
      message: (f) =>
        `${f.text}. The Farcaster signer is no longer approved (revoked in the Farcaster app, or made with another Neynar API key): connect the account again with an approved signer.`,
    },
    // The API key is the server's, not the user's: nothing a reconnect can fix.
    {
      status: 401,
      kind: "bad-body",
      message: (f) => `Neynar refused this server's API key (${f.text}): the server's operator must check NEYNAR_API_KEY.`,
    },
    { status: 429, kind: "retry", message: (f) => `Neynar's rate limit was reached (${f.text}); trying again later.` },
    { status: serverError, kind: "retry" },
    // Text too long, too many embeds, an unknown channel or parent cast: the cast itself must change.
    { status: [400, 403, 404, 409, 422], kind: "bad-body" },
  ],
});

export function classifyFarcasterError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}

/** Neynar's own words in an error answer (for a refusal shown at connect). */
export function neynarMessage(raw: string, status: number): string {
  return text(errorBody<NeynarError>(raw), raw, status);
}
