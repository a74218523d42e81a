import { NextRequest } from "next/server";

// Calls an app/api route handler in-process, as Next would: a request to `path` with a JSON body,
// and the route's dynamic segments as params. The caller mocks "@/lib/auth/current" for the session.

type RouteHandler<P> = (req: NextRequest, route: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P extends Record<string, string>>(
  handler: RouteHandler<P>,
  path: string,
  opts: { method?: string; body?: unknown; params?: P } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const init = {
    method: opts.method ?? "GET",
    headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  };
  const res = await handler(new NextRequest(`http://localhost${path}`, init), { params: Promise.resolve(opts.params ?? ({} as P)) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
