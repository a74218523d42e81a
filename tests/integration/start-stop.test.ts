import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/free-port.mjs";
import { groupMembers, spawnInGroup, stopGroup } from "@/scripts/processes";

// `npm start` must end, with everything it started, within a few seconds of SIGTERM whatever it
// is doing. The signal goes to the `npm` process alone, as `kill <pid>` or a service manager sends
// it; npm passes it to a shell that dies without passing it on, so start.ts must notice. The test
// runs `npm start` in a process group of its own and checks that the whole group is gone.
//
// Which phase is exercised depends on the checkout: with no current build, `npm start` is
// stopped while it builds (which costs nothing: a start would have to build anyway); with a
// current build it is stopped once it serves, after its data folder (embedded database and all)
// was deleted under it.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function startApp() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "postmill-start-"));
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL; // the embedded database, as a newcomer's first start has it
  delete env.SANDBOX;
  delete env.NODE_ENV; // vitest sets "test"; a user's npm start has none
  const app = spawnInGroup("npm", ["start"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  app.stdout!.on("data", (d) => (log += d));
  app.stderr!.on("data", (d) => (log += d));
  cleanup = async () => {
    await stopGroup(app, 1000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, dataDir, port, log: () => log };
}

async function secondsUntilGone(pgid: number, limitMs: number): Promise<number> {
  const t = Date.now();
  while (groupMembers(pgid).length && Date.now() - t < limitMs) await sleep(100);
  return groupMembers(pgid).length ? Infinity : (Date.now() - t) / 1000;
}

/** The start.ts process under npm and its shell (its command line names the script). */
function startScriptPid(pgid: number): number {
  const pid = groupMembers(pgid).find((p) => {
    try {
      return (
        readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").includes("scripts/start.ts") &&
        !readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("sh")
      );
    } catch {
      return false;
    }
  });
  if (!pid) throw new Error("start.ts is not running");
  return pid;
}

describe("npm start stops on a signal", () => {
  // SIGTERM to npm (a service manager, `kill <pid>`), or SIGINT to start.ts itself (Ctrl-C reaches
  // every process of the terminal's group; start.ts must stop what it started whatever the others do).
  it.each([
    ["SIGTERM", "npm"],
    ["SIGINT", "start.ts"],
  ] as const)(
    "%s to %s: whether building or serving with its data folder deleted, the whole process group ends within a few seconds",
    { timeout: 120_000 },
    async (signal, target) => {
      const { app, dataDir, port, log } = await startApp();
      const health = () =>
        fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
      let phase: "building" | "serving" | undefined;
      for (const t = Date.now(); !phase && Date.now() - t < 90_000; await sleep(250)) {
        if (app.exitCode !== null) throw new Error(`npm start ended early: ${log()}`);
        if (log().includes("[start] building")) phase = "building";
        else if (await health()) phase = "serving";
      }
      expect(phase, log()).toBeDefined();
      if (phase === "building") {
        // Past the start of `next build`, so its compiler and workers run; the build shows progress.
        for (const t = Date.now(); !/\[build \d+ s\]/.test(log()) && Date.now() - t < 20_000;) await sleep(100);
        expect(log()).toMatch(/\[build \d+ s\]/);
        await sleep(3000);
      } else {
        rmSync(dataDir, { recursive: true, force: true });
        await sleep(2000); // the workers inside the server now fail on the vanished database
      }
      expect(groupMembers(app.pid!).length).toBeGreaterThan(2);
      process.kill(target === "npm" ? app.pid! : startScriptPid(app.pid!), signal);
      const seconds = await secondsUntilGone(app.pid!, 15_000);
      console.log(`npm start (${phase}) ended ${seconds} s after ${signal} to ${target}`);
      expect(seconds, `${phase}: still running ${JSON.stringify(groupMembers(app.pid!))}\n${log().slice(-3000)}`).toBeLessThan(10);
    },
  );
});
