import { NextRequest } from "next/server";
import { createApiKey, type ApiScope } from "@/lib/api-keys/keys";
import type { OrgContext } from "@/lib/orgs/context";

// Calls an /api/v1 route handler in-process with an API key, as a client would: no cookies, no
// Origin; the route's dynamic segments as params.

type Handler = (req: NextRequest, route?: { params?: Promise<Record<string, string | string[]> | undefined> }) => Promise<Response>;

export type V1Answer = {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { errors?: { field: string; channel?: string; message: string }[] };
};

export async function v1Call(
  handler: Handler,
  path: string,
  opts: {
    method?: string;
    key?: string | null;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<V1Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const req = new NextRequest(`http://localhost${path}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A key of `ctx`'s organization with these scopes (all three unless said). */
export async function makeKey(ctx: OrgContext, scopes: ApiScope[] = ["read", "write", "publish"], expiresAt?: Date): Promise<string> {
  return (await createApiKey(ctx, { name: `test ${scopes.join("+")}`, scopes, expiresAt })).secret;
}
