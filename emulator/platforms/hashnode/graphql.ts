import { json, type EmuRequest, type EmuResponse } from "@/emulator/types";

// Hashnode's API is Apollo Server behind one POST endpoint. Errors come in the GraphQL envelope,
// {"errors":[{"message","extensions":{"code"}}],"data":null}: with HTTP 200 for what a resolver
// refuses (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT…), and with HTTP 400 for a request
// Apollo refuses before running it (no query, unknown field, variables of the wrong shape).

export type GqlBody = { query: string; variables: Record<string, unknown>; operationName?: string };

export const gqlError = (status: number, code: string, message: string, path?: string): EmuResponse =>
  json(status, { errors: [{ message, extensions: { code }, ...(path ? { path: [path] } : {}) }], data: null });

/** A resolver's refusal: HTTP 200, as Hashnode answers them. */
export const refused = (code: string, message: string, path?: string) => gqlError(200, code, message, path);

export const data = (d: Record<string, unknown>): EmuResponse => json(200, { data: d });

/** The request's GraphQL body, or Apollo's 400 for one it cannot run. */
export function readBody(req: EmuRequest): GqlBody | EmuResponse {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json")
    return gqlError(400, "BAD_REQUEST", "POST body missing, invalid Content-Type, or JSON object has no keys.");
  let body: Partial<GqlBody>;
  try {
    body = req.json<Partial<GqlBody>>();
  } catch {
    return gqlError(400, "BAD_REQUEST", "POST body is not valid JSON.");
  }
  if (typeof body.query !== "string" || !body.query.trim())
    return gqlError(400, "BAD_REQUEST", "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.");
  const variables = body.variables && typeof body.variables === "object" ? body.variables : {};
  return { query: body.query, variables, operationName: body.operationName };
}

/**
 * The operation's root field ("me", "publishPost"…): the first name inside the outer selection
 * set. The emulator answers one root field per request, with every documented field of its
 * answer whatever the selection asks for.
 */
export function rootField(query: string): string | undefined {
  const start = query.indexOf("{");
  return start < 0 ? undefined : /^\s*([A-Za-z_]\w*)/.exec(query.slice(start + 1))?.[1];
}

/** The PAT from the Authorization header: "Bearer " is optional and case-insensitive. */
export function patOf(req: EmuRequest): string | undefined {
  const raw = (req.headers.authorization ?? "").trim();
  return raw.replace(/^bearer\s+/i, "").trim() || undefined;
}

/** Apollo's answer when a variable's input object has a field its type does not define, or lacks a required one. */
export const coercionError = (variable: string, detail: string) =>
  gqlError(400, "BAD_USER_INPUT", `Variable "$${variable}" got invalid value; ${detail}`);
