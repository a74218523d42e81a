import { createHmac, randomUUID } from "node:crypto";

// Ghost's Admin API key is "<id>:<secret>" (Ghost Admin → Settings → Integrations → a custom
// integration). It is never sent: each call carries a short-lived HS256 JWT signed with the
// hex-decoded secret, `kid` = the id and `aud` = "/admin/", which Ghost refuses after 5 minutes.
// Signed with node:crypto's HMAC: `jose` is not a direct dependency of this project.

export type AdminKey = { id: string; secret: string };

/** Ghost ids are 24 hex characters (object ids); secrets are 32 bytes as 64 hex characters. */
const ADMIN_KEY = /^([0-9a-f]{24}):([0-9a-f]{64})$/i;
/** Ghost's own limit is 5 minutes from `iat`; the token is made just before the call. */
export const TOKEN_LIFETIME_SECONDS = 300;

/** The key's parts, or why what was typed is not an Admin API key, in words for the user. */
export function parseAdminKey(raw: string): AdminKey | { problem: string } {
  const value = raw.trim();
  const m = ADMIN_KEY.exec(value);
  if (m) return { id: m[1]!.toLowerCase(), secret: m[2]!.toLowerCase() };
  if (!value) return { problem: "Enter the Admin API key of a custom integration (Ghost Admin → Settings → Integrations)" };
  if (!value.includes(":"))
    return {
      problem:
        "This looks like the Content API key, which can only read; copy the Admin API key (it has the form id:secret) from the same integration",
    };
  return { problem: "An Admin API key is a 24-character id, a colon and a 64-character secret, all hexadecimal; copy it again from Ghost" };
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** A token for one call (or a few within its 5 minutes), as Ghost's Admin API documents it. */
export function adminToken(key: AdminKey, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  // jti (RFC 7519 §4.1.7) makes two tokens signed within one second different, so a token
  // renewed after a refusal is never the refused one; Ghost ignores the claim.
  const signingInput = `${b64url({ alg: "HS256", typ: "JWT", kid: key.id })}.${b64url({ iat, exp: iat + TOKEN_LIFETIME_SECONDS, aud: "/admin/", jti: randomUUID() })}`;
  const signature = createHmac("sha256", Buffer.from(key.secret, "hex")).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}
