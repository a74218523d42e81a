import { hostOf, SANDBOX_CLIENT, sandboxMode } from "../core/hosts";
import { meweManifest } from "./mewe.manifest";

// What every MeWe call shares (../shared/platforms/mewe.md §1): the host (MEWE_API_URL, default
// https://mewe.com, paths under /api/dev/) and the app's identity. X-App-Id goes on every request;
// the secret X-Api-Key only on the token exchange, as MeWe's API Communication page says.

export const meweUrl = (path: string) => `${hostOf(meweManifest, "api")}${path}`;

/** The approved app's App ID and API key (the emulator's in sandbox mode); empty when unset. */
export function meweApp(): { appId: string; apiKey: string } {
  return {
    appId: process.env.MEWE_APP_ID || (sandboxMode() ? SANDBOX_CLIENT.id : ""),
    apiKey: process.env.MEWE_API_KEY || (sandboxMode() ? SANDBOX_CLIENT.secret : ""),
  };
}

/** Headers of a user call: the app id (the bearer token is added by SocialAbstract.fetch). */
export const userHeaders = (): Record<string, string> => ({ "x-app-id": meweApp().appId, accept: "application/json" });

/** Headers of the token exchange: the app id and its secret key. */
export const authHeaders = (): Record<string, string> => ({ ...userHeaders(), "x-api-key": meweApp().apiKey });
