// `npm run bench:footprint`: what `npm start` costs a self-hoster, as a user starts it — the
// embedded database (no DATABASE_URL), the web server and the publishing worker inside it — on a
// fresh data folder and a free port:
// - idle_rss_mb: the resident memory of every process of the app's group, summed, after it has
//   been healthy and idle for a while (target: 400 MB in all), each process listed;
// - restart_to_healthy_ms: a second start on the same data folder, from spawn to /api/health
//   answering (target: 5 s);
// - compose_js_kb_gz: the JavaScript a browser downloads for /compose (the app's shared entry
//   chunks and the page's own, gzip level 9, from the build output; target: 250 KB).
// The first start (built if the source changed) is printed too. Stops everything it starts on
// every path; the last line is one JSON object.
import { readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { portFromEnv } from "@/scripts/free-port.mjs";
import { groupMembers, SERVER_NODE_ARGS, spawnInGroup, stopGroup } from "@/scripts/processes";
import { sleep } from "./support";

const IDLE_MS = Number(process.env.BENCH_IDLE_MS || 20_000);
const TARGETS = { idle_rss_mb: 400, restart_to_healthy_ms: 5_000, compose_js_kb_gz: 250 };

type Started = { pid: number; ms: number; stop: () => Promise<void> };

/** `npm start`'s script on the embedded database; resolves once /api/health answers. */
async function start(port: number, dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  delete env.SANDBOX;
  const began = performance.now();
  const server = spawnInGroup(process.execPath, [...SERVER_NODE_ARGS, "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const stop = () => stopGroup(server, 15_000);
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the app exited: ${log.slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - began > 600_000) throw new Error("the app did not start within 10 minutes");
      await sleep(100);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { pid: server.pid!, ms: performance.now() - began, stop };
}

/** Resident memory of each live process of the group, in MB, with its command line. */
function groupRss(pgid: number): { pid: number; mb: number; command: string }[] {
  return groupMembers(pgid).flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 100);
      return [{ pid, mb: kb / 1024, command }];
    } catch {
      return []; // ended meanwhile
    }
  });
}

/** The gzipped size of the JavaScript /compose loads: the shared entry chunks and the page's own. */
function composeJsKbGz(): { kb: number; files: number } {
  const manifestFile = ".next/server/app/(app)/compose/page_client-reference-manifest.js";
  const sandbox = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[...]; run it against a bag.
  new Function("globalThis", "self", readFileSync(manifestFile, "utf8"))(sandbox, sandbox);
  const page = sandbox.__RSC_MANIFEST["/(app)/compose/page"];
  if (!page) throw new Error(`no /(app)/compose/page entry in ${manifestFile}`);
  const build = JSON.parse(readFileSync(".next/build-manifest.json", "utf8")) as { rootMainFiles: string[] };
  const files = new Set([...build.rootMainFiles, ...(page.entryJSFiles["[project]/app/(app)/compose/page"] ?? [])]);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(`.next/${f}`), { level: 9 }).length;
  return { kb: bytes / 1024, files: files.size };
}

async function main() {
  const port = await portFromEnv(process.env, "BENCH_HTTP_PORT");
  const dataDir = `.tmp/bench-footprint-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  let app: Started | undefined;
  try {
    app = await start(port, dataDir);
    console.log(`first start on a fresh data folder (built if the source changed): ${(app.ms / 1000).toFixed(1)} s`);
    await sleep(IDLE_MS);
    const processes = groupRss(app.pid);
    for (const p of processes.sort((a, b) => b.mb - a.mb)) console.log(`  ${p.mb.toFixed(0).padStart(5)} MB  ${p.command}`);
    const idle = processes.reduce((s, p) => s + p.mb, 0);
    console.log(
      `idle RSS after ${IDLE_MS / 1000} s: ${idle.toFixed(0)} MB in ${processes.length} processes (target ${TARGETS.idle_rss_mb} MB)`,
    );
    await app.stop();
    app = undefined;
    app = await start(port, dataDir);
    const restart = app.ms;
    console.log(
      `restart on the same data folder to healthy: ${(restart / 1000).toFixed(2)} s (target ${TARGETS.restart_to_healthy_ms / 1000} s)`,
    );
    await app.stop();
    app = undefined;
    const js = composeJsKbGz();
    console.log(`/compose JavaScript: ${js.kb.toFixed(0)} KB gzipped in ${js.files} files (target ${TARGETS.compose_js_kb_gz} KB)`);
    const result = {
      idle_rss_mb: Math.round(idle),
      restart_to_healthy_ms: Math.round(restart),
      compose_js_kb_gz: Math.round(js.kb),
      idle_rss_target_met: idle <= TARGETS.idle_rss_mb,
      restart_target_met: restart <= TARGETS.restart_to_healthy_ms,
      compose_js_target_met: js.kb <= TARGETS.compose_js_kb_gz,
    };
    console.log(JSON.stringify(result));
  } finally {
    await app?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
