import dns from "node:dns";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadMedia } from "@/lib/publishing/media";
import { BlockedAddressError, outboundFetch, OutboundRefusedError, ResponseTooLargeError } from "@/lib/net/outbound";
import { ProviderError } from "@/providers/core/errors";
import { SocialAbstract } from "@/providers/social.abstract";
import { PRIVATE_EXAMPLES } from "../helpers/private-addresses";

// The outbound guard, dialled for real: a server on 127.0.0.1 stands for the private network and
// counts every request that reaches it. With private networks off, no user-supplied address,
// name, redirect or stored server may reach it.

type Seen = { path: string; headers: IncomingMessage["headers"]; body: string };
let trap: Server;
let trapPort = 0;
let hits: Seen[] = [];
// A second local server, on another origin, for redirects.
let relay: Server;
let relayPort = 0;
let relayHits: Seen[] = [];

function listen(
  record: (s: Seen) => void,
  handle: (req: IncomingMessage, body: string, res: import("node:http").ServerResponse) => void,
): Promise<[Server, number]> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      record({ path: req.url ?? "", headers: req.headers, body });
      handle(req, body, res);
    });
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok([server, (server.address() as { port: number }).port])));
}

beforeAll(async () => {
  [trap, trapPort] = await listen(
    (s) => hits.push(s),
    (req, _body, res) => {
      if (req.url === "/big")
        return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(2 * 1024 * 1024, 1));
      if (req.url === "/big-chunked") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 2));
        return res.end();
      }
      if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
      if (req.url === "/same-origin") return res.writeHead(302, { location: "/landed" }).end();
      if (req.url === "/cross-origin") return res.writeHead(302, { location: `http://127.0.0.1:${relayPort}/landed` }).end();
      if (req.url === "/to-localhost") return res.writeHead(307, { location: `http://localhost:${relayPort}/landed` }).end();
      res.writeHead(200, { "content-type": "image/png" }).end("secret bytes");
    },
  );
  [relay, relayPort] = await listen(
    (s) => relayHits.push(s),
    (_req, _body, res) => res.writeHead(200, { "content-type": "text/plain" }).end("relay"),
  );
});
afterAll(() => {
  for (const s of [trap, relay]) {
    s.closeAllConnections();
    s.close();
  }
});

const saved = { allow: process.env.ALLOW_PRIVATE_NETWORK, sandbox: process.env.PROVIDER_SANDBOX_URL };
beforeEach(() => {
  hits = [];
  relayHits = [];
  delete process.env.ALLOW_PRIVATE_NETWORK;
  delete process.env.PROVIDER_SANDBOX_URL;
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [k, v] of [
    ["ALLOW_PRIVATE_NETWORK", saved.allow],
    ["PROVIDER_SANDBOX_URL", saved.sandbox],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (e: Error) => e,
  );
const literal = (ip: string) => (ip.includes(":") ? `[${ip.replace(/%.*$/, "")}]` : ip);

describe("the guarded agent", () => {
  it.each(PRIVATE_EXAMPLES)("refuses an IP literal in %s (%s) before connecting", async (_label, ip) => {
    const e = await refusal(outboundFetch(`http://${literal(ip)}:${trapPort}/`, { signal: AbortSignal.timeout(5_000) }));
    expect(e).toBeInstanceOf(BlockedAddressError);
  });

  it.each(PRIVATE_EXAMPLES)("refuses a name that resolves into %s (%s): checked after resolution, at connect", async (_label, ip) => {
    const bare = ip.replace(/%.*$/, "");
    vi.spyOn(dns, "lookup").mockImplementation(((_host: string, _opts: unknown, cb: (e: null, a: dns.LookupAddress[]) => void) =>
      cb(null, [{ address: bare, family: bare.includes(":") ? 6 : 4 }])) as unknown as typeof dns.lookup);
    const e = await refusal(outboundFetch(`http://rebinding.example.test:${trapPort}/`, { signal: AbortSignal.timeout(5_000) }));
    expect(e).toBeInstanceOf(BlockedAddressError);
  });

  it("never reaches the local server by IPv4 literal, mapped IPv6 literal, or a name resolving to it", async () => {
    for (const url of [
      `http://127.0.0.1:${trapPort}/`,
      `http://[::ffff:127.0.0.1]:${trapPort}/`,
      `http://[::ffff:7f00:1]:${trapPort}/`,
      `http://localhost:${trapPort}/`,
    ]) {
      expect(await refusal(outboundFetch(url))).toBeInstanceOf(BlockedAddressError);
    }
    expect(hits).toHaveLength(0);
  });

  it("reaches it when the operator allows private networks, and no pooled socket outlives turning that off", async () => {
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    expect(await (await outboundFetch(`http://[::ffff:127.0.0.1]:${trapPort}/`)).text()).toBe("secret bytes");
    expect(await (await outboundFetch(`http://127.0.0.1:${trapPort}/`)).text()).toBe("secret bytes");
    delete process.env.ALLOW_PRIVATE_NETWORK;
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/`))).toBeInstanceOf(BlockedAddressError);
    expect(hits).toHaveLength(2);
  });

  it("checks every redirect hop: an allowed host cannot bounce the request into the private network", async () => {
    // The operator's sandbox origin is the one private origin allowed while private networks are off.
    process.env.PROVIDER_SANDBOX_URL = `http://127.0.0.1:${trapPort}`;
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/cross-origin`))).toBeInstanceOf(BlockedAddressError);
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/to-localhost`))).toBeInstanceOf(BlockedAddressError);
    expect(hits.map((h) => h.path)).toEqual(["/cross-origin", "/to-localhost"]);
    expect(relayHits).toHaveLength(0);
  });

  it("sends FormData uploads through the same agent (multipart encoded, guard applied)", async () => {
    const form = () => {
      const f = new FormData();
      f.set("description", "alt text");
      f.set("file", new Blob([Buffer.from("PNGDATA")], { type: "image/png" }), "a.png");
      return f;
    };
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/upload`, { method: "POST", body: form() }))).toBeInstanceOf(
      BlockedAddressError,
    );
    expect(hits).toHaveLength(0);
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    await outboundFetch(`http://127.0.0.1:${trapPort}/upload`, { method: "POST", body: form() });
    expect(hits[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(hits[0]!.body).toContain('name="description"');
    expect(hits[0]!.body).toContain("PNGDATA");
  });
});

describe("redirects and answers", () => {
  beforeEach(() => {
    process.env.ALLOW_PRIVATE_NETWORK = "1";
  });

  const credentials = {
    authorization: "Bearer user-token",
    cookie: "session=1",
    "x-api-key": "k",
    "proxy-authorization": "Basic x",
    accept: "application/json",
  };

  it("keeps credentials on a same-origin redirect", async () => {
    await outboundFetch(`http://127.0.0.1:${trapPort}/same-origin`, { headers: credentials });
    expect(hits.map((h) => h.path)).toEqual(["/same-origin", "/landed"]);
    expect(hits[1]!.headers.authorization).toBe("Bearer user-token");
    expect(hits[1]!.headers["x-api-key"]).toBe("k");
  });

  it("drops Authorization, Cookie and custom token headers when the origin changes", async () => {
    const res = await outboundFetch(`http://127.0.0.1:${trapPort}/cross-origin`, { headers: credentials });
    expect(await res.text()).toBe("relay");
    expect(relayHits).toHaveLength(1);
    const h = relayHits[0]!.headers;
    expect([h.authorization, h.cookie, h["x-api-key"], h["proxy-authorization"]]).toEqual([undefined, undefined, undefined, undefined]);
    expect(h.accept).toBe("application/json");
  });

  it("a provider's bearer token never follows a platform's redirect to another host", async () => {
    class Platform extends SocialAbstract {
      identifier = "test";
      name = "TestNet";
      handleErrors() {
        return undefined;
      }
    }
    await new Platform().fetch(`http://127.0.0.1:${trapPort}/cross-origin`, {}, { token: "user-token" });
    expect(hits[0]!.headers.authorization).toBe("Bearer user-token");
    expect(relayHits[0]!.headers.authorization).toBeUndefined();
  });

  it("bounds the number of hops", async () => {
    const e = await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/loop`));
    expect(e).toBeInstanceOf(OutboundRefusedError);
    expect(e.message).toMatch(/too many redirects/);
    expect(hits).toHaveLength(6);
  });

  it("caps answer bodies, declared or streamed", async () => {
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/big`, { maxBodyBytes: 1024 * 1024 }))).toBeInstanceOf(
      ResponseTooLargeError,
    );
    expect(await refusal(outboundFetch(`http://127.0.0.1:${trapPort}/big-chunked`, { maxBodyBytes: 1024 * 1024 }))).toBeInstanceOf(
      ResponseTooLargeError,
    );
    expect(
      (await (await outboundFetch(`http://127.0.0.1:${trapPort}/big-chunked`, { maxBodyBytes: 4 * 1024 * 1024 })).arrayBuffer()).byteLength,
    ).toBe(2 * 1024 * 1024);
  });
});

describe("user-supplied addresses at publish time", () => {
  it("refuses a media URL written as a mapped IPv6 loopback, and never fetches it", async () => {
    const e = await refusal(loadMedia("org", [{ url: `http://[::ffff:127.0.0.1]:${trapPort}/pic.png`, mimeType: "image/png" }], 1e6));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringContaining("private network") });
    expect(hits).toHaveLength(0);
  });

  it("refuses a media URL that redirects into the private network", async () => {
    process.env.PROVIDER_SANDBOX_URL = `http://127.0.0.1:${trapPort}`;
    const e = await refusal(loadMedia("org", [{ url: `http://127.0.0.1:${trapPort}/cross-origin`, mimeType: "image/png" }], 1e6));
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(relayHits).toHaveLength(0);
  });

  it("a stored Mastodon server is checked again when publishing", async () => {
    const { MastodonProvider } = await import("@/providers/mastodon/mastodon.provider");
    const channel = {
      id: "c1",
      internalId: "1",
      username: "alice",
      instanceUrl: `http://[::ffff:7f00:1]:${trapPort}`,
      accessToken: "t",
      profile: {},
    };
    const e = await refusal(new MastodonProvider().post(channel, { text: "hello" }, { visibility: "public" } as never));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringContaining("private network") });
    expect(hits).toHaveLength(0);
  });

  it("a stored Bluesky PDS is checked again when publishing", async () => {
    const { BlueskyProvider } = await import("@/providers/bluesky/bluesky.provider");
    const channel = {
      id: "c2",
      internalId: "did:plc:abc",
      username: "alice.test",
      instanceUrl: `http://localhost:${trapPort}`,
      accessToken: "t",
      profile: { service: `http://localhost:${trapPort}`, did: "did:plc:abc", handle: "alice.test" },
    };
    const e = await refusal(new BlueskyProvider().post(channel, { text: "hello" }, {} as never));
    expect(e).toMatchObject({ kind: "bad-body", message: expect.stringContaining("private network") });
    expect(hits).toHaveLength(0);
  });
});
