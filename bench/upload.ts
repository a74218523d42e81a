// `npm run bench:upload`: a 2 GB video uploaded to the emulated YouTube and TikTok through the real
// provider code paths (YoutubeProvider.post: the resumable protocol; TiktokProvider.post: chunked
// FILE_UPLOAD; chunks read from storage by the publishing engine's range reader), to show that
// memory does not grow with the file. BENCH_UPLOAD_PLATFORMS picks them (default youtube,tiktok). The file is
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
const PLATFORMS = (process.env.BENCH_UPLOAD_PLATFORMS || "youtube,tiktok").split(",").map((p) => p.trim());

/** The provider and the per-post settings of each benchmarked platform (the two large-upload flows). */
const UPLOADERS: Record<string, () => Promise<{ provider: Uploader; settings: Record<string, unknown> }>> = {
  youtube: async () => {
    const { YoutubeProvider } = await import("@/providers/youtube/youtube.provider");
    const provider = new YoutubeProvider();
    provider.uploadChunkBytes = CHUNK;
    return { provider: provider as unknown as Uploader, settings: { title: "Benchmark upload", madeForKids: "no", privacy: "private" } };
  },
  tiktok: async () => {
    const { TiktokProvider } = await import("@/providers/tiktok/tiktok.provider");
    return { provider: new TiktokProvider() as unknown as Uploader, settings: { privacy_level: "SELF_ONLY", post_mode: "direct" } };
  },
};

async function uploaderFor(platform: string) {
  const make = UPLOADERS[platform];
  if (!make) throw new Error(`no upload benchmark for ${platform} (${Object.keys(UPLOADERS).join(", ")})`);
  return make();
}

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

type Uploader = {
  identifier: string;
  manifest: { settings: { parse(v: unknown): unknown } };
  generateAuthUrl(p: { redirectUri: string; state: string; codeVerifier: string }): Promise<{ url: string }>;
  authenticate(p: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ id: string; accessToken: string }>;
  post(...args: unknown[]): Promise<{ id: string }>;
};

/** Signs in through the emulated platform's consent page, as a user would. */
async function signIn(provider: Uploader, base: string) {
  const redirectUri = `http://127.0.0.1:9/api/integrations/${provider.identifier}/callback`;
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
  form.set("username", `bench_${provider.identifier}`);
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
    Object.assign(process.env, {
      PROVIDER_SANDBOX_URL: base,
      ALLOW_PRIVATE_NETWORK: "1",
      PROVIDER_TIMEOUT_MS: "120000",
      TIKTOK_STATUS_POLL_SECONDS: "1",
    });
    const { rangeReader } = await import("@/lib/publishing/media");
    const file = sparseVideo(dir);
    const results: Record<string, unknown>[] = [];
    for (const platform of PLATFORMS) {
      const made = await uploaderFor(platform);
      const provider = made.provider;
      // As the app does before publishing: the platform's schema fills its defaults.
      const settings = provider.manifest.settings.parse(made.settings);
      const account = await signIn(provider, base);
      console.log(`${platform}: uploading ${(SIZE / 1024 ** 2).toFixed(0)} MiB to ${base}/${platform}`);
      const progress: string[] = [];
      const upload = {
        load: async () => null,
        save: async () => undefined,
        progress: async (t: string | null) => void (t && progress.push(t)),
      };
      global.gc?.();
      const rss = sampleRss(process.pid);
      const startedRss = Math.round(process.memoryUsage.rss() / 1024 / 1024);
      const started = performance.now();
      const published = await provider.post(
        { id: `bench-${platform}`, internalId: account.id, accessToken: account.accessToken },
        { text: "Benchmark upload", media: [{ mimeType: "video/mp4", size: SIZE, path: "bench.mp4", read: rangeReader(file) }] },
        settings,
        { upload },
      );
      const seconds = (performance.now() - started) / 1000;
      const peakRssMb = rss.stop();
      const mbPerSecond = SIZE / 1024 ** 2 / seconds;
      console.log(`${platform}: video ${published.id}: ${seconds.toFixed(1)} s, ${mbPerSecond.toFixed(1)} MiB/s`);
      console.log(
        `${platform}: uploading process RSS ${startedRss} MB at the start, ${peakRssMb} MB at the peak (target < ${TARGET_RSS_MB} MB)`,
      );
      if (progress.length) console.log(`${platform}: progress lines: ${progress.length} (last "${progress.at(-1)}")`);
      results.push({ platform, seconds: Number(seconds.toFixed(2)), mbPerSecond: Number(mbPerSecond.toFixed(1)), peakRssMb });
    }
    const peak = Math.max(...results.map((r) => r.peakRssMb as number));
    console.log(
      JSON.stringify({
        bench: "upload",
        bytes: SIZE,
        chunkBytes: CHUNK,
        platforms: results,
        peakRssMb: peak,
        targetRssMb: TARGET_RSS_MB,
        withinTarget: peak < TARGET_RSS_MB,
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
