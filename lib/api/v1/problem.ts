import { z } from "zod";
import { ApiKeyRefused } from "@/lib/api-keys/keys";
import { storageRefusal } from "@/lib/db/storage-errors";
import { isAppError, ValidationError } from "@/lib/errors";
import { RateLimitedError } from "@/lib/security/rate-limit";
import { fieldErrors } from "@/lib/validation";

// Every refusal of /api/v1 as RFC 9457 problem details (application/problem+json). `type` is a
// stable URN per kind of problem a client can branch on; `errors` lists, for bad input, one
// entry per field with the UI's own message and, when the field belongs to one channel of a
// post, that channel's id.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = z
  .object({
    type: z.string().describe("A URN naming the kind of problem, e.g. urn:postmill:problem:validation"),
    title: z.string().describe("A short summary of the kind of problem"),
    status: z.number().int().describe("The HTTP status code"),
    detail: z.string().describe("What went wrong with this request, in words"),
    instance: z.string().describe("The path of the request"),
    errors: z
      .array(
        z.object({
          field: z
            .string()
            .describe('The input field, as a dotted path: "targets.0.items.1.text", a query parameter, a path parameter or a header'),
          channel: z.string().optional().describe("The channel id the field belongs to, for a post's per-channel fields"),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .describe("RFC 9457 problem details");
export type Problem = z.infer<typeof problemSchema>;

const KINDS: Record<number, [slug: string, title: string]> = {
  400: ["bad-request", "Bad request"],
  401: ["unauthorized", "Authentication required"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not found"],
  405: ["method-not-allowed", "Method not allowed"],
  409: ["conflict", "Conflict"],
  413: ["too-large", "Request too large"],
  415: ["unsupported-media-type", "Unsupported media type"],
  422: ["validation", "Invalid input"],
  429: ["rate-limited", "Too many requests"],
  500: ["internal", "Internal error"],
};

/** A refusal the wrapper raises itself, with a specific problem type (missing scope, idempotency conflicts). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: Problem["errors"],
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}

export type ChannelOfField = (field: string) => string | undefined;

export function problem(status: number, detail: string, instance: string, more: Partial<Problem> = {}): Problem {
  const [slug, title] = KINDS[status] ?? (status >= 500 ? KINDS[500]! : KINDS[400]!);
  return { type: `urn:postmill:problem:${slug}`, title, status, detail, instance, ...more };
}

function validationErrors(fields: Record<string, string>, channelOf?: ChannelOfField): NonNullable<Problem["errors"]> {
  return Object.entries(fields).map(([field, message]) => {
    const channel = channelOf?.(field);
    return channel ? { field, channel, message } : { field, message };
  });
}

/** The problem (and extra headers) for anything a v1 handler threw. Unexpected errors are logged and never described. */
export function problemFor(e: unknown, instance: string, channelOf?: ChannelOfField): { body: Problem; headers: Record<string, string> } {
  if (e instanceof z.ZodError) e = new ValidationError(fieldErrors(e));
  e = storageRefusal(e) ?? e;
  if (e instanceof ProblemError) {
    const body = { ...problem(e.status, e.detail, instance), type: `urn:postmill:problem:${e.slug}`, title: e.title };
    return { body: e.errors ? { ...body, errors: e.errors } : body, headers: e.headers };
  }
  if (e instanceof ValidationError) {
    return { body: problem(422, e.message, instance, { errors: validationErrors(e.fields, channelOf) }), headers: {} };
  }
  if (e instanceof RateLimitedError)
    return { body: problem(429, e.message, instance), headers: { "Retry-After": String(e.retryAfterSeconds) } };
  if (e instanceof ApiKeyRefused)
    return { body: problem(401, e.message, instance), headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } };
  if (isAppError(e)) {
    const status = e.status;
    const errors =
      status === 422 && e.field
        ? validationErrors({ [e.field]: e.message.replace(new RegExp(`^${e.field}: `), "") }, channelOf)
        : undefined;
    return { body: problem(status, e.message, instance, errors ? { errors } : {}), headers: {} };
  }
  console.error("[api v1] unexpected error", e);
  return { body: problem(500, "Something went wrong on our side; please try again", instance), headers: {} };
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers } });
}
