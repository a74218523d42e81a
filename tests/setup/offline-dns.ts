import dns from "node:dns";
import { isIP } from "node:net";
import { syncBuiltinESMExports } from "node:module";

// Tests never ask a real DNS server: every platform they talk to is on 127.0.0.1, and a name that
// reaches the resolver (a fuzzed server field, a platform's real default host) would be a query
// leaving the machine. Here localhost is 127.0.0.1 and every other name does not exist (ENOTFOUND,
// as the resolver would say of an unknown name). IP literals are answered as they are.

type Answer = { address: string; family: number };

function answer(hostname: string): Answer[] | NodeJS.ErrnoException {
  const family = isIP(hostname);
  if (family) return [{ address: hostname, family }];
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return [{ address: "127.0.0.1", family: 4 }];
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests resolve no names but localhost)`), {
    code: "ENOTFOUND",
    errno: -3008,
    syscall: "getaddrinfo",
    hostname,
  });
}

function lookup(hostname: string, options: unknown, callback?: unknown): void {
  const cb = (typeof options === "function" ? options : callback) as (e: Error | null, a?: unknown, f?: number) => void;
  const opts = (
    typeof options === "object" && options !== null ? options : typeof options === "number" ? { family: options } : {}
  ) as dns.LookupOptions;
  const result = answer(hostname);
  process.nextTick(() => {
    if (result instanceof Error) return cb(result);
    const wanted = opts.family === 4 || opts.family === 6 ? result.filter((a) => a.family === opts.family) : result;
    if (!wanted.length) return cb(answer("no-such-name.invalid") as Error);
    if (opts.all) return cb(null, wanted);
    cb(null, wanted[0]!.address, wanted[0]!.family);
  });
}

async function lookupPromise(hostname: string, options?: dns.LookupOptions | number) {
  return new Promise((resolve, reject) =>
    lookup(hostname, options ?? {}, (e: Error | null, address?: unknown, family?: number) =>
      e ? reject(e) : resolve(Array.isArray(address) ? address : { address, family }),
    ),
  );
}

dns.lookup = lookup as unknown as typeof dns.lookup;
dns.promises.lookup = lookupPromise as unknown as typeof dns.promises.lookup;
// Modules that imported `lookup` by name (node:dns/promises) see the replacement too.
syncBuiltinESMExports();
