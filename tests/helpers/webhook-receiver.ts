import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A webhook receiver on 127.0.0.1, as a customer would run one: it records every request (headers,
// body, whether the signature checks with the independent `standardwebhooks` package) and answers
// what the test scripts (a status, a Retry-After, a held answer).

export type Received = {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  verified: boolean;
  at: number;
};

export type Answer = { status: number; retryAfter?: string; body?: string } | "hold";

export type Receiver = {
  url: string;
  received: Received[];
  /** Ids answered 2xx, in order (the same id twice = acknowledged twice). */
  acked: string[];
  secret: string | undefined;
  answer: (r: Received) => Answer;
  /** Answers every held request with `status` (or drops them when the worker died). */
  release: (status?: number) => void;
  held: () => number;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const heldRes: { res: http.ServerResponse; id: string }[] = [];
  const r: Receiver = {
    url: "",
    received: [],
    acked: [],
    secret: undefined,
    answer: () => ({ status: 200 }),
    release: (status = 200) => {
      for (const h of heldRes.splice(0)) {
        if (h.res.destroyed) continue;
        if (status < 300) r.acked.push(h.id);
        h.res.writeHead(status).end("ok");
      }
    },
    held: () => heldRes.filter((h) => !h.res.destroyed).length,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(req.headers["webhook-id"]),
        "webhook-timestamp": String(req.headers["webhook-timestamp"]),
        "webhook-signature": String(req.headers["webhook-signature"]),
      };
      let verified = false;
      try {
        if (r.secret) new Webhook(r.secret).verify(body, headers);
        verified = !!r.secret;
      } catch {
        verified = false;
      }
      const rec: Received = {
        id: headers["webhook-id"],
        timestamp: headers["webhook-timestamp"],
        signature: headers["webhook-signature"],
        body,
        event: JSON.parse(body),
        verified,
        at: Date.now(),
      };
      r.received.push(rec);
      const a = r.answer(rec);
      if (a === "hold") return void heldRes.push({ res, id: rec.id });
      if (a.status < 300) r.acked.push(rec.id);
      res.writeHead(a.status, a.retryAfter ? { "retry-after": a.retryAfter } : {}).end(a.body ?? "ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return r;
}
