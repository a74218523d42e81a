import type { ErrorKind, HandledError } from "../core/errors";

// Hashnode answers GraphQL errors as {"errors":[{"message","extensions":{"code"},"path"}],"data":null},
// usually with HTTP 200 (so hashnode.gql.ts runs this on every answer that carries `errors`, not
// only on failed statuses). Sources: Hashnode/gql-skill SKILL.md ("Pro plan gating"),
// references/mutations.md, auth-and-roles.md, and the fact sheet §4.

export const PRO_PLAN_MESSAGE = "Publication does not have an active Pro plan";

type Row = { kind: ErrorKind; advice?: string };

/** extensions.code → outcome. A token cannot be refreshed, so a refused one means reconnecting. */
const BY_CODE: Record<string, Row> = {
  UNAUTHENTICATED: {
    kind: "disconnect",
    advice: "The personal access token was refused (revoked or invalid): reconnect with a new token.",
  },
  FORBIDDEN: { kind: "bad-body", advice: "The token's account may not publish to this blog (contributors submit drafts for review)." },
  NOT_FOUND: { kind: "bad-body", advice: "The blog, series or post was not found: it may have been deleted or hidden." },
  BAD_USER_INPUT: { kind: "bad-body" },
  GRAPHQL_VALIDATION_FAILED: { kind: "bad-body", advice: "Hashnode's API no longer accepts this request's shape." },
  GRAPHQL_PARSE_FAILED: { kind: "bad-body" },
  BAD_REQUEST: { kind: "bad-body" },
  TOO_MANY_REQUESTS: { kind: "retry" },
  INTERNAL_SERVER_ERROR: { kind: "retry" },
};

export type GqlError = { message?: string; extensions?: { code?: string } };

/** The `errors` array of a GraphQL answer, or undefined when the body is not one. */
export function gqlErrors(body: string): GqlError[] | undefined {
  try {
    const j = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(j.errors) && j.errors.length ? (j.errors as GqlError[]) : undefined;
  } catch {
    return undefined;
  }
}

/** One GraphQL error as an outcome, in Hashnode's words and what to do. */
export function classifyGqlError(e: GqlError): HandledError {
  const text = (e.message ?? "").trim() || "Hashnode refused the request";
  // Pro gating is keyed to the blog, and repeating never helps until the blog is upgraded.
  if (text.includes(PRO_PLAN_MESSAGE))
    return { kind: "bad-body", message: `${text} Hashnode only accepts posts through its API for blogs on Hashnode Pro.` };
  const row = BY_CODE[e.extensions?.code ?? ""];
  if (!row) return { kind: "bad-body", message: text };
  return { kind: row.kind, message: row.advice ? `${text.replace(/\.$/, "")}. ${row.advice}` : text };
}

/** An HTML page where the API should answer: the retired endpoint's announcement, or a Cloudflare block. */
function htmlAnswer(body: string): boolean {
  return /^\s*(<!doctype html|<html)/i.test(body);
}

// Reduces Hashnode's answers to the four outcomes of providers/core/errors.ts. Undefined leaves it
// to the status rules (classifyByStatus: 401 refresh-token; 408, 425, 429 and 5xx retry; else bad-body).
export function classifyHashnodeError(body: string, status: number): HandledError | undefined {
  const errors = gqlErrors(body);
  if (errors) {
    // The most severe outcome among the errors decides: a lost grant beats a refused field.
    const all = errors.map(classifyGqlError);
    const order: ErrorKind[] = ["disconnect", "refresh-token", "bad-body", "retry"];
    const worst = all.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0]!;
    // An HTTP 429 or 5xx is transient whatever the body's code says.
    if (status === 429 || status >= 500) return { kind: "retry", message: worst.message };
    return worst;
  }
  if (htmlAnswer(body) && status < 500) {
    return {
      kind: "bad-body",
      message:
        `Hashnode answered HTTP ${status} with a web page instead of the API. The API moved to https://gql-beta.hashnode.com ` +
        "on 2026-05-13; check HASHNODE_API_URL. This is not a problem with the token.",
    };
  }
  return undefined;
}
