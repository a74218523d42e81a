import { createServer, type IncomingMessage, type Server } from "node:http";
import { WebSocketServer } from "ws";
import { faultAnswer, type Answer } from "./kit/faults";
import { decideAuthorization } from "./kit/oauth";
import { renderIndex } from "./page";
import { EmulatorState } from "./state";
import { loadPlatformEmulators } from "./load";
import { json, type EmuRequest, type EmuResponse, type PlatformEmulator, type Route } from "./types";

// The platform emulator: every implemented platform's OAuth and API endpoints on one local port,
// checking requests against the documented contracts and answering in the documented shapes.
// A development and test tool; production never starts it.

export type Emulator = { url: string; port: number; state: EmulatorState; platforms: PlatformEmulator[]; stop: () => Promise<void> };

type Compiled = { route: Route; re: RegExp; keys: string[] };

function compile(route: Route): Compiled {
  const keys: string[] = [];
  const re = new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_m, k) => (keys.push(k), "([^/]+)"))}$`);
  return { route, re, keys };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function makeRequest(req: IncomingMessage, url: URL, path: string, body: Buffer, base: string): EmuRequest {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
  return {
    method: req.method ?? "GET",
    path,
    query: url.searchParams,
    headers,
    body,
    base,
    json: <T>() => JSON.parse(body.toString("utf8") || "{}") as T,
    form: () => new URLSearchParams(body.toString("utf8")),
    bearer: () => (headers.authorization?.startsWith("Bearer ") ? headers.authorization.slice(7) : undefined),
  };
}

export async function startEmulator(opts: { port?: number; host?: string; platforms?: PlatformEmulator[] } = {}): Promise<Emulator> {
  const state = new EmulatorState();
  const platforms = opts.platforms ?? (await loadPlatformEmulators());
  const routes = new Map(platforms.map((p) => [p.id, p.routes(state).map(compile)]));
  const host = opts.host ?? "127.0.0.1";
  let origin = "";

  async function control(req: EmuRequest, path: string): Promise<EmuResponse> {
    if (path === "/authorize" && req.method === "POST") return decideAuthorization(state, req);
    if (path === "/posts" && req.method === "GET") {
      const platform = req.query.get("platform");
      return json(200, { posts: state.posts.filter((p) => !platform || p.platform === platform) });
    }
    if (path === "/faults" && req.method === "POST") {
      const f = req.json<{
        platform: string;
        route?: string;
        kind: string;
        times?: number;
        retryAfterSeconds?: number;
        delayMs?: number;
        processed?: boolean;
      }>();
      state.faults.push({
        platform: f.platform,
        route: f.route ?? "*",
        kind: f.kind,
        times: f.times ?? 1,
        retryAfterSeconds: f.retryAfterSeconds ?? 1,
        delayMs: f.delayMs,
        processed: f.processed,
      });
      return json(200, { ok: true, queued: state.faults.length });
    }
    if (path === "/tokens/expire" && req.method === "POST")
      return json(200, { expired: state.expireTokens(req.json<{ platform?: string }>().platform) });
    if (path === "/tokens/ttl" && req.method === "POST") {
      state.accessTtlSeconds = Number(req.json<{ seconds: number }>().seconds);
      return json(200, { ok: true });
    }
    if (path === "/latency" && req.method === "POST") {
      // A slow platform: every API call of `platform` takes `ms` longer (concurrency tests).
      const l = req.json<{ platform: string; ms: number }>();
      state.latencyMs.set(l.platform, Number(l.ms) || 0);
      return json(200, { ok: true });
    }
    if (path === "/rate-limits" && req.method === "POST") {
      state.rateLimits = req.json<{ enabled: boolean }>().enabled !== false;
      return json(200, { enabled: state.rateLimits });
    }
    if (path === "/stats" && req.method === "GET") {
      return json(200, { inFlight: Object.fromEntries(state.inFlight), peakInFlight: Object.fromEntries(state.peakInFlight) });
    }
    if (path === "/stats/reset" && req.method === "POST") {
      state.peakInFlight.clear();
      return json(200, { ok: true });
    }
    if (path === "/history" && req.method === "POST") {
      // Past posts for an account, so its analytics have something to show (see emulator/kit/metrics.ts).
      const h = req.json<{ platform: string; username: string; days?: number }>();
      const platform = platforms.find((p) => p.id === h.platform);
      if (!platform?.seedHistory) return json(400, { error: `The ${h.platform} emulator has no history to seed` });
      if (!h.username) return json(400, { error: "username is required" });
      // The same account the sign-in page makes for this username, created now if it has not signed in yet.
      const account = state.account(h.platform, h.username);
      return json(200, { posts: platform.seedHistory(state, account.id, Math.min(400, Number(h.days) || 120)) });
    }
    if (path === "/reset" && req.method === "POST") {
      state.reset();
      return json(200, { ok: true });
    }
    return json(404, { error: `No emulator control endpoint ${req.method} ${path}` });
  }

  async function dispatch(req: IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? "/", origin);
    const body = await readBody(req);
    if (url.pathname === "/" && req.method === "GET") {
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: renderIndex(state, platforms) };
    }
    if (url.pathname.startsWith("/_emulator/")) {
      return control(makeRequest(req, url, url.pathname, body, origin), url.pathname.slice("/_emulator".length));
    }
    const [, id, ...rest] = url.pathname.split("/");
    const platform = platforms.find((p) => p.id === id);
    if (!platform) return json(404, { error: `The emulator has no platform "${id}"` });
    const path = `/${rest.join("/")}`;
    const now = (state.inFlight.get(platform.id) ?? 0) + 1;
    state.inFlight.set(platform.id, now);
    state.peakInFlight.set(platform.id, Math.max(now, state.peakInFlight.get(platform.id) ?? 0));
    try {
      const latency = state.latencyMs.get(platform.id);
      if (latency) await new Promise((ok) => setTimeout(ok, latency));
      return await route(req, url, platform, path, body);
    } finally {
      state.inFlight.set(platform.id, (state.inFlight.get(platform.id) ?? 1) - 1);
    }
  }

  async function route(req: IncomingMessage, url: URL, platform: PlatformEmulator, path: string, body: Buffer): Promise<Answer> {
    for (const c of routes.get(platform.id)!) {
      const m = c.route.method === req.method ? c.re.exec(path) : null;
      if (!m) continue;
      const emuReq = makeRequest(req, url, path, body, `${origin}/${platform.id}`);
      const params = Object.fromEntries(c.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]));
      const run = () => c.route.handle(emuReq, params);
      return (await faultAnswer(state, platform, c.route.name, run)) ?? run();
    }
    return json(404, { error: `The ${platform.name} emulator has no endpoint ${req.method} ${path}` });
  }

  const server: Server = createServer((req, res) => {
    dispatch(req)
      .then(async (r) => {
        if (r.hangMs) await new Promise((ok) => setTimeout(ok, r.hangMs));
        if (res.destroyed) return;
        const isBuffer = Buffer.isBuffer(r.body) || typeof r.body === "string";
        const headers = { ...(r.body === undefined || isBuffer ? {} : { "content-type": "application/json" }), ...r.headers };
        res.writeHead(r.status, headers);
        res.end(r.body === undefined ? undefined : isBuffer ? (r.body as string | Buffer) : JSON.stringify(r.body));
      })
      .catch((e) => {
        console.error("[emulator]", e);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: `emulator bug: ${(e as Error).message}` }));
      });
  });
  // WebSocket platforms: an upgrade under /<id>/ goes to that platform's socket handler; any other is refused.
  const sockets = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", origin);
    const [, id, ...rest] = url.pathname.split("/");
    const platform = platforms.find((p) => p.id === id);
    if (!platform?.socket) return socket.end("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n");
    sockets.handleUpgrade(req, socket, head, (ws) => platform.socket!(state, ws, { path: `/${rest.join("/")}`, base: `${origin}/${id}` }));
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, host, ok));
  const port = (server.address() as { port: number }).port;
  origin = `http://${host}:${port}`;
  return {
    url: origin,
    port,
    state,
    platforms,
    stop: () =>
      new Promise((ok) => {
        for (const ws of sockets.clients) ws.terminate();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
