import "server-only";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "@/lib/auth/common-passwords";
import { hashPassword } from "@/lib/auth/password";
import { signUpSchema, type SignUpInput } from "@/lib/auth/schemas";
import { parseOrThrow } from "@/lib/validation";
import { claimInvite } from "@/lib/orgs/invites";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Creates the account. Without an invite the user gets their own organization (as owner); with one
 * they join the inviting organization with the invite's role. All or nothing: one transaction.
 */
export async function signUp(input: SignUpInput | Record<string, string>): Promise<{ userId: string; organizationId: string }> {
  const data = parseOrThrow(signUpSchema, input);
  if (await isCommonPassword(data.password)) throw new ValidationError({ password: COMMON_PASSWORD_MESSAGE });
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
        throw new ValidationError({ email: "An account with this email already exists; sign in instead" });
      }
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash, timezone: data.timezone ?? null },
      });
      if (data.invite) {
        const invite = await claimInvite(tx, data.invite, user.id);
        return { userId: user.id, organizationId: invite.organizationId };
      }
      const org = await tx.organization.create({ data: { name: `${data.name}'s organization` } });
      await tx.membership.create({ data: { userId: user.id, organizationId: org.id, role: "owner" } });
      return { userId: user.id, organizationId: org.id };
    });
  } catch (e) {
    // Two sign-ups racing on one address: the unique index decides, the message stays the same.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ValidationError({ email: "An account with this email already exists; sign in instead" });
    }
    throw e;
  }
}
