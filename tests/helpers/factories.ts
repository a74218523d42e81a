import { randomBytes } from "node:crypto";
import { signUp } from "@/lib/auth/sign-up";
import { contextFor, type OrgContext } from "@/lib/orgs/context";

export const uniqueEmail = (tag = "user") => `${tag}-${randomBytes(5).toString("hex")}@example.test`;

/** A signed-up user with their own organization, and the context they act in. */
export async function makeOwner(tag = "owner"): Promise<OrgContext & { email: string }> {
  const email = uniqueEmail(tag);
  const { userId, organizationId } = await signUp({ name: tag, email, password: "correct horse battery" });
  return { ...contextFor(userId, organizationId, "owner"), email };
}
