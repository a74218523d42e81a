import type { z } from "zod";
import type { ApiScope } from "@/lib/api-keys/keys";

// The declaration of one /api/v1 operation: everything the wrapper (handler.ts) enforces and the
// OpenAPI document (openapi.ts) publishes comes from here, so the two cannot disagree.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type AnyObject = z.ZodType<Record<string, unknown>>;

export type Operation<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  /** OpenAPI operationId: unique, camelCase ("listPosts"). */
  id: string;
  method: HttpMethod;
  /** The full path with OpenAPI templates: "/api/v1/posts/{id}" (matches app/api/v1/posts/[id]/route.ts). */
  path: string;
  /** The scope a key needs; null for a public operation (no key, no rate limit). */
  scope: ApiScope | null;
  /** A further scope some inputs need (a post created with mode "schedule" also needs "publish"). */
  extraScope?: {
    scope: ApiScope;
    when: string;
    needed: (input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }) => boolean;
  };
  summary: string;
  description?: string;
  tags: string[];
  /** Path parameters, a z.object of the template's names. */
  params?: P;
  /** Query parameters, a z.object of strings (parsed from the URL's search). */
  query?: Q;
  /** The JSON body. POST/PUT/PATCH without one accept an empty body (or {}). */
  body?: B;
  /**
   * A body that is not JSON (a file upload): the wrapper leaves it unread, so the handler streams
   * it from `req.body`, and the OpenAPI document shows it as binary. Exclusive with `body`.
   */
  rawBody?: {
    description: string;
    /** Headers that describe the body (the file's name, its size): declared in OpenAPI, and part of the Idempotency-Key's request fingerprint. */
    headers: { name: string; required: boolean; description: string }[];
  };
  /** The answer's body on success. Checked against every answer outside production. */
  response: R;
  /** 200 unless said (201 for a creation). */
  successStatus?: number;
  /** For per-channel fields of the body ("targets.1.items.0.text"): the channel id they belong to. */
  channelOfField?: (field: string, body: unknown) => string | undefined;
};

/** Declares an operation; the identity function, there for type inference. */
export function defineOperation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  op: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> {
  return op;
}

/** "/api/v1/posts/{id}" -> "v1/posts/[id]": the route's folder under app/api. */
export const routeFolderOf = (path: string) => path.replace(/^\/api\//, "").replace(/\{(\w+)\}/g, "[$1]");
