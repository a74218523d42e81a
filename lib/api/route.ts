import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentContext } from "@/lib/auth/current";
import { isAppError, ValidationError } from "@/lib/errors";
import type { ResolvedContext } from "@/lib/orgs/context";
import { storageRefusal } from "@/lib/db/storage-errors";
import { fieldErrors, unsafeTextReason } from "@/lib/validation";

// The wrapper every authenticated API route uses: session and organization, then the handler,
// then one mapping from errors to JSON (expected errors say what was wrong; others are logged).
type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (req: NextRequest, ctx: ResolvedContext, params: P) => Promise<unknown>;

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof z.ZodError) e = new ValidationError(fieldErrors(e));
  e = storageRefusal(e) ?? e;
  if (e instanceof ValidationError) {
    return NextResponse.json({ error: e.message, fields: e.fields }, { status: e.status });
  }
  if (isAppError(e)) return NextResponse.json({ error: e.message, field: e.field }, { status: e.status });
  console.error("[api] unexpected error", e);
  return NextResponse.json({ error: "Something went wrong on our side; please try again" }, { status: 500 });
}

/**
 * Path segments and query values are text the handlers pass on to queries; a NUL (%00) in one
 * would fail in PostgreSQL, so they are refused here, each by its name.
 */
export function checkUrlText(params: Params, search: URLSearchParams): void {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const reason = unsafeTextReason(v);
      if (reason) fields[key] ??= reason;
    }
  }
  for (const [key, value] of search) {
    const reason = unsafeTextReason(key) ?? unsafeTextReason(value);
    if (reason) fields[unsafeTextReason(key) ? "query" : key] ??= reason;
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

export function apiRoute<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, route?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await currentContext();
      if (!ctx) return NextResponse.json({ error: "Sign in required" }, { status: 401 });
      // Next hands routes without dynamic segments params that resolve to undefined.
      const params = ((await route?.params) ?? {}) as P;
      checkUrlText(params, req.nextUrl.searchParams);
      const result = await handler(req, ctx, params);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

const MAX_DEPTH = 32;

/**
 * Every string (and key) of a JSON body, checked once for what no column can hold, so fields the
 * schemas pass through untyped (a channel's settings) cannot carry a NUL or a lone surrogate to
 * the database either. Iterative, with a depth limit: a body nested thousands deep is refused
 * rather than overflowing the stack of whatever walks it next.
 */
export function checkJsonText(value: unknown): void {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: "", depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    const at = path || "body";
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) throw new ValidationError({ [at]: reason });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_DEPTH) throw new ValidationError({ [at]: `is nested more than ${MAX_DEPTH} levels deep` });
    for (const [k, child] of Object.entries(v)) {
      const reason = unsafeTextReason(k);
      if (reason) throw new ValidationError({ [at]: `has a key that ${reason}` });
      stack.push({ v: child, path: path ? `${path}.${k}` : k, depth: depth + 1 });
    }
  }
}

export async function readJson(req: NextRequest): Promise<unknown> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new ValidationError({ body: "Request body must be valid JSON" });
  }
  checkJsonText(body);
  return body;
}
