import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { descendantsOf, groupMembers, spawnInGroup, stopGroup, stopTree } from "@/scripts/processes";

// A process that ignores SIGTERM and starts a grandchild that ignores it too: the worst case for
// whoever must stop it (a next-server stuck on a vanished database, a build and its workers).
const STUBBORN = `
  process.on("SIGTERM", () => {});
  require("node:child_process").spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });
  setInterval(() => {}, 1000);
`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean, ms = 20_000) {
  for (const end = Date.now() + ms; !ok() && Date.now() < end;) await sleep(25);
  return ok();
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) [ZX] /.test(spawnSync("cat", [`/proc/${pid}/stat`]).stdout.toString());
  } catch {
    return false;
  }
};

describe("stopping child processes", () => {
  it("stopTree ends a child that ignores SIGTERM and the grandchild it started, within the grace period", async () => {
    const child = spawn(process.execPath, ["-e", STUBBORN], { stdio: "ignore" });
    expect(await until(() => descendantsOf(child.pid!).length === 1)).toBe(true);
    const grandchild = descendantsOf(child.pid!)[0]!;
    const t = Date.now();
    await stopTree(child, 500);
    expect(await until(() => !alive(grandchild) && !alive(child.pid!), 2000)).toBe(true);
    expect(Date.now() - t).toBeLessThan(2500);
  });

  it("stopGroup ends every member of the group, SIGKILL after the grace period", async () => {
    const child = spawnInGroup(process.execPath, ["-e", STUBBORN], { stdio: "ignore" });
    expect(await until(() => groupMembers(child.pid!).length === 2)).toBe(true);
    await stopGroup(child, 500);
    await until(() => groupMembers(child.pid!).length === 0, 3000);
    expect(groupMembers(child.pid!)).toEqual([]);
  });

  // A benchmark that throws, calls process.exit, or is stopped by a signal leaves nothing behind.
  it.each([
    ["throws", "throw new Error('the browser part failed')", undefined],
    ["calls process.exit", "process.exit(3)", undefined],
    ["gets SIGTERM", "setInterval(() => {}, 1000)", "SIGTERM"],
    ["gets SIGINT", "setInterval(() => {}, 1000)", "SIGINT"],
  ] as const)("a process that %s stops the groups it started", { timeout: 20_000 }, async (_, ending, signal) => {
    const dir = mkdtempSync(path.join(tmpdir(), "postmill-groups-"));
    const script = path.join(dir, "starter.ts");
    writeFileSync(
      script,
      `import { spawnInGroup } from ${JSON.stringify(path.resolve("scripts/processes.ts"))};
       const c = spawnInGroup(process.execPath, ["-e", ${JSON.stringify(STUBBORN)}], { stdio: "ignore" });
       console.log(c.pid);
       setTimeout(() => { ${ending} }, 500);`,
    );
    const starter = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    starter.stdout.on("data", (d) => (out += d));
    starter.stderr.on("data", (d) => (out += d));
    expect(await until(() => /^\d+/.test(out), 10_000), out).toBe(true);
    const pgid = Number(/^(\d+)/.exec(out)![1]);
    expect(await until(() => groupMembers(pgid).length === 2)).toBe(true);
    if (signal) starter.kill(signal);
    const code = await new Promise<[number | null, string | null]>((r) => starter.once("exit", (c, s) => r([c, s])));
    // SIGKILL is sent as the starter exits; the kernel may take a moment to end the members.
    await until(() => groupMembers(pgid).length === 0, 3000);
    expect(groupMembers(pgid), out).toEqual([]);
    if (signal) expect(code[1]).toBe(signal); // ended as the signal would have ended it
  });
});
