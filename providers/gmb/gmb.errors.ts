import { errorTable, serverError, type ErrorFacts } from "../core/error-table";
import type { HandledError } from "../core/errors";

// Google's API errors (google.rpc.Status as JSON, cloud.google.com/apis/design/errors; ../shared/platforms/gmb.md §4):
//   {"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest",
//     "fieldViolations":[{"field":"event.schedule","description":"…"}]}, {"@type":"…ErrorInfo","reason":"SERVICE_DISABLED"}, …]}}
// The row is chosen by `status` (the canonical code), then ErrorInfo.reason where it changes the
// meaning; field violations are named in the message, and RetryInfo.retryDelay is honoured.

type Detail = {
  "@type"?: string;
  reason?: string;
  retryDelay?: string;
  fieldViolations?: { field?: string; description?: string }[];
};
type Body = { error?: { code?: number; message?: string; status?: string; details?: Detail[] } | string; error_description?: string };

const envelope = (b: Body) => (b.error && typeof b.error === "object" ? b.error : undefined);
const details = (b: Body): Detail[] => (Array.isArray(envelope(b)?.details) ? envelope(b)!.details! : []);
const reasons = (b: Body) =>
  details(b)
    .map((d) => d.reason)
    .filter((r): r is string => typeof r === "string");
const hasReason =
  (...r: string[]) =>
  (f: ErrorFacts<Body>) =>
    reasons(f.body).some((x) => r.includes(x));

/** "event.schedule.endDate: must be after the start; summary: too long", from every BadRequest detail. */
export function fieldViolations(b: Body): string | undefined {
  const list = details(b)
    .flatMap((d) => d.fieldViolations ?? [])
    .filter((v) => v.field || v.description)
    .map((v) => [v.field, v.description].filter(Boolean).join(": "));
  return list.length ? list.join("; ") : undefined;
}

/** RetryInfo.retryDelay ("30s", "1.5s") in milliseconds. */
function retryDelayMs(b: Body): number | undefined {
  const d = details(b).find((x) => typeof x.retryDelay === "string")?.retryDelay;
  const s = d ? Number(/^(\d+(?:\.\d+)?)s$/.exec(d)?.[1]) : NaN;
  return Number.isFinite(s) ? Math.ceil(s * 1000) : undefined;
}

const classify = errorTable<Body>({
  code: (b) => envelope(b)?.status ?? (typeof b.error === "string" ? b.error : undefined),
  text: (b, raw, status) =>
    envelope(b)?.message?.trim() ||
    b.error_description ||
    (typeof b.error === "string" ? b.error : "") ||
    raw.trim().slice(0, 300) ||
    `HTTP ${status}`,
  rows: [
    // The access token lasted its hour: refresh it and try once more.
    { code: "UNAUTHENTICATED", kind: "refresh-token" },
    { status: 401, kind: "refresh-token" },
    // The Cloud project has not enabled (or was not approved for) this API: the operator must act.
    {
      status: 403,
      when: hasReason("SERVICE_DISABLED", "API_DISABLED", "CONSUMER_INVALID"),
      kind: "bad-body",
      message: (f) => `Google refused the call: ${f.text} (enable the Business Profile APIs for the app's Google Cloud project)`,
    },
    {
      status: 403,
      match: /has not been used in project|is disabled|not been enabled/i,
      kind: "bad-body",
      message: (f) => `Google refused the call: ${f.text} (enable the Business Profile APIs for the app's Google Cloud project)`,
    },
    // The grant lacks business.manage, or the user no longer manages the location: sign in again.
    {
      code: "PERMISSION_DENIED",
      kind: "disconnect",
      message: (f) => `Google says this account may not manage the location (${f.text}); reconnect Google Business Profile`,
    },
    // Over a per-minute quota: wait (RetryInfo when given, else the minute).
    {
      code: "RESOURCE_EXHAUSTED",
      kind: "retry",
      message: (f) => `Google Business Profile quota reached: ${f.text}`,
      retryAfterMs: (f) => retryDelayMs(f.body) ?? 60_000,
    },
    { status: 429, kind: "retry", retryAfterMs: (f) => retryDelayMs(f.body) ?? 60_000 },
    // The post was refused as written: name the fields Google names.
    {
      code: ["INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE"],
      kind: "bad-body",
      message: (f) => {
        const fields = fieldViolations(f.body);
        return `Google refused the post: ${f.text}${fields ? ` (${fields})` : ""}`;
      },
    },
    { code: "NOT_FOUND", kind: "bad-body", message: (f) => `Google does not know this location (or it was removed): ${f.text}` },
    {
      code: ["UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED"],
      kind: "retry",
      message: (f) => `Google is having trouble: ${f.text}`,
    },
    { status: serverError, kind: "retry", message: (f) => `Google is having trouble (HTTP ${f.status}): ${f.text}` },
  ],
});

export function classifyGmbError(body: string, status: number): HandledError | undefined {
  return classify(body, status);
}
