import "server-only";
import http from "node:http";
import https from "node:https";
import { guardedAgents } from "@/lib/net/guarded-agent";

// One POST to a receiver, through the guarded agents (no private address unless
// ALLOW_PRIVATE_NETWORK=1, checked on the address actually dialled). Not outboundFetch: a receiver
// may answer with a large body we do not want, and it must not fail a 2xx; so only the first bytes
// are kept, the rest is dropped with the connection. Redirects are not followed (a 3xx is a failed
// attempt): a receiver that moved is for its owner to update.

export type PostResult = { ok: true; status: number; snippet: string; retryAfter: string | null } | { ok: false; error: string };

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  capBytes: number,
): Promise<PostResult> {
  const u = new URL(url);
  const lib = u.protocol === "https:" ? https : http;
  const payload = Buffer.from(body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = lib.request(
      u,
      {
        method: "POST",
        agent: guardedAgents[u.protocol as "http:" | "https:"],
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(payload.length),
          "user-agent": "Postmill-Webhooks/1",
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          done({
            ok: true,
            status,
            snippet: Buffer.concat(chunks).toString("utf8").slice(0, capBytes),
            retryAfter: header(res, "retry-after"),
          });
        res.on("data", (d: Buffer) => {
          if (size >= capBytes) return;
          chunks.push(d);
          size += d.length;
          if (size >= capBytes) {
            finish();
            res.destroy();
          }
        });
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ ok: false, error: `no answer within ${Math.round(timeoutMs / 100) / 10} s` });
    }, timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => done({ ok: false, error: e.message || e.code || "connection failed" }));
    req.end(payload);
  });
}

const header = (res: http.IncomingMessage, name: string) => {
  const v = res.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};
