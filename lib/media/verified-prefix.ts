import { appUrl } from "@/lib/config/settings";
import type { MediaRules } from "@/providers/core/manifest";
import { underVerifiedPrefix, verifiedPrefixOf } from "@/providers/core/verified-prefix";
import { publicMediaRoute, uploadsPublicProblem } from "./public-reach";
import { objectUrl, s3ConfigFromEnv } from "./storage/s3-config";
import type { MediaKind } from "./types";

// A kind of attachment a platform takes only from a verified URL prefix (manifest
// media.<kind>.verifiedPrefix): offered only when the signed public URLs this server gives
// uploads (lib/media/public-url.ts) start under the prefix the operator set.

type Env = Record<string, string | undefined>;

/** Where this server's public media URLs start (the object store's bucket, or APP_URL/m/), or null without one. */
export function publicMediaBase(env: Env = process.env): string | null {
  const route = publicMediaRoute(env);
  if (route === "store") {
    const c = s3ConfigFromEnv(env);
    return c ? objectUrl(c, "").href : null;
  }
  return route === "app" ? `${appUrl(env)}/m/` : null;
}

/**
 * Per kind with a verifiedPrefix rule, why it cannot be sent from this server: every file when no
 * prefix is set, uploads when their public address is not under it (a link is the user's: the
 * provider checks it against the prefix before asking the platform). Nothing when all is well.
 */
export function kindsUnavailable(
  media: MediaRules,
  env: Env = process.env,
): Partial<Record<MediaKind, { reason: string; uploadsOnly: boolean }>> {
  const out: Partial<Record<MediaKind, { reason: string; uploadsOnly: boolean }>> = {};
  for (const kind of ["image", "video", "gif"] as const) {
    const rule = media[kind]?.verifiedPrefix;
    if (!rule) continue;
    const prefix = verifiedPrefixOf(rule.envVar, env);
    const base = publicMediaBase(env);
    if (!prefix)
      out[kind] = { reason: `the operator has not named the address verified ${rule.where} (${rule.envVar})`, uploadsOnly: false };
    else if (!base) out[kind] = { reason: uploadsPublicProblem(env) ?? "this server has no public address for uploads", uploadsOnly: true };
    else if (!underVerifiedPrefix(base, prefix))
      out[kind] = {
        reason: `this server's media address (${base}) is not under ${prefix}, the address verified ${rule.where} (${rule.envVar})`,
        uploadsOnly: true,
      };
  }
  return out;
}
