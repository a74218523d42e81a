import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Child processes that never outlive whoever started them. An orphaned `next-server` once spun at
// 70% CPU for 25 minutes after a benchmark failed, so every process started by `npm start`, the
// benchmarks and the test helpers is stopped on every path: by process group where the starter
// owns the child (spawnInGroup/stopGroup), by process tree where the child must stay in its
// parent's group (stopTree: `npm start`, whose supervisor may kill that group with SIGKILL).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

type Proc = { pid: number; ppid: number; pgrp: number };

/** Live (not zombie) processes from /proc; null where there is no /proc (not Linux). */
function processTable(): Proc[] | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const out: Proc[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${e}/stat`, "utf8");
    } catch {
      continue; // ended while we read
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
    const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state !== "Z" && state !== "X") out.push({ pid: Number(e), ppid: Number(ppid), pgrp: Number(pgrp) });
  }
  return out;
}

/** Every live descendant of pid (children, their children…); empty where /proc is missing. */
export function descendantsOf(pid: number): number[] {
  const table = processTable() ?? [];
  const out: number[] = [];
  for (let queue = [pid]; queue.length;) {
    const parent = queue.shift()!;
    for (const p of table) {
      if (p.ppid !== parent) continue;
      out.push(p.pid);
      queue.push(p.pid);
    }
  }
  return out;
}

/** Live members of a process group (zombies, which hold no resources, are not counted). */
export function groupMembers(pgid: number): number[] {
  const table = processTable();
  if (table) return table.filter((p) => p.pgrp === pgid).map((p) => p.pid);
  try {
    process.kill(-pgid, 0);
    return [pgid];
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc: kill(0) said it exists
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

const running = (child: ChildProcess) => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

/**
 * Stops a child and everything it started: SIGTERM to the child, up to graceMs for it to finish,
 * then SIGKILL to whatever of its tree is left (its descendants are noted while it still runs,
 * because once it is gone they are re-parented and can no longer be found from it).
 */
export async function stopTree(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.pid === undefined) return;
  const tree = new Set(descendantsOf(child.pid));
  if (running(child)) signal(child.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (running(child) && Date.now() < deadline) {
    for (const d of descendantsOf(child.pid)) tree.add(d);
    await sleep(50);
  }
  if (running(child)) signal(child.pid, "SIGKILL");
  for (const pid of tree) if (alive(pid)) signal(pid, "SIGKILL");
}

const groups = new Set<ChildProcess>();

/**
 * Node arguments for running one of our TypeScript entry points (scripts/worker.ts,
 * scripts/start.ts) as a server process, as `npm run worker` and `npm start` do. The
 * "react-server" condition is the one Next's server bundles use: with it, modules marked
 * `import "server-only"` load; without it that package throws, as it does in a browser bundle.
 */
export const SERVER_NODE_ARGS = ["--conditions=react-server", "--import", "tsx"];

/**
 * Spawns a command as the leader of its own process group, so stopGroup reaches everything it
 * starts. The group is also stopped when this process exits or is stopped by a signal
 * (stopGroupsOnExit), since a detached group no longer receives the terminal's Ctrl-C.
 */
export function spawnInGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  stopGroupsOnExit();
  const child = spawn(command, args, { ...options, detached: process.platform !== "win32" });
  if (child.pid !== undefined) groups.add(child);
  return child;
}

function signalGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (process.platform === "win32") child.kill(sig);
  else signal(-child.pid, sig);
}

/** SIGTERM to the whole group, up to graceMs for it to end, then SIGKILL to what is left. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) return;
  const pgid = child.pid;
  signalGroup(child, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupMembers(pgid).length && Date.now() < deadline) await sleep(50);
  if (groupMembers(pgid).length) signalGroup(child, "SIGKILL");
  for (const end = Date.now() + 2000; groupMembers(pgid).length && Date.now() < end;) await sleep(20);
  groups.delete(child);
}

/** The same, blocking: for an `exit` handler or a signal, where nothing asynchronous runs any more. */
function stopGroupSync(child: ChildProcess, graceMs: number): void {
  if (child.pid === undefined) return;
  signalGroup(child, "SIGTERM");
  for (const end = Date.now() + graceMs; groupMembers(child.pid).length && Date.now() < end;) sleepSync(50);
  if (groupMembers(child.pid).length) signalGroup(child, "SIGKILL");
  groups.delete(child);
}

let installed = false;

/** Stops every group still running when this process exits, or is told to stop by a signal. */
export function stopGroupsOnExit(): void {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    for (const child of [...groups]) stopGroupSync(child, 3000);
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      for (const child of [...groups]) stopGroupSync(child, 3000);
      // Our listener was the only one: do what the signal would have done without it.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.once(sig, onSignal);
  }
}
