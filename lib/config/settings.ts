import "server-only";
import path from "node:path";

// Server settings read from the environment, with the defaults a local install needs.
export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || ".data");
}

/** Production means the operator said so; `npm start` on a laptop is local use. */
export function isProduction(env: Record<string, string | undefined> = process.env): boolean {
  return env.APP_ENV === "production";
}

export function appUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.APP_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, "");
}

/** The public base URL: APP_URL when set, else the origin the request came in on. */
export function publicBaseUrl(requestOrigin: string, env: Record<string, string | undefined> = process.env): string {
  return env.APP_URL ? appUrl(env) : requestOrigin.replace(/\/$/, "");
}
