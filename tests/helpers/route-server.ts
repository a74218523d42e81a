import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";

// Serves route handlers over real HTTP on 127.0.0.1 (for clients that speak HTTP themselves, such
// as the MCP SDK's client): the request's body is read whole, handed to the handler as a
// NextRequest, and the Response written back.

type Handler = (req: NextRequest) => Promise<Response>;
export type RouteServer = { url: string; close: () => Promise<void> };

export async function serveRoutes(routes: Record<string, Partial<Record<string, Handler>>>): Promise<RouteServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const handler = routes[url.pathname]?.[req.method ?? "GET"];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      const answer = await handler(new NextRequest(url, { method: req.method, headers, body }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
