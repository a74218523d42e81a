import type { z } from "zod";
import { API_SCOPES } from "@/lib/api-keys/keys";
import { ruleFromEnv, RULES } from "@/lib/security/rate-limit";
import { IDEMPOTENCY_HEADER, REPLAY_HEADER } from "./idempotency";
import type { Operation } from "./operation";
import { toJsonSchema } from "./json-schema";
import { problemSchema } from "./problem";

// The OpenAPI 3.1 document of /api/v1, generated from the operations' declarations (their zod
// schemas through z.toJSONSchema), never written by hand.

type Json = Record<string, unknown>;

const jsonSchema = toJsonSchema;

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  return shape ?? {};
}

const rateLimitHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

const problemResponse = (description: string, extra: Json = {}) => ({
  description,
  headers: { ...rateLimitHeaders, ...extra },
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  for (const [name, s] of Object.entries(objectShape(op.params)))
    out.push({ name, in: "path", required: true, schema: jsonSchema(s, "input") });
  for (const [name, s] of Object.entries(objectShape(op.query))) {
    const schema = jsonSchema(s, "input");
    out.push({
      name,
      in: "query",
      required: !s.safeParse(undefined).success,
      schema,
      ...(schema.description ? { description: schema.description } : {}),
    });
  }
  for (const h of op.rawBody?.headers ?? [])
    out.push({ name: h.name, in: "header", required: h.required, description: h.description, schema: { type: "string" } });
  if (op.method === "POST" && op.scope) out.push({ $ref: "#/components/parameters/IdempotencyKey" });
  return out;
}

function operationObject(op: Operation): Json {
  const scopes = op.scope ? [op.scope, ...(op.extraScope ? [`${op.extraScope.scope} (${op.extraScope.when})`] : [])] : [];
  const success: Json = {
    description: "Success",
    headers: op.scope
      ? { ...rateLimitHeaders, ...(op.method === "POST" ? { [REPLAY_HEADER]: { $ref: `#/components/headers/${REPLAY_HEADER}` } } : {}) }
      : {},
    content: { "application/json": { schema: jsonSchema(op.response, "output") } },
  };
  const responses: Json = { [String(op.successStatus ?? 200)]: success };
  if (op.scope) {
    responses["401"] = problemResponse("No API key, or one that is unknown, revoked, expired or whose creator left the organization");
    responses["403"] = problemResponse("The API key lacks the scope this operation needs");
    if (op.params) responses["404"] = problemResponse("Not found (including anything of another organization)");
    responses["422"] = problemResponse("Invalid input: one entry per field in errors");
    responses["429"] = problemResponse("Rate limit reached", { "Retry-After": { $ref: "#/components/headers/Retry-After" } });
    if (op.method === "POST")
      responses["409"] = problemResponse(
        "A request with the same Idempotency-Key is still in progress, or the resource's state forbids the change",
      );
  }
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    ...(op.scope ? { security: [{ bearer: [] }], "x-scopes": scopes } : { security: [] }),
    parameters: parameters(op),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
    ...(op.rawBody ? { requestBody: binaryBody(op.rawBody.description) } : {}),
    responses,
  };
}

// The file's own bytes, whatever their type ("*/*"): the server decides the type from the bytes.
const binaryBody = (description: string) => ({
  required: true,
  description,
  content: { "*/*": { schema: { type: "string", format: "binary", contentMediaType: "application/octet-stream" } } },
});

export function buildOpenApi(operations: readonly Operation[], serverUrl = "/"): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  const limit = ruleFromEnv(RULES.apiKey);
  return {
    openapi: "3.1.0",
    info: {
      title: "Postmill API",
      version: "1.0.0",
      description: `The public API of this Postmill server. Authenticate with an organization API key (Settings → API): Authorization: Bearer pm_…. Keys have scopes (${API_SCOPES.join(", ")}); each key may make ${limit.points} requests per ${limit.durationSeconds} seconds. Errors are RFC 9457 problem details. Times are ISO 8601 in UTC.`,
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(operations.flatMap((o) => o.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An organization API key: pm_ followed by 32 letters and digits" },
      },
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      parameters: {
        IdempotencyKey: {
          name: IDEMPOTENCY_HEADER,
          in: "header",
          required: false,
          description:
            "Makes a POST safe to retry: the first answer is kept 24 hours and returned to every request with the same key (with Idempotent-Replayed: true). The same key with another body is 422; while the first request runs, 409.",
          schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
        },
      },
      headers: {
        "RateLimit-Limit": { description: "Requests allowed per window for this API key", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "Requests left in the current window", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" } },
        "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer" } },
        [REPLAY_HEADER]: {
          description: "true when this answer is the stored answer of an earlier request with the same Idempotency-Key",
          schema: { type: "string", enum: ["true"] },
        },
      },
    },
  };
}
