import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { spawnInGroup } from "../../scripts/processes";

// Starts the real Bluesky PDS (tests/peers/pds-server.cjs) as a child process for integration
// tests, keeps its PID, and stops exactly that process. Accounts are made with plain XRPC calls.

const SCRIPT = fileURLToPath(new URL("./pds-server.cjs", import.meta.url));
const PDS_PACKAGE = fileURLToPath(new URL("./node_modules/@atproto/pds/package.json", import.meta.url));

export type PdsAccount = { did: string; handle: string; email: string; password: string; appPassword: string; accessJwt: string };
export type XrpcCall = { token?: string; params?: Record<string, string>; body?: unknown };
export type Pds = {
  url: string;
  pid: number;
  /** An account, signed in with its main password, plus an app password named "postmill". */
  createAccountWithAppPassword(handle: string): Promise<PdsAccount>;
  /** A raw XRPC call: GET when there is no body. Throws with the PDS's answer on failure. */
  xrpc<T = Record<string, unknown>>(nsid: string, call?: XrpcCall): Promise<T>;
  stop(): Promise<void>;
};

export async function startPds(opts: { timeoutMs?: number } = {}): Promise<Pds> {
  if (!existsSync(PDS_PACKAGE)) throw new Error("The Bluesky PDS is not installed: run `npm install --prefix tests/peers` first");
  // Its own process group, stopped when the test process ends if the test did not stop it.
  const child = spawnInGroup(process.execPath, [SCRIPT], { stdio: ["ignore", "pipe", "pipe", "ipc"], env: { ...process.env, NODE_ENV: "test" } });
  child.channel?.unref();
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));

  let info: { url: string; dataDir: string };
  try {
    info = await new Promise((resolve, reject) => {
      let out = "";
      let found: { url: string; dataDir: string } | undefined;
      const timer = setTimeout(() => reject(new Error(`The PDS did not start within ${opts.timeoutMs ?? 30_000} ms:\n${stderr}`)), opts.timeoutMs ?? 30_000);
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        for (const line of out.split("\n")) {
          if (line.startsWith("{")) found = JSON.parse(line);
          if (line.trim() === "READY" && found) {
            clearTimeout(timer);
            resolve(found);
          }
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The PDS exited (code ${code}) before it was ready:\n${stderr}`));
      });
    });
  } catch (e) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw e;
  }
  child.stdout!.resume();

  async function xrpc<T>(nsid: string, call: XrpcCall = {}): Promise<T> {
    const query = call.params ? `?${new URLSearchParams(call.params)}` : "";
    const res = await fetch(`${info.url}/xrpc/${nsid}${query}`, {
      method: call.body === undefined ? "GET" : "POST",
      headers: { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}), ...(call.body === undefined ? {} : { "content-type": "application/json" }) },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${nsid} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  return {
    url: info.url,
    pid: child.pid!,
    xrpc,
    async createAccountWithAppPassword(handle) {
      const email = `${handle.split(".")[0]}@example.test`;
      const password = randomBytes(12).toString("hex");
      const created = await xrpc<{ did: string; accessJwt: string }>("com.atproto.server.createAccount", { body: { handle, email, password } });
      const app = await xrpc<{ password: string }>("com.atproto.server.createAppPassword", { token: created.accessJwt, body: { name: "postmill" } });
      return { did: created.did, handle, email, password, appPassword: app.password, accessJwt: created.accessJwt };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timeout = new Promise<"timeout">((ok) => setTimeout(() => ok("timeout"), 5000).unref());
        if ((await Promise.race([exited, timeout])) === "timeout") {
          child.kill("SIGKILL");
          await exited;
        }
      }
      rmSync(info.dataDir, { recursive: true, force: true });
    },
  };
}
