import { createServer } from "node:http";
import type { MediaKindRules } from "@/providers/core/manifest";
import { gif, isoMedia, png } from "./media-bytes";

// Small files the publishing engine fetches by URL when the conformance suite publishes media: only
// the bytes the sniffers read, served on a loopback port for the suite's run.

const FILES: Record<string, { type: string; body: Uint8Array }> = {
  "pic.png": { type: "image/png", body: png(640, 480) },
  "anim.gif": { type: "image/gif", body: gif(320, 240) },
  // Padded past the smallest video platforms take (LinkedIn: 75 KiB).
  "clip.mp4": { type: "video/mp4", body: Buffer.concat([isoMedia("mp42"), Buffer.alloc(100_000)]) },
};

/** A file of `kind` the rule accepts (a still image is never the animated GIF), or undefined. */
export const fileFor = (kind: "image" | "video" | "gif", rule: MediaKindRules) =>
  Object.keys(FILES).find((f) => rule.mimeTypes.includes(FILES[f]!.type) && (kind !== "image" || f !== "anim.gif"));

/** Serves the files; `url` is their base, `close` stops the server. */
export async function serveConformanceFiles(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const f = FILES[(req.url ?? "").slice(1)];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type, "content-length": f.body.length }).end(Buffer.from(f.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}
