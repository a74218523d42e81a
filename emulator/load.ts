import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PlatformEmulator } from "./types";

// Each platform's emulator is a folder emulator/platforms/<id>/ whose index.ts exports it, so a
// new platform brings its folder and nothing here changes. The emulator shares no code with the
// providers it checks (a lint rule keeps it so): it answers from the platforms' documentation.
export async function loadPlatformEmulators(root = path.join(process.cwd(), "emulator", "platforms")): Promise<PlatformEmulator[]> {
  const out: PlatformEmulator[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    const file = path.join(root, dir.name, "index.ts");
    if (!dir.isDirectory() || !existsSync(file)) continue;
    const mod = (await import(/* @vite-ignore */ file)) as { default: PlatformEmulator };
    out.push(mod.default);
  }
  return out;
}
