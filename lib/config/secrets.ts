import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Secrets the app cannot run without. For local use the ones the user did not set are generated
// once and kept in the data folder; in production they must be set, or start-up stops.
export const SECRET_NAMES = ["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"] as const;
type SecretName = (typeof SECRET_NAMES)[number];

export class StartupError extends Error {}

const generate = () => randomBytes(32).toString("base64");

export function validateEncryptionKey(value: string): void {
  if (Buffer.from(value, "base64").length !== 32) {
    throw new StartupError("TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)");
  }
}

export function resolveSecrets(opts: {
  env: Record<string, string | undefined>;
  dataDir: string;
  production: boolean;
}): Record<SecretName, string> {
  const missing = SECRET_NAMES.filter((n) => !opts.env[n]);
  if (missing.length && opts.production) {
    throw new StartupError(
      `Missing required setting${missing.length > 1 ? "s" : ""} in production: ${missing.join(", ")}. ` +
        "Set each to a random 32-byte value, e.g. `openssl rand -base64 32`.",
    );
  }
  const file = path.join(opts.dataDir, "secrets.json");
  const stored: Partial<Record<SecretName, string>> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  const out = {} as Record<SecretName, string>;
  for (const name of SECRET_NAMES) {
    const value = opts.env[name] || stored[name];
    if (value) {
      out[name] = value;
    } else {
      out[name] = stored[name] = generate();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  validateEncryptionKey(out.TOKEN_ENCRYPTION_KEY);
  return out;
}
