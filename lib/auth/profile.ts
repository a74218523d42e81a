import "server-only";
import { db } from "@/lib/db/client";
import { profileSchema } from "@/lib/auth/schemas";
import { parseOrThrow } from "@/lib/validation";

export async function updateProfile(userId: string, input: unknown) {
  const data = parseOrThrow(profileSchema, input);
  return db.user.update({ where: { id: userId }, data, select: { name: true, timezone: true } });
}
