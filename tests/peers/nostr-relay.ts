import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { spawnInGroup } from "../../scripts/processes";

// Starts a real Nostr relay (tests/peers/nostr-relay-server.cjs) as a child process on a free
// loopback port, and stops exactly that process: on stop(), and on a failed start.

const SCRIPT = fileURLToPath(new URL("./nostr-relay-server.cjs", import.meta.url));
const CORE_PACKAGE = fileURLToPath(new URL("./node_modules/@nostr-relay/core/package.json", import.meta.url));

export type NostrRelayPeer = { url: string; pid: number; stop(): Promise<void> };

export async function startNostrRelay(opts: { refuse?: string; timeoutMs?: number } = {}): Promise<NostrRelayPeer> {
  if (!existsSync(CORE_PACKAGE)) throw new Error("The Nostr relay is not installed: run `npm install --prefix tests/peers` first");
  const args = [SCRIPT, ...(opts.refuse ? ["--refuse", opts.refuse] : [])];
  const child = spawnInGroup(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_ENV: "test" } });
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const timeoutMs = opts.timeoutMs ?? 20_000;

  let url: string;
  try {
    url = await new Promise((resolve, reject) => {
      let out = "";
      let found: string | undefined;
      const timer = setTimeout(() => reject(new Error(`The Nostr relay did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        for (const line of out.split("\n")) {
          if (line.startsWith("{")) found = (JSON.parse(line) as { url: string }).url;
          if (line.trim() === "READY" && found) {
            clearTimeout(timer);
            resolve(found);
          }
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`The Nostr relay exited (code ${code}) before it was ready:\n${stderr}`));
      });
    });
  } catch (e) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw e;
  }
  child.stdout!.resume();

  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timeout = new Promise<"timeout">((ok) => setTimeout(() => ok("timeout"), 5000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
