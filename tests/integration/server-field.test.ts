import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectWithFields, startConnect } from "@/lib/channels/connect";
import { connectError } from "@/lib/channels/provider-errors";
import { AppError, ValidationError } from "@/lib/errors";
import { normalizeServerUrl } from "@/lib/net/public-url";
import { ProviderError } from "@/providers/core/errors";
import { httpClient } from "@/providers/core/transport";
import { makeOwner } from "../helpers/factories";

// The server a user types for a multi-instance platform (a Mastodon server, a Bluesky PDS): typed
// without a scheme it means https; when https fails at the TLS layer (a plain-http server) the
// answer names the field and says so, suggesting http:// only where private networks are allowed.
let plain: Server;
let port = 0;
let owner: Awaited<ReturnType<typeof makeOwner>>;
const saved = { allow: process.env.ALLOW_PRIVATE_NETWORK, sandbox: process.env.PROVIDER_SANDBOX_URL };

beforeAll(async () => {
  owner = await makeOwner("server-field");
  plain = createServer((_req, res) => res.writeHead(404).end("plain http"));
  await new Promise<void>((ok) => plain.listen(0, "127.0.0.1", ok));
  port = (plain.address() as { port: number }).port;
});
afterAll(() => {
  plain.closeAllConnections();
  plain.close();
});
beforeEach(() => {
  process.env.ALLOW_PRIVATE_NETWORK = "1";
  delete process.env.PROVIDER_SANDBOX_URL;
});
afterEach(() => {
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
      throw new Error("expected a refusal");
    },
    (e: Error) => e,
  );

describe("normalizing the server field", () => {
  it("defaults to https and keeps host, port and path", () => {
    expect(normalizeServerUrl("127.0.0.1:4592", "instance")).toBe("https://127.0.0.1:4592");
    expect(normalizeServerUrl("mastodon.example", "instance")).toBe("https://mastodon.example");
    expect(normalizeServerUrl(" HTTPS://Social.Example:8443/ ", "instance")).toBe("https://social.example:8443");
    expect(normalizeServerUrl("http://127.0.0.1:4592/mastodon/", "instance")).toBe("http://127.0.0.1:4592/mastodon");
  });

  it.each([
    ["", /^instance: Server address is required/],
    ["ftp://files.example", /^instance: .*must be a web address starting with https:\/\//],
    ["mastodon example", /^instance: .*not a valid server address/],
    ["https://user:pw@mastodon.example", /^instance: .*user name or password/],
    ["mastodon.example/?x=1", /^instance: .*\? or #/],
  ])("refuses %j, naming the field", (typed, message) => {
    expect(() => normalizeServerUrl(typed, "instance")).toThrow(ValidationError);
    expect(() => normalizeServerUrl(typed, "instance")).toThrow(message);
  });

  it("accepts http:// only where private networks are allowed", () => {
    delete process.env.ALLOW_PRIVATE_NETWORK;
    expect(() => normalizeServerUrl("http://mastodon.example", "instance")).toThrow(/^instance: Server address must use https:\/\//);
  });
});

describe("https refused at the TLS layer", () => {
  it("Mastodon: names the instance field and suggests http:// on a private-network install", async () => {
    const e = await refusal(startConnect(owner, "mastodon", "http://127.0.0.1:5555", { instance: `127.0.0.1:${port}` }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).status).toBe(422);
    expect(Object.keys((e as ValidationError).fields)).toEqual(["instance"]);
    expect(e.message).toMatch(
      new RegExp(
        `^instance: 127\\.0\\.0\\.1:${port} did not accept a secure \\(https\\) connection \\(wrong version number\\)\\. If this server only speaks plain http, type http://127\\.0\\.0\\.1:${port}$`,
      ),
    );
    expect(e.message).not.toMatch(/try again/);
  });

  it("Bluesky: names the service field", async () => {
    const e = await refusal(
      connectWithFields(owner, "bluesky", { service: `127.0.0.1:${port}`, identifier: "alice.test", password: "abcd-efgh-ijkl-mnop" }),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toMatch(
      new RegExp(`^service: 127\\.0\\.0\\.1:${port} did not accept a secure \\(https\\) connection .*type http://127\\.0\\.0\\.1:${port}$`),
    );
  });

  it("suggests no http:// where private networks are not allowed", () => {
    delete process.env.ALLOW_PRIVATE_NETWORK;
    const tls = new ProviderError("retry", "Mastodon could not open a secure (https) connection to social.example: wrong version number", {
      transport: "tls",
    });
    let e: unknown;
    try {
      connectError("Mastodon", tls, { field: "instance", url: "https://social.example" });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as AppError).message).toBe("instance: social.example did not accept a secure (https) connection (wrong version number).");
  });

  it("a server name that does not exist names the field (a 4xx), not a busy platform (a 502)", async () => {
    // The lookup's answer is scripted, so no name is really asked of a resolver.
    const send = httpClient.send;
    let calls = 0;
    httpClient.send = async (url) => {
      calls++;
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(url).hostname}`), { code: "ENOTFOUND" });
    };
    try {
      const e = await refusal(connectWithFields(owner, "devto", { site: "nothing.invalid", apiKey: "key" }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.message).toBe("site: Cannot find the server nothing.invalid");
      // Not asked again and again: the name will not exist a second later either.
      expect(calls).toBe(1);
    } finally {
      httpClient.send = send;
    }
  });

  it("an address where nothing listens names the field (a 4xx), not a busy platform (a 502)", async () => {
    // What undici throws when the port is closed: a TypeError whose cause carries the code.
    const send = httpClient.send;
    httpClient.send = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      });
    };
    try {
      const e = await refusal(connectWithFields(owner, "devto", { site: "blog.example:1", apiKey: "key" }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.message).toBe("site: Nothing answers at blog.example:1: check the address and port");
    } finally {
      httpClient.send = send;
    }
  });
});
