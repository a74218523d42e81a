import { rmSync } from "node:fs";
import { portFromEnv } from "@/scripts/free-port.mjs";
import { SERVER_NODE_ARGS, spawnInGroup, stopGroup } from "@/scripts/processes";
import { sleep } from "./support";

// Times API routes through the real app: `npm start` (built if the source changed) on a port of
// its own against the benchmark's database, signed in through Auth.js like a browser, so the
// figures include HTTP, the session and the route wrapper on top of the data functions.

/**
 * `npm start` against the benchmark's database (built if the source changed), on the port the
 * named variable gives or else on a free one, so the bench never fails on a port in use.
 */
export async function startApp(databaseUrl: string, portVariable: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await portFromEnv(process.env, portVariable);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = `.tmp/bench-app-${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    PUBLISH_WORKER: "off",
    ANALYTICS_WORKER: "off",
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.SANDBOX;
  // In a process group of its own: stopping it reaches the next-server and build workers it
  // starts, and the group is stopped however the benchmark ends (an error, Ctrl-C, SIGTERM).
  const server = spawnInGroup(process.execPath, [...SERVER_NODE_ARGS, "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const stop = async () => {
    await stopGroup(server, 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let waited = 0; ; waited += 500) {
      if (server.exitCode !== null) throw new Error(`the app exited: ${log.slice(-2000)}`);
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (waited > 300_000) throw new Error("the app did not start within 5 minutes");
      await sleep(500);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, stop };
}

export async function timeOverHttp(
  databaseUrl: string,
  owner: { email: string; password: string },
  paths: string[],
  runs: number,
): Promise<Record<string, number[]>> {
  const { base, stop } = await startApp(databaseUrl, "BENCH_HTTP_PORT");
  try {
    const cookie = await signIn(base, owner);
    const out: Record<string, number[]> = {};
    for (const path of paths) {
      const ms: number[] = [];
      for (let i = 0; i < runs + 5; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        if (i >= 5) ms.push(performance.now() - t);
      }
      out[path] = ms.sort((a, b) => a - b);
    }
    return out;
  } finally {
    await stop();
  }
}

/** Auth.js credentials sign-in: CSRF token, then the callback; returns the session cookie header. */
async function signIn(base: string, owner: { email: string; password: string }): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email: owner.email, password: owner.password, csrfToken }),
  });
  const session = cookiesOf(res);
  if (!session.includes("session-token")) throw new Error(`signing in failed (${res.status})`);
  return `${jar}; ${session}`;
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
