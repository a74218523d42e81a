import { z } from "zod";
import { ValidationError } from "@/lib/errors";

/** Turns zod issues into one readable message per field ("email: must be a valid email address"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    out[key] ??= issue.message;
  }
  return out;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const res = schema.safeParse(input);
  if (!res.success) throw new ValidationError(fieldErrors(res.error));
  return res.data;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Shared building blocks for every input schema. PostgreSQL refuses a NUL character in text and
// JSON, and a lone UTF-16 surrogate is not Unicode at all (it cannot be stored or sent as UTF-8),
// so text is checked here, at the edge, with the rule named, rather than failing in the database.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unsafeTextReason(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text (it contains a lone surrogate such as \\ud800)";
  return null;
}

/** A string that can be stored and sent as UTF-8 text. */
export const safeText = (message?: string) =>
  z.string(message ? { message } : undefined).superRefine((s, ctx) => {
    const reason = unsafeTextReason(s);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

/** Ids (path segments, channel and media ids): short, printable text. */
export const idText = (message = "must be an id") => safeText().min(1, message).max(200, "an id is at most 200 characters");

// Dates the product deals with (posts, calendars, analytics ranges) sit well inside this window;
// anything outside it is a typo or a unit mistake (microseconds sent as milliseconds), and
// PostgreSQL or the date maths would fail on it later.
export const DATE_MIN = new Date("2000-01-01T00:00:00.000Z");
export const DATE_MAX = new Date("2100-12-31T23:59:59.999Z");
export const DATE_WINDOW = "between 2000-01-01 and 2100-12-31";

export const inDateWindow = (d: Date) => d.getTime() >= DATE_MIN.getTime() && d.getTime() <= DATE_MAX.getTime();

/**
 * An instant given as an ISO string or epoch milliseconds, inside the window. `label` names the
 * field in messages of query strings, where the path alone would not say much.
 */
export const boundedDate = (label?: string) =>
  z
    .union([z.string().max(100, `${label ?? "the date"} is too long to be a date`), z.number(), z.date()], {
      message: `${label ? `${label} ` : ""}must be a date and time`,
    })
    .transform((v, ctx) => {
      const d = v instanceof Date ? v : new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label ? `${label} ` : ""}must be a date and time` });
        return z.NEVER;
      }
      if (!inDateWindow(d)) {
        ctx.addIssue({ code: "custom", message: `${label ? `${label} ` : ""}must be ${DATE_WINDOW}` });
        return z.NEVER;
      }
      return d;
    });

/** A calendar day (YYYY-MM-DD) that exists and lies inside the window. */
export const boundedDay = (label: string, example: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like ${example}`)
    .superRefine((d, ctx) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d)
        ctx.addIssue({ code: "custom", message: `${label} is not a calendar date` });
      else if (!inDateWindow(new Date(t))) ctx.addIssue({ code: "custom", message: `${label} must be ${DATE_WINDOW}` });
    });

/** Every %XX escape in the string decodes to UTF-8 (a broken one, like %E0%A4%A, does not). */
export function hasValidPercentEncoding(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

// A host name a resolver can look up: dot-separated labels of letters, digits and hyphens (IDNs
// arrive here in their punycode form, as the URL parser gives them), or an IP address.
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
export function isLookupableHost(hostname: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/i.test(hostname)) return true;
  const host = hostname.replace(/\.$/, "");
  return host.length > 0 && host.length <= 253 && host.split(".").every((l) => HOST_LABEL.test(l));
}

/** Why a URL typed by a user cannot be fetched, or null when it can. */
export function unsafeUrlReason(raw: string, protocols: string[] = ["http:", "https:"]): string | null {
  const text = unsafeTextReason(raw);
  if (text) return text;
  if (raw.length > 2048) return "must be at most 2048 characters";
  if (!hasValidPercentEncoding(raw)) return "has a broken %-escape (each % must start a valid UTF-8 escape such as %20)";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a full address such as https://example.com/file.png";
  }
  if (!protocols.includes(url.protocol)) return `must be an ${protocols.map((p) => p.slice(0, -1)).join(" or ")} address`;
  if (!isLookupableHost(url.hostname)) return `"${url.hostname}" is not a valid host name`;
  return null;
}

/** A public http(s) address the server will fetch. */
export const safeUrl = () =>
  z.string().superRefine((s, ctx) => {
    const reason = unsafeUrlReason(s);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
