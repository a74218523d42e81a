import type { HostSetting } from "./manifest";

// Every host a provider talks to comes from a setting with the real host as default:
//   <PROVIDER>_<HOST>_URL, e.g. X_API_URL=https://api.x.com, LINKEDIN_AUTH_URL=…
// PROVIDER_SANDBOX_URL points every provider at the platform emulator (<base>/<provider id>).
// Read at call time, so tests and the sandbox can change them.

const trim = (u: string) => u.replace(/\/+$/, "");
const envKey = (provider: string) => provider.toUpperCase().replace(/[^A-Z0-9]/g, "_");

export function hostUrl(provider: string, host: string, realDefault: string): string {
  const override = process.env[`${envKey(provider)}_${host.toUpperCase()}_URL`];
  if (override) return trim(override);
  const sandbox = process.env.PROVIDER_SANDBOX_URL;
  if (sandbox) return `${trim(sandbox)}/${provider}`;
  return realDefault;
}

export function sandboxMode(): boolean {
  return !!process.env.PROVIDER_SANDBOX_URL;
}

export const SANDBOX_CLIENT = { id: "emulator-client", secret: "emulator-secret" } as const;

/** App credentials from <PREFIX>_CLIENT_ID / _CLIENT_SECRET; the emulator's in sandbox mode. */
export function appCredentials(prefix: string, needsSecret = true): { clientId: string; clientSecret: string; missing: string[] } {
  const key = envKey(prefix);
  const clientId = process.env[`${key}_CLIENT_ID`] ?? (sandboxMode() ? SANDBOX_CLIENT.id : "");
  const clientSecret = process.env[`${key}_CLIENT_SECRET`] ?? (sandboxMode() ? SANDBOX_CLIENT.secret : "");
  const missing = [!clientId && `${key}_CLIENT_ID`, needsSecret && !clientSecret && `${key}_CLIENT_SECRET`].filter(Boolean) as string[];
  return { clientId, clientSecret, missing };
}

export function envKeyFor(provider: string): string {
  return envKey(provider);
}

type HostsOf = { identifier: string; env: { hosts: HostSetting[] } };

/** The base URL of a host the manifest declares, by its name ("api", "auth"…). */
export function hostOf(manifest: HostsOf, name: string): string {
  const host = manifest.env.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`${manifest.identifier} declares no host "${name}" in its manifest`);
  return hostUrl(manifest.identifier, name, host.default ?? "");
}

/** The manifest's required settings that are not set here (none in sandbox mode: the emulator's are used). */
export function missingEnv(manifest: { env: { credentials: string[] } }): string[] {
  return manifest.env.credentials.filter((name) => (process.env[name] ?? (sandboxMode() ? "sandbox" : "")) === "");
}
