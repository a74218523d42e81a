import { storageRefusal } from "@/lib/api/storage-errors";
import { isAppError, ValidationError } from "@/lib/errors";

// The shape server actions return to their forms: a general error, per-field errors, and the
// values to put back so nothing the user typed is lost.
export type FormState = { ok?: boolean; message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };

export function formValues(form: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));
}

/** Expected errors become form state; anything else is rethrown (and logged by Next). */
export function toFormState(e: unknown, values?: Record<string, string>): FormState {
  e = storageRefusal(e) ?? e;
  if (e instanceof ValidationError) return { fields: e.fields, values };
  if (isAppError(e)) return { error: e.message, values };
  throw e;
}

/** Only same-site relative paths are followed after sign-in. */
export function safeNext(next: unknown, fallback = "/calendar"): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}
