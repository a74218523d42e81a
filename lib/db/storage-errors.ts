import { ValidationError } from "@/lib/errors";

// The last safety net behind the schemas: a value PostgreSQL refuses as data (SQLSTATE class 22:
// a NUL byte, a date out of range, a number too large) came from the request, so it is answered
// as bad input rather than as our failure. Validation at the edge names the field precisely;
// reaching this means a schema missed a rule, so it is logged for us to add it.

const MESSAGES: Record<string, string> = {
  "22021": "contains a character that cannot be stored (such as NUL)",
  "22P05": "contains a character that cannot be stored (such as NUL)",
  "22008": "has a date and time out of range",
  "22009": "has a date and time out of range",
  "22007": "has a date and time in the wrong format",
  "22003": "has a number out of range",
  "22001": "has a value too long to store",
  "22P02": "has a value in the wrong format",
};

/** The SQLSTATE of a pg error, or of one Prisma's driver adapter wrapped. */
export function sqlState(e: unknown): string | undefined {
  const x = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  const wrapped = x?.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof wrapped === "string") return wrapped;
  return typeof x?.code === "string" && /^[0-9A-Z]{5}$/.test(x.code) ? x.code : undefined;
}

export function storageRefusal(e: unknown): ValidationError | null {
  const state = sqlState(e);
  if (!state?.startsWith("22")) return null;
  console.warn("[api] input refused by the database; a schema should have caught it", state, (e as Error).message);
  return new ValidationError({ input: MESSAGES[state] ?? "has a value that cannot be stored" });
}
