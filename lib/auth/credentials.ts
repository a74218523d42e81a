import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schemas";
import { clientIp } from "@/lib/security/client-ip";
import { consume, ensureNotLimited, refund, RULES, type LimitCheck } from "@/lib/security/rate-limit";

// Checks an e-mail and password for Auth.js's Credentials provider. Each attempt is counted per
// account and per address before the (deliberately expensive) scrypt runs, so parallel guesses
// cannot outrun the limit; a successful sign-in is refunded, so only failures accumulate.

// An unknown address is checked against this hash, so it costs the same scrypt as a known one
// and the response time does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));

const limits = (email: string, headers: Headers): LimitCheck[] => [
  [RULES.signInAccount, email],
  [RULES.signInIp, clientIp(headers)],
];

export async function checkCredentials(raw: unknown, headers: Headers): Promise<{ id: string; email: string; name: string | null } | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const checks = limits(email, headers);
  await consume(...checks);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
  if (!user?.passwordHash || !matches) return null;
  await refund(...checks);
  return { id: user.id, email: user.email, name: user.name };
}

/** For the HTTP sign-in endpoint: refuses up front (429) once a limit is used up. */
export async function ensureSignInAllowed(raw: { email?: unknown }, headers: Headers): Promise<void> {
  const email = signInSchema.shape.email.safeParse(raw.email);
  await ensureNotLimited(...limits(email.success ? email.data : "", headers).filter(([, key]) => key));
}
