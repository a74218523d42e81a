import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { bearerOf, rateHeaders } from "@/lib/api/v1/handler";
import { problemFor, problemResponse } from "@/lib/api/v1/problem";
import { timeZoneOf } from "@/lib/api/v1/time-zone";
import { mcpServerFor } from "@/lib/mcp/server";
import { meter, RateLimitedError, RULES, type Meter } from "@/lib/security/rate-limit";

// POST /api/mcp - the Model Context Protocol endpoint (Streamable HTTP, stateless: every request
// stands alone, answered as JSON). Authenticated and rate-limited exactly as /api/v1: an
// organization API key (Authorization: Bearer pm_…), its scopes per tool, the same per-key limit.
// GET (a server-to-client event stream) and DELETE (ending a session) have no use without
// sessions: 405, which MCP clients understand.

export async function POST(req: Request): Promise<Response> {
  const instance = new URL(req.url).pathname;
  let m: Meter | undefined;
  try {
    const ctx = await authenticateApiKey(bearerOf(req));
    try {
      m = await meter(RULES.apiKey, ctx.apiKey.id);
    } catch (e) {
      if (e instanceof RateLimitedError) m = e.meter;
      throw e;
    }
    const server = mcpServerFor(ctx, await timeZoneOf(ctx));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    const res = await transport.handleRequest(req);
    void server.close().catch(() => {});
    for (const [k, v] of Object.entries(rateHeaders(m))) res.headers.set(k, v);
    return res;
  } catch (e) {
    const p = problemFor(e, instance);
    return problemResponse(p.body, { ...rateHeaders(m), ...p.headers });
  }
}

const notOffered = () =>
  new Response(
    JSON.stringify({
      jsonrpc: "2.0",
      error: { code: -32000, message: "Method not allowed: this MCP server is stateless; use POST" },
      id: null,
    }),
    {
      status: 405,
      headers: { "content-type": "application/json", allow: "POST" },
    },
  );

export const GET = async () => notOffered();
export const DELETE = async () => notOffered();
