"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ACTIVE_ORG_COOKIE, currentContext } from "@/lib/auth/current";
import { toFormState, type FormState } from "@/lib/forms";
import { switchOrganizationTarget } from "@/lib/orgs/switch";

// An action that throws answers 500 whatever the error, so a refused switch (a foreign or
// malformed organization id) comes back as form state naming the field, like the other forms.
export async function switchOrganizationAction(organizationId: unknown): Promise<FormState> {
  try {
    const id = switchOrganizationTarget(await currentContext(), organizationId);
    (await cookies()).set(ACTIVE_ORG_COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/" });
  } catch (e) {
    return toFormState(e);
  }
  revalidatePath("/", "layout");
  return { ok: true };
}
