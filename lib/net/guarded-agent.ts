import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import { addressRange, isSandboxOrigin, privateNetworkAllowed } from "./address-policy";

// The agents every outbound HTTP request of the server goes through (provider APIs, token
// endpoints, media downloads, uploads). The address rule is enforced where the socket connects,
// on the addresses actually dialled: a name is resolved once, here, and only its public addresses
// are handed to the socket, so DNS rebinding (public when checked, private when connected) and
// stored server URLs (checked when typed, years ago) cannot reach the private network. Node skips
// `lookup` for IP literals, so those are checked in createConnection.

/** A connection refused because it would reach a private address. */
export class BlockedAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host === address ? host : `${host} (${address})`} is a private network address; only public servers can be reached (an operator can allow servers on their own network with ALLOW_PRIVATE_NETWORK=1)`,
    );
    this.name = "BlockedAddressError";
  }
}

type LookupAll = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;
type LookupOne = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** dns.lookup that answers only public addresses (all of them when private networks are allowed). */
export const guardedLookup = ((hostname: string, options: dns.LookupOptions, callback: LookupAll | LookupOne) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return (callback as LookupAll)(err, []);
    const allowed = privateNetworkAllowed() ? addresses : addresses.filter((a) => addressRange(a.address) === "unicast");
    if (allowed.length === 0) {
      const blocked = new BlockedAddressError(hostname, addresses[0]?.address ?? hostname);
      return options.all ? (callback as LookupAll)(blocked, []) : (callback as LookupOne)(blocked, "", 0);
    }
    if (options.all) return (callback as LookupAll)(null, allowed);
    (callback as LookupOne)(null, allowed[0]!.address, allowed[0]!.family);
  });
}) as unknown as LookupFunction;

type ConnectOptions = { host?: string | null; hostname?: string | null; port?: number | string | null };
type Callback = (err: Error | null, stream: Duplex) => void;

function guard<T extends ConnectOptions>(options: T, callback?: Callback): T | undefined {
  const host = String(options.host ?? options.hostname ?? "localhost").replace(/^\[|\]$/g, "");
  const port = Number(options.port);
  if (privateNetworkAllowed() || isSandboxOrigin(host, port)) return options;
  if (isIP(host) && addressRange(host) !== "unicast") {
    callback?.(new BlockedAddressError(host, host), undefined as unknown as Duplex);
    return undefined;
  }
  return { ...options, lookup: guardedLookup };
}

// Keep-alive pools are keyed by name; the name carries what was allowed when the socket was opened
// (private networks, the sandbox origin), so a socket to a private address is never reused after
// that changes.
const poolKey = () => (privateNetworkAllowed() ? ":private-ok" : `:public:${process.env.PROVIDER_SANDBOX_URL ?? ""}`);

class GuardedHttpAgent extends http.Agent {
  getName(options?: http.ClientRequestArgs): string {
    return super.getName(options) + poolKey();
  }
  createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const checked = guard(options, callback);
    return checked && super.createConnection(checked, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  getName(options?: https.RequestOptions): string {
    return super.getName(options) + poolKey();
  }
  createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const checked = guard(options, callback);
    return checked && super.createConnection(checked, callback);
  }
}

// An idle kept-alive socket is dropped before the server drops it. Servers close idle connections
// after a while (Node's default is 5 s, and says so in "Keep-Alive: timeout=5"); a socket reused just
// as the server closes it fails with "socket hang up", and a request that must not be repeated (an
// OAuth code exchange, a publish) then fails. Node's agent honours the server's Keep-Alive hint
// (expiring the idle socket a second early) only when the agent has a timeout of its own; this one
// applies to idle sockets only (a request in progress is never cut by it).
const IDLE_SOCKET_MS = 30_000;

/** The one pair of agents the process talks to the outside through. */
export const guardedAgents = {
  "http:": new GuardedHttpAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
  "https:": new GuardedHttpsAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
} as const;
