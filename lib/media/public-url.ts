import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { appUrl } from "@/lib/config/settings";
import { publicMediaRoute } from "./public-reach";
import { EXTENSION_OF } from "./sniff";
import { mediaStorage } from "./storage";

// Public, expiring addresses of library files, for platforms that fetch attachments themselves.
// With an object store platforms can reach: its presigned GET URL. Otherwise (local disk, or a
// store on a private address behind a public APP_URL) APP_URL/m/<token>.<ext>, where the token
// is "<payload>.<HMAC-SHA256>" over the organization, the media id and the expiry; the key is
// derived from AUTH_SECRET (HKDF, its own label), so it is never the session key itself and
// rotating AUTH_SECRET invalidates every URL. A token names one file and nothing else: the route
// looks up exactly that row, so it cannot list or reach other files. The extension is only for
// platforms and clients that decide by the URL how to show a link (Nostr clients inline images).

const TOKEN_LABEL = "postmill public media url v1";
const DAY = 86_400;

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (npm start generates one for local use)");
  return Buffer.from(hkdfSync("sha256", secret, "", TOKEN_LABEL, 32));
}

/** How long a public media URL stays valid: MEDIA_PUBLIC_URL_TTL_SECONDS, default a day, 5 minutes to 7 days. */
export function publicUrlTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.MEDIA_PUBLIC_URL_TTL_SECONDS);
  return Number.isFinite(n) && n > 0 ? Math.min(7 * DAY, Math.max(300, Math.floor(n))) : DAY;
}

const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

export function signMediaToken(m: { organizationId: string; id: string }, expiresAtSeconds: number): string {
  const payload = Buffer.from(`${m.organizationId}|${m.id}|${expiresAtSeconds.toString(36)}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The file a token names, when its signature is ours and it has not expired; null otherwise (no reason given out). */
export function verifyMediaToken(token: string, nowMs = Date.now()): { organizationId: string; id: string } | null {
  const [payload, mac, ext, ...rest] = token.split(".");
  if (!payload || !mac || rest.length || (ext !== undefined && !/^[a-z0-9]{1,5}$/.test(ext))) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [organizationId, id, exp, ...more] = Buffer.from(payload, "base64url").toString().split("|");
  const expires = parseInt(exp ?? "", 36);
  if (!organizationId || !id || more.length || !Number.isFinite(expires) || expires * 1000 <= nowMs) return null;
  return { organizationId, id };
}

/** A public URL of one library file, valid for publicUrlTtlSeconds(). */
export async function publicMediaUrlOf(
  row: { id: string; organizationId: string; path: string; mimeType: string },
  nowMs = Date.now(),
): Promise<string> {
  const ttl = publicUrlTtlSeconds();
  const presigned = publicMediaRoute() === "store" ? await mediaStorage().presignGet(row.path, ttl) : null;
  if (presigned) return presigned;
  const ext = EXTENSION_OF[row.mimeType];
  return `${appUrl()}/m/${signMediaToken(row, Math.floor(nowMs / 1000) + ttl)}${ext ? `.${ext}` : ""}`;
}
