import { startEmulator, type Emulator } from "@/emulator/server";
import type { PlatformEmulator } from "@/emulator/types";

// Starts the platform emulator in-process and points every provider at it.
export async function useEmulator(platforms?: PlatformEmulator[]): Promise<Emulator> {
  const emu = await startEmulator({ platforms });
  process.env.PROVIDER_SANDBOX_URL = emu.url;
  process.env.ALLOW_PRIVATE_NETWORK = "1";
  return emu;
}

/**
 * Drives the emulator's authorize page like a user: opens the authorization URL, then approves
 * (optionally with some scopes unticked) or denies. Returns the redirect back to the app.
 */
export async function authorizeInEmulator(
  emu: Emulator,
  authorizeUrl: string,
  opts: { username?: string; deny?: boolean; dropScopes?: string[] } = {},
): Promise<URL> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${html}`);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g))
    form.set(
      m[1]!,
      m[2]!.replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c))),
    );
  for (const m of html.matchAll(/name="scope" value="([^"]*)"/g)) {
    const scope = m[1]!.replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c)));
    if (!opts.dropScopes?.includes(scope)) form.append("scope", scope);
  }
  if (opts.username) form.set("username", opts.username);
  form.set("decision", opts.deny ? "deny" : "approve");
  const res = await fetch(`${emu.url}/_emulator/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return new URL(res.headers.get("location")!);
}

/** Queues a fault: the next `times` calls of `route` on `platform` answer with that documented error. */
export async function injectFault(
  emu: Emulator,
  fault: {
    platform: string;
    route?: string;
    kind: string;
    times?: number;
    retryAfterSeconds?: number;
    delayMs?: number;
    processed?: boolean;
  },
) {
  await fetch(`${emu.url}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
}
