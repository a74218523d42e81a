import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

// A server killed in the middle of an upload leaves its `.upload-*.part` file behind (every
// failure the process sees removes its own). Uploads tidy their organization's folder now and
// then: parts older than a day cannot belong to a live upload.
const STALE_MS = 24 * 3_600_000;
const EVERY_MS = 3_600_000;
const lastSweep = new Map<string, number>();

export async function removeStaleParts(dir: string, now = Date.now()): Promise<number> {
  if ((lastSweep.get(dir) ?? 0) > now - EVERY_MS) return 0;
  lastSweep.set(dir, now);
  let removed = 0;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(".upload-") && n.endsWith(".part"))) {
    const file = path.join(dir, name);
    const old = await stat(file).then(
      (s) => s.mtimeMs < now - STALE_MS,
      () => false,
    );
    if (
      old &&
      (await rm(file, { force: true }).then(
        () => true,
        () => false,
      ))
    )
      removed++;
  }
  return removed;
}
