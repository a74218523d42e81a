// `npm run bench:upload`: a 2 GB video uploaded to the emulated YouTube through the real provider
// code path (YoutubeProvider.post: the resumable protocol, chunks read from storage by the
// publishing engine's range reader), to show that memory does not grow with the file. The file is
// a sparse one in a temporary directory, deleted afterwards; the emulator runs in a process of its
// own so that only the uploading process is measured. Prints figures, the last line one JSON
// object; a measurement, not a test (it is not part of the test suite). BENCH_UPLOAD_BYTES and
// BENCH_UPLOAD_CHUNK_MIB change the size and the chunk; the target is a peak RSS under 300 MB.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { portFromEnv } from "@/scripts/free-port.mjs";
import { SERVER_NODE_ARGS, spawnInGroup, stopGroup } from "@/scripts/processes";
import { sampleRss, sleep } from "./support";

const SIZE = Number(process.env.BENCH_UPLOAD_BYTES || 2 * 1024 ** 3);
const CHUNK = Number(process.env.BENCH_UPLOAD_CHUNK_MIB || 8) * 1024 * 1024;
const TARGET_RSS_MB = 300;

/** An MP4 header (an ftyp box) and then zeros: a sparse file that costs no disk. */
function sparseVideo(dir: string): string {
  const file = path.join(dir, "bench.mp4");
  const fd = openSync(file, "w");
  try {
    const ftyp = Buffer.alloc(24);
    ftyp.writeUInt32BE(24, 0);
    ftyp.write("ftypmp42", 4, "latin1");
    ftyp.write("isommp42", 16, "latin1");
    writeSync(fd, ftyp);
    ftruncateSync(fd, SIZE);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Signs in through the emulator's Google consent page, as a user would. */
async function signIn(provider: InstanceType<typeof import("@/providers/youtube/youtube.provider").YoutubeProvider>, base: string) {
  const redirectUri = "http://127.0.0.1:9/api/integrations/youtube/callback";
  const codeVerifier = "b".repeat(43);
  const start = await provider.generateAuthUrl({ redirectUri, state: "bench", codeVerifier });
  const html = await (await fetch(start.url)).text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g))
    form.set(
      m[1]!,
      m[2]!.replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c))),
    );
  for (const m of html.matchAll(/name="scope" value="([^"]*)"/g))
    form.append(
      "scope",
      m[1]!.replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c))),
    );
  form.set("username", "bench_uploader");
  form.set("decision", "approve");
  const back = await fetch(`${base}/_emulator/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const code = new URL(back.headers.get("location")!).searchParams.get("code")!;
  return provider.authenticate({ code, codeVerifier, redirectUri });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "postmill-bench-upload-"));
  const port = await portFromEnv(process.env, "BENCH_EMULATOR_PORT");
  const emulator = spawnInGroup(process.execPath, [...SERVER_NODE_ARGS, "scripts/emulator.ts"], {
    env: { ...process.env, EMULATOR_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  emulator.stdout!.on("data", (d) => (log += d));
  emulator.stderr!.on("data", (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let waited = 0; !log.includes("[emulator]"); waited += 100) {
      if (emulator.exitCode !== null) throw new Error(`the emulator exited: ${log}`);
      if (waited > 60_000) throw new Error("the emulator did not start within a minute");
      await sleep(100);
    }
    Object.assign(process.env, { PROVIDER_SANDBOX_URL: base, ALLOW_PRIVATE_NETWORK: "1", PROVIDER_TIMEOUT_MS: "120000" });
    const { YoutubeProvider } = await import("@/providers/youtube/youtube.provider");
    const { rangeReader } = await import("@/lib/publishing/media");
    const provider = new YoutubeProvider();
    provider.uploadChunkBytes = CHUNK;
    const account = await signIn(provider, base);
    const file = sparseVideo(dir);
    console.log(`uploading ${(SIZE / 1024 ** 2).toFixed(0)} MiB in ${(CHUNK / 1024 ** 2).toFixed(0)} MiB chunks to ${base}/youtube`);

    const progress: string[] = [];
    const upload = {
      load: async () => null,
      save: async () => undefined,
      progress: async (t: string | null) => void (t && progress.push(t)),
    };
    const rss = sampleRss(process.pid);
    const startedRss = Math.round(process.memoryUsage.rss() / 1024 / 1024);
    const started = performance.now();
    const published = await provider.post(
      { id: "bench", internalId: account.id, accessToken: account.accessToken },
      { text: "Benchmark upload", media: [{ mimeType: "video/mp4", size: SIZE, path: "bench.mp4", read: rangeReader(file) }] },
      { title: "Benchmark upload", madeForKids: "no", privacy: "private" },
      { upload },
    );
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = rss.stop();
    const mbPerSecond = SIZE / 1024 ** 2 / seconds;
    console.log(`video ${published.id}: ${seconds.toFixed(1)} s, ${mbPerSecond.toFixed(1)} MiB/s`);
    console.log(`uploading process RSS: ${startedRss} MB at the start, ${peakRssMb} MB at the peak (target < ${TARGET_RSS_MB} MB)`);
    console.log(`progress lines: ${progress.length} (last "${progress.at(-1)}")`);
    console.log(
      JSON.stringify({
        bench: "upload",
        platform: "youtube",
        bytes: SIZE,
        chunkBytes: CHUNK,
        seconds: Number(seconds.toFixed(2)),
        mbPerSecond: Number(mbPerSecond.toFixed(1)),
        peakRssMb,
        targetRssMb: TARGET_RSS_MB,
        withinTarget: peakRssMb < TARGET_RSS_MB,
      }),
    );
  } finally {
    await stopGroup(emulator, 5000);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
