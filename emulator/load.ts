import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PlatformEmulator } from "./types";

// Each platform's emulator lives in its provider folder as providers/<id>/<id>.emulator.ts, so a
// new platform brings its emulator with it and nothing here changes.
export async function loadPlatformEmulators(root = path.join(process.cwd(), "providers")): Promise<PlatformEmulator[]> {
  const out: PlatformEmulator[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    const file = path.join(root, dir.name, `${dir.name}.emulator.ts`);
    if (!dir.isDirectory() || !existsSync(file)) continue;
    const mod = (await import(/* @vite-ignore */ file)) as { default: PlatformEmulator };
    out.push(mod.default);
  }
  return out;
}
