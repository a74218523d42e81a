"use server";
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/auth";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/current";
import { signUp } from "@/lib/auth/sign-up";
import { signInSchema } from "@/lib/auth/schemas";
import { formValues, safeNext, toFormState, type FormState } from "@/lib/forms";
import { fieldErrors } from "@/lib/validation";
import { clientIp } from "@/lib/security/client-ip";
import { consume, RateLimitedError, RULES } from "@/lib/security/rate-limit";

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name", "email", "password", "timezone", "invite"]);
  const keep = { name: values.name!, email: values.email!, invite: values.invite! };
  let organizationId: string;
  try {
    await consume([RULES.signUpIp, clientIp(await headers())]);
    ({ organizationId } = await signUp(values));
  } catch (e) {
    return toFormState(e, keep);
  }
  (await cookies()).set(ACTIVE_ORG_COOKIE, organizationId, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() });
  await signIn("credentials", { email: values.email, password: values.password, redirectTo: "/calendar" });
  return {};
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["email", "password", "next"]);
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { fields: fieldErrors(parsed.error), values: { email: values.email!, next: values.next! } };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(values.next) });
  } catch (e) {
    if (e instanceof AuthError) {
      // Auth.js wraps what authorize() threw; a used-up limit says how long to wait.
      const cause = (e.cause as { err?: unknown } | undefined)?.err;
      if (cause instanceof RateLimitedError) return { error: cause.message, values: { email: values.email!, next: values.next! } };
    }
    // A wrong email and a wrong password get the same answer, so accounts cannot be probed.
    if (e instanceof AuthError) return { error: "Email or password is incorrect", values: { email: values.email!, next: values.next! } };
    throw e;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(ACTIVE_ORG_COOKIE);
  await signOut({ redirect: false });
  redirect("/sign-in");
}
