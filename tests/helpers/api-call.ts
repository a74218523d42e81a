import { NextRequest } from "next/server";

// Calls an app/api route handler in-process, as Next would: a request to `path` with a JSON body,
// and the route's dynamic segments as params. The caller mocks "@/lib/auth/current" for the session.

type RouteHandler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function callRoute(
  handler: RouteHandler,
  path: string,
  opts: { method?: string; body?: unknown; params?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const init = {
    method: opts.method ?? "GET",
    headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  };
  const res = await handler(new NextRequest(`http://localhost${path}`, init), { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
