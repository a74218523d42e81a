import { isAppError, ValidationError } from "@/lib/errors";

// The shape server actions return to their forms: a general error, per-field errors, and the
// values to put back so nothing the user typed is lost.
export type FormState = { ok?: boolean; message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };

export function formValues(form: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));
}

/** Expected errors become form state; anything else is rethrown (and logged by Next). */
export function toFormState(e: unknown, values?: Record<string, string>): FormState {
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
