import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentContext } from "@/lib/auth/current";
import { isAppError, ValidationError } from "@/lib/errors";
import type { ResolvedContext } from "@/lib/orgs/context";
import { fieldErrors } from "@/lib/validation";

// The wrapper every authenticated API route uses: session and organization, then the handler,
// then one mapping from errors to JSON (expected errors say what was wrong; others are logged).
type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (req: NextRequest, ctx: ResolvedContext, params: P) => Promise<unknown>;

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof z.ZodError) e = new ValidationError(fieldErrors(e));
  if (e instanceof ValidationError) {
    return NextResponse.json({ error: e.message, fields: e.fields }, { status: e.status });
  }
  if (isAppError(e)) return NextResponse.json({ error: e.message, field: e.field }, { status: e.status });
  console.error("[api] unexpected error", e);
  return NextResponse.json({ error: "Something went wrong on our side; please try again" }, { status: 500 });
}

export function apiRoute<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await currentContext();
      if (!ctx) return NextResponse.json({ error: "Sign in required" }, { status: 401 });
      const result = await handler(req, ctx, await route.params);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export async function readJson(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ValidationError({ body: "Request body must be valid JSON" });
  }
}
