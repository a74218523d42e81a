import { isIP } from "node:net";
import { appUrl } from "@/lib/config/settings";
import { addressRange, privateNetworkAllowed } from "@/lib/net/address-policy";
import { objectStoreEndpoint } from "./storage";

// Whether a platform on the internet could fetch an uploaded file from this server. Platforms that
// download attachments themselves (manifest media.byLinkOnly) get a signed URL of the file: a
// presigned URL of the object store when one is set, else https://APP_URL/m/<token>. Without an
// object store and with an APP_URL only this network can reach, they could not fetch it, so
// uploads are refused before scheduling (composer, server check, Channels page) naming why. An
// object store on a private address (a LAN MinIO) counts only through a public APP_URL.
//
// Sandbox mode (PROVIDER_SANDBOX_URL) and ALLOW_PRIVATE_NETWORK=1 count a loopback or private
// APP_URL as reachable: the emulator, or a platform on the operator's own network, runs beside the
// app and can fetch from it. The check is on the host name only (no DNS: it runs for every page
// and in the browser's descriptor); a host name with a dot is taken to be public.

const LOCAL_NAMES = /(^|\.)(localhost|local|localdomain|internal|lan|home|arpa|test|invalid)$/i;

export function hostIsPrivate(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return addressRange(host) !== "unicast";
  return !host.includes(".") || LOCAL_NAMES.test(host);
}

type Env = Record<string, string | undefined>;

/** Whether platforms can reach `url`: a public host, or any host beside the emulator or on a private-network install. */
function reachable(url: string, env: Env): boolean {
  if (!hostIsPrivate(new URL(url).hostname)) return true;
  return !!env.PROVIDER_SANDBOX_URL || (env === process.env ? privateNetworkAllowed() : env.ALLOW_PRIVATE_NETWORK === "1");
}

/**
 * How uploads get their public URL: "store" (the object store's presigned URL), "app"
 * (APP_URL/m/<token>), or null when platforms could reach neither. A store on a private address
 * (a LAN MinIO) is served through a public APP_URL instead.
 */
export function publicMediaRoute(env: Env = process.env): "store" | "app" | null {
  const store = objectStoreEndpoint(env);
  if (store && reachable(store, env)) return "store";
  return reachable(appUrl(env), env) ? "app" : null;
}

/** Why uploaded files have no address a platform can fetch them from, or null when they have one. */
export function uploadsPublicProblem(env: Env = process.env): string | null {
  if (publicMediaRoute(env)) return null;
  const app = new URL(appUrl(env)).host;
  const store = objectStoreEndpoint(env);
  return store
    ? `neither this server's address (APP_URL ${app}) nor the object store's (${new URL(store).host}) can be reached from the internet`
    : `this server's address (APP_URL ${app}) cannot be reached from the internet and no object store (MEDIA_S3_*) is set`;
}
