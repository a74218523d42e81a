import http from "node:http";
import { afterEach, expect, it } from "vitest";
import { guardedAgents } from "@/lib/net/guarded-agent";

// An idle kept-alive socket must be dropped by us before the server drops it: reusing one the
// server is closing fails a request with "socket hang up" (seen on an OAuth code exchange, which is
// never repeated). The server here says "Keep-Alive: timeout=2"; the agent lets the socket go a
// second early.
const saved = process.env.ALLOW_PRIVATE_NETWORK;
afterEach(() => {
  if (saved === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = saved;
});

it("drops an idle socket before the server's Keep-Alive timeout", async () => {
  process.env.ALLOW_PRIVATE_NETWORK = "1";
  const server = http.createServer((_req, res) => res.end("ok"));
  server.keepAliveTimeout = 2000;
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  try {
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((ok, fail) =>
      http
        .get({ host: "127.0.0.1", port, agent: guardedAgents["http:"] }, (res) => {
          res.resume();
          res.on("end", ok);
        })
        .on("error", fail),
    );
    const idle = () => Object.values(guardedAgents["http:"].freeSockets).flat().length;
    await new Promise((ok) => setTimeout(ok, 100));
    expect(idle()).toBe(1);
    // After 1.4 s: past the hint less a second (1 s), before the server's own 2 s.
    await new Promise((ok) => setTimeout(ok, 1300));
    expect(idle()).toBe(0);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
