import { z } from "zod";
import { storageRefusal } from "@/lib/api/storage-errors";
import { isAppError, ValidationError } from "@/lib/errors";
import { idText, parseOrThrow } from "@/lib/validation";

// The shape server actions return to their forms: a general error, per-field errors, and the
// values to put back so nothing the user typed is lost.
export type FormState = { ok?: boolean; message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };

// Server actions are endpoints any client can call with any serializable arguments, so what
// arrives as "the form" or "the id" is checked like any other input before it is used.
export function formValues(form: unknown, keys: string[]): Record<string, string> {
  const get = form instanceof FormData ? (k: string) => form.get(k) : () => null;
  return Object.fromEntries(keys.map((k) => [k, String(get(k) ?? "")]));
}

/** A server action's id argument, or a ValidationError naming it. */
export function idArgument(value: unknown, field: string): string {
  return parseOrThrow(z.object({ [field]: idText(`${field} must be an id`) }), { [field]: value })[field] as string;
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
