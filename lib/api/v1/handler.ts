import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticateApiKey, ApiKeyRefused, type ApiKeyContext } from "@/lib/api-keys/keys";
import { checkJsonText, checkUrlText } from "@/lib/api/route";
import { ValidationError } from "@/lib/errors";
import { meter, RateLimitedError, RULES, type Meter } from "@/lib/security/rate-limit";
import { fieldErrors } from "@/lib/validation";
import { claimIdempotencyKey, idempotencyKeyOf, requestHash, REPLAY_HEADER, storeIdempotentAnswer } from "./idempotency";
import type { Operation } from "./operation";
import { ProblemError, problemFor, problemResponse } from "./problem";

// The one wrapper of every /api/v1 route: API key (Authorization: Bearer; cookies mean nothing
// here), per-key rate limit, scope, validation with the operation's own schemas, Idempotency-Key
// on POST, then the handler; every refusal is problem details. Nothing a client sends can end in
// a 5xx: input is checked before any handler sees it, and the database's own refusals are
// mapped to 422.

type Params = Record<string, string | string[]>;
export type V1Input<O extends Operation> = {
  ctx: ApiKeyContext;
  params: z.output<NonNullable<O["params"]>>;
  query: z.output<NonNullable<O["query"]>>;
  body: z.output<NonNullable<O["body"]>>;
  req: NextRequest;
};
export type V1Handler<O extends Operation> = (input: V1Input<O>) => Promise<z.input<O["response"]>>;
/** A route's exported method: callable by Next, and carrying its declaration for the spec test. */
export type V1Route = ((req: NextRequest, route?: { params?: Promise<Params | undefined> }) => Promise<Response>) & {
  operation: Operation;
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

export function rateHeaders(m: Meter | undefined): Record<string, string> {
  return m
    ? { "RateLimit-Limit": String(m.limit), "RateLimit-Remaining": String(m.remaining), "RateLimit-Reset": String(m.resetSeconds) }
    : {};
}

export function bearerOf(req: Request): string {
  const header = req.headers.get("authorization");
  if (!header) throw new ApiKeyRefused("Send an API key: Authorization: Bearer <key> (keys are created in Settings → API)");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiKeyRefused("The Authorization header must be: Bearer <key>");
  return m[1]!;
}

function parseWith<S extends z.ZodType>(schema: S | undefined, value: unknown): z.output<S> | undefined {
  if (!schema) return undefined;
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  throw new ValidationError(fieldErrors(res.error));
}

async function bodyOf(req: NextRequest, op: Operation): Promise<{ text: string; value: unknown }> {
  if (req.method === "GET" || req.method === "DELETE") return { text: "", value: undefined };
  // A raw body (a file) is the handler's to stream; what stands for it in the Idempotency-Key's
  // fingerprint is its describing headers (type, length, name), not bytes we would have to buffer.
  if (op.rawBody) {
    const described = ["content-type", "content-length", ...op.rawBody.headers.map((h) => h.name.toLowerCase())];
    return { text: described.map((h) => `${h}: ${req.headers.get(h) ?? ""}`).join("\n"), value: undefined };
  }
  const text = await req.text();
  if (!text.trim()) return { text, value: op.body ? undefined : {} };
  const type = req.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  if (!JSON_TYPE.test(type))
    throw new ProblemError(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      "content-type: the request body must be JSON (application/json)",
      {},
      [{ field: "content-type", message: "must be application/json" }],
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError({ body: "Request body must be valid JSON" });
  }
  checkJsonText(value);
  return { text, value };
}

export function v1Handler<O extends Operation>(op: O, handler: V1Handler<O>): V1Route {
  const route = async (req: NextRequest, routeArgs?: { params?: Promise<Params | undefined> }): Promise<Response> => {
    const instance = req.nextUrl.pathname;
    let m: Meter | undefined;
    let body: unknown;
    try {
      let ctx: ApiKeyContext | null = null;
      if (op.scope) {
        ctx = await authenticateApiKey(bearerOf(req));
        try {
          m = await meter(RULES.apiKey, ctx.apiKey.id);
        } catch (e) {
          if (e instanceof RateLimitedError) m = e.meter;
          throw e;
        }
        if (!ctx.apiKey.scopes.includes(op.scope)) throw missingScope(op.scope, ctx);
      }
      const rawParams = ((await routeArgs?.params) ?? {}) as Params;
      checkUrlText(rawParams, req.nextUrl.searchParams);
      const params = parseWith(op.params, rawParams) ?? {};
      const query = parseWith(op.query, Object.fromEntries(req.nextUrl.searchParams)) ?? {};
      const raw = await bodyOf(req, op);
      body = raw.value;
      const parsedBody = op.body ? parseWith(op.body, raw.value) : undefined;
      if (ctx && op.extraScope?.needed({ params, query, body: parsedBody } as never) && !ctx.apiKey.scopes.includes(op.extraScope.scope))
        throw missingScope(op.extraScope.scope, ctx, op.extraScope.when);
      const idemKey = req.method === "POST" && ctx ? idempotencyKeyOf(req.headers) : null;
      let claimId: string | null = null;
      if (ctx && idemKey) {
        const claim = await claimIdempotencyKey(ctx, idemKey, requestHash(req.method, instance + req.nextUrl.search, raw.text));
        if (claim.kind === "replay") return answer(claim.status, claim.body, { ...rateHeaders(m), [REPLAY_HEADER]: "true" });
        claimId = claim.id;
      }
      const run = async (): Promise<[number, unknown, Record<string, string>]> => {
        try {
          const result = await handler({ ctx: ctx!, params, query, body: parsedBody, req } as V1Input<O>);
          checkAnswer(op, result);
          return [op.successStatus ?? 200, result, {}];
        } catch (e) {
          const p = problemFor(e, instance, op.channelOfField && ((f) => op.channelOfField!(f, body)));
          return [p.body.status, p.body, p.headers];
        }
      };
      const [status, result, headers] = await run();
      const text = JSON.stringify(result);
      if (ctx && claimId) await storeIdempotentAnswer(ctx, claimId, status, text);
      return answer(status, text, { ...rateHeaders(m), ...headers });
    } catch (e) {
      const p = problemFor(e, instance, op.channelOfField && ((f) => op.channelOfField!(f, body)));
      return problemResponse(p.body, { ...rateHeaders(m), ...p.headers });
    }
  };
  return Object.assign(route, { operation: op as Operation });
}

/** A JSON answer from its text: a replay sends the stored text of the first answer unchanged. */
function answer(status: number, text: string, headers: Record<string, string>): Response {
  const problem = status >= 400;
  return new Response(text, {
    status,
    headers: { "content-type": problem ? "application/problem+json" : "application/json", ...headers },
  });
}

function missingScope(scope: string, ctx: ApiKeyContext, when?: string): ProblemError {
  return new ProblemError(
    403,
    "missing-scope",
    "Missing scope",
    `This API key ("${ctx.apiKey.name}", scopes: ${ctx.apiKey.scopes.join(", ") || "none"}) lacks the "${scope}" scope${when ? `, needed ${when}` : ""}`,
  );
}

/** Outside production, an answer that does not match its declared schema is our bug: fail loudly in tests. */
function checkAnswer(op: Operation, result: unknown): void {
  if (process.env.NODE_ENV === "production") return;
  const res = op.response.safeParse(result);
  if (!res.success)
    throw new Error(
      `${op.method} ${op.path}: the answer does not match its declared response schema: ${JSON.stringify(fieldErrors(res.error))}`,
    );
}
