"use server";
import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { currentContext } from "@/lib/auth/current";
import { AppError, ValidationError } from "@/lib/errors";
import { idArgument, toFormState, type FormState } from "@/lib/forms";

// API keys from Settings → API: only owners and admins (checked in lib/api-keys). The new key's
// secret goes back to the form once, in `message`; it is stored nowhere but as a hash.

const EXPIRY_DAYS: Record<string, number | null> = { never: null, "7": 7, "30": 30, "90": 90, "365": 365 };

async function ctxOrThrow() {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in required", 401);
  return ctx;
}

export async function createApiKeyAction(_p: FormState, form: FormData): Promise<FormState> {
  const data = form instanceof FormData ? form : new FormData();
  const values = { name: String(data.get("name") ?? ""), expires: String(data.get("expires") ?? "never") };
  try {
    const ctx = await ctxOrThrow();
    if (!(values.expires in EXPIRY_DAYS)) throw new ValidationError({ expires: "pick when the key expires" });
    const days = EXPIRY_DAYS[values.expires];
    const scopes = data.getAll("scopes").map(String);
    const { secret } = await createApiKey(ctx, {
      name: values.name,
      scopes,
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
    });
    revalidatePath("/settings/api");
    return { ok: true, message: secret };
  } catch (e) {
    return toFormState(e, values);
  }
}

export async function revokeApiKeyAction(id: string): Promise<FormState> {
  try {
    await revokeApiKey(await ctxOrThrow(), idArgument(id, "id"));
    revalidatePath("/settings/api");
    return { ok: true };
  } catch (e) {
    return toFormState(e);
  }
}
