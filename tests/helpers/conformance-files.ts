import { createServer } from "node:http";
import type { MediaKindRules } from "@/providers/core/manifest";
import { gif, isoMedia, jpeg, png } from "./media-bytes";

// Small files the publishing engine fetches by URL when the conformance suite publishes media: only
// the bytes the sniffers read, served on a loopback port for the suite's run.

const FILES: Record<string, { type: string; body: Uint8Array }> = {
  "pic.png": { type: "image/png", body: png(640, 480) },
  "anim.gif": { type: "image/gif", body: gif(320, 240) },
  // For platforms that take no PNG (TikTok's photo posts: JPEG and WebP only).
  "pic.jpg": { type: "image/jpeg", body: jpeg(640, 480) },
  // Padded past the smallest video platforms take (LinkedIn: 75 KiB).
  "clip.mp4": { type: "video/mp4", body: Buffer.concat([isoMedia("mp42"), Buffer.alloc(100_000)]) },
};

/** PNGs of any size, `pic-<w>x<h>.png`, for platforms with pixel rules (manifest media.image.dimensions). */
const SIZED_PNG = /^pic-(\d{1,4})x(\d{1,4})\.png$/;

/** The still image size a rule takes: its first exact size, else 640×480 moved inside its bounds. */
function imageSizeFor(rule: MediaKindRules): { width: number; height: number } | undefined {
  const d = rule.dimensions;
  if (!d) return undefined;
  if (d.exact?.length) return d.exact[0];
  const clamp = (v: number, min = 0, max = Infinity) => Math.min(Math.max(v, min), max);
  return { width: clamp(640, d.minWidth, d.maxWidth), height: clamp(480, d.minHeight, d.maxHeight) };
}

/** A file of `kind` the rule accepts (a still image is never the animated GIF, and fits its pixel rule), or undefined. */
export const fileFor = (kind: "image" | "video" | "gif", rule: MediaKindRules) => {
  const sized = kind === "image" && rule.mimeTypes.includes("image/png") ? imageSizeFor(rule) : undefined;
  if (sized) return `pic-${sized.width}x${sized.height}.png`;
  return Object.keys(FILES).find((f) => rule.mimeTypes.includes(FILES[f]!.type) && (kind !== "image" || f !== "anim.gif"));
};

const fileNamed = (name: string) => {
  const sized = SIZED_PNG.exec(name);
  return sized ? { type: "image/png", body: png(Number(sized[1]), Number(sized[2])) } : FILES[name];
};

/** Serves the files; `url` is their base, `close` stops the server. */
export async function serveConformanceFiles(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const f = fileNamed((req.url ?? "").slice(1));
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type, "content-length": f.body.length }).end(Buffer.from(f.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}
