import "server-only";
import { appUrl } from "@/lib/config/settings";

/**
 * Secure cookies whenever the public URL is https: behind a TLS-terminating proxy that sends no
 * X-Forwarded-Proto the request looks like plain http, and Auth.js would otherwise drop `Secure`.
 * Without APP_URL, Auth.js decides from the request's scheme.
 */
export function secureCookies(env: Record<string, string | undefined> = process.env): boolean | undefined {
  return env.APP_URL ? appUrl(env).startsWith("https:") : undefined;
}
