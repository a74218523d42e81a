"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ACTIVE_ORG_COOKIE, currentContext } from "@/lib/auth/current";
import { updateProfile } from "@/lib/auth/profile";
import { AppError } from "@/lib/errors";
import { formValues, idArgument, toFormState, type FormState } from "@/lib/forms";
import { createInvite, revokeInvite } from "@/lib/orgs/invites";
import { changeMemberRole, createOrganization, removeMember, renameOrganization } from "@/lib/orgs/members";
import { originFromHeaders } from "@/lib/net/origin";
import { headers } from "next/headers";

async function ctxOrThrow() {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in required", 401);
  return ctx;
}

/** Runs a mutation and turns its expected errors into form state. */
async function run(values: Record<string, string>, fn: () => Promise<FormState | void>): Promise<FormState> {
  try {
    const res = await fn();
    revalidatePath("/settings");
    return { ok: true, ...(res ?? {}) };
  } catch (e) {
    return toFormState(e, values);
  }
}

export async function updateProfileAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name", "timezone"]);
  return run(values, async () => {
    const ctx = await ctxOrThrow();
    await updateProfile(ctx.userId, values);
    return { message: "Profile saved", values };
  });
}

async function origin(): Promise<string> {
  return originFromHeaders(await headers());
}

export async function createInviteAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["role"]);
  return run(values, async () => {
    const ctx = await ctxOrThrow();
    const invite = await createInvite(ctx, values);
    return { message: `${await origin()}/invite/${invite.token}`, values };
  });
}

export async function revokeInviteAction(id: string): Promise<FormState> {
  return run({}, async () => revokeInvite(await ctxOrThrow(), idArgument(id, "id")));
}

export async function changeRoleAction(membershipId: string, role: string): Promise<FormState> {
  return run({}, async () => changeMemberRole(await ctxOrThrow(), idArgument(membershipId, "membershipId"), { role }));
}

export async function removeMemberAction(membershipId: string): Promise<FormState> {
  return run({}, async () => removeMember(await ctxOrThrow(), idArgument(membershipId, "membershipId")));
}

export async function renameOrganizationAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name"]);
  return run(values, async () => {
    await renameOrganization(await ctxOrThrow(), values);
    revalidatePath("/", "layout");
    return { message: "Organization renamed", values };
  });
}

export async function createOrganizationAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name"]);
  return run(values, async () => {
    const ctx = await ctxOrThrow();
    const org = await createOrganization(ctx.userId, values);
    (await cookies()).set(ACTIVE_ORG_COOKIE, org.id, { httpOnly: true, sameSite: "lax", path: "/" });
    revalidatePath("/", "layout");
    return { message: `Created and switched to ${values.name}` };
  });
}
