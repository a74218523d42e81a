import { isIP } from "node:net";
import { appUrl } from "@/lib/config/settings";
import { addressRange, privateNetworkAllowed } from "@/lib/net/address-policy";
import { objectStoreConfigured } from "./storage";

// Whether a platform on the internet could fetch an uploaded file from this server. Platforms that
// download attachments themselves (manifest media.byLinkOnly) get a signed URL of the file: a
// presigned URL of the object store when one is set, else https://APP_URL/m/<token>. Without an
// object store and with an APP_URL only this network can reach, they could not fetch it, so
// uploads are refused before scheduling (composer, server check, Channels page) naming why.
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

/** Why uploaded files have no address a platform can fetch them from, or null when they have one. */
export function uploadsPublicProblem(env: Record<string, string | undefined> = process.env): string | null {
  if (objectStoreConfigured(env)) return null;
  const url = new URL(appUrl(env));
  if (!hostIsPrivate(url.hostname)) return null;
  if (env.PROVIDER_SANDBOX_URL || (env === process.env ? privateNetworkAllowed() : env.ALLOW_PRIVATE_NETWORK === "1")) return null;
  return `this server's address (APP_URL ${url.host}) cannot be reached from the internet and no object store (MEDIA_S3_*) is set`;
}
