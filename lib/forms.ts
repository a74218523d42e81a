import { z } from "zod";
import { storageRefusal } from "@/lib/db/storage-errors";
import { isAppError, ValidationError } from "@/lib/errors";
import { idText, parseOrThrow } from "@/lib/validation";

// The shape server actions return to their forms: a general error, per-field errors, and the
// values to put back so nothing the user typed is lost.
export type FormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
};

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

/**
 * Only paths on this site are followed after sign-in. Browsers read "\" as "/" and drop tabs and
 * newlines, so "/\evil.example" and "/\t/evil.example" mean "//evil.example" (another host): any
 * backslash or control character is refused, in the value and in its percent-decoded forms.
 */
export function safeNext(next: unknown, fallback = "/calendar"): string {
  if (typeof next !== "string" || next.length > 2000) return fallback;
  const forms = [next];
  for (let i = 0; i < 3; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(forms.at(-1)!);
    } catch {
      return fallback;
    }
    if (decoded === forms.at(-1)) break;
    forms.push(decoded);
  }
  const unsafe = (s: string) => !s.startsWith("/") || s.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(s);
  if (forms.some(unsafe)) return fallback;
  const base = "http://postmill.invalid";
  const url = new URL(next, base);
  return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}
