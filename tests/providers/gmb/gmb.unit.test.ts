import { describe, expect, it } from "vitest";
import { classifyGmbError } from "@/providers/gmb/gmb.errors";
import { localPostBody } from "@/providers/gmb/gmb.post-body";
import { gmbSettings } from "@/providers/gmb/gmb.settings";

// Google's error envelope (google.rpc.Status as JSON, cloud.google.com/apis/design/errors) with the
// bodies Google documents, and the per-post settings of each post type.

const body = (code: number, status: string, message: string, details: unknown[] = []) =>
  JSON.stringify({ error: { code, message, status, ...(details.length ? { details } : {}) } });

describe("Google Business Profile errors", () => {
  it("401 UNAUTHENTICATED refreshes the token", () => {
    const b = body(
      401,
      "UNAUTHENTICATED",
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );
    expect(classifyGmbError(b, 401)?.kind).toBe("refresh-token");
  });

  it("403 SERVICE_DISABLED is the operator's Cloud project, not the user's grant", () => {
    const b = body(
      403,
      "PERMISSION_DENIED",
      "My Business Business Information API has not been used in project 123 before or it is disabled.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "SERVICE_DISABLED",
          domain: "googleapis.com",
          metadata: { service: "mybusinessbusinessinformation.googleapis.com" },
        },
      ],
    );
    const r = classifyGmbError(b, 403);
    expect(r?.kind).toBe("bad-body");
    expect(r?.message).toMatch(/has not been used in project 123.*enable the Business Profile APIs/);
  });

  it("403 PERMISSION_DENIED otherwise (scope or lost access) disconnects", () => {
    const scope = body(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", domain: "googleapis.com" },
    ]);
    expect(classifyGmbError(scope, 403)?.kind).toBe("disconnect");
    expect(classifyGmbError(body(403, "PERMISSION_DENIED", "The caller does not have permission"), 403)?.kind).toBe("disconnect");
  });

  it("429 RESOURCE_EXHAUSTED retries after RetryInfo's delay, else a minute", () => {
    const withDelay = body(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'.", [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "17s" },
    ]);
    expect(classifyGmbError(withDelay, 429)).toMatchObject({ kind: "retry", retryAfterMs: 17_000 });
    expect(classifyGmbError(body(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), 429)).toMatchObject({ kind: "retry", retryAfterMs: 60_000 });
  });

  it("400 INVALID_ARGUMENT names the fields Google names", () => {
    const b = body(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [
          { field: "event.schedule.end_date", description: "The end must be after the start." },
          { field: "call_to_action.url", description: "Required." },
        ],
      },
    ]);
    const r = classifyGmbError(b, 400);
    expect(r?.kind).toBe("bad-body");
    expect(r?.message).toContain("event.schedule.end_date: The end must be after the start.; call_to_action.url: Required.");
  });

  it("404 NOT_FOUND is a bad location; 5xx and UNAVAILABLE retry", () => {
    expect(classifyGmbError(body(404, "NOT_FOUND", "Requested entity was not found."), 404)?.kind).toBe("bad-body");
    expect(classifyGmbError(body(500, "INTERNAL", "Internal error encountered."), 500)?.kind).toBe("retry");
    expect(classifyGmbError(body(503, "UNAVAILABLE", "The service is currently unavailable."), 503)?.kind).toBe("retry");
  });
});

describe("Google Business Profile settings", () => {
  const issues = (s: unknown) => {
    const r = gmbSettings.safeParse(s);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("an update needs nothing; {} is a standard post", () => {
    expect(gmbSettings.parse({})).toEqual({ postType: "STANDARD" });
  });

  it("an event needs a title, a start and an end after it", () => {
    expect(issues({ postType: "EVENT" })).toEqual({
      title: "title: an event post needs a title",
      start: "start: an event post needs its start date and time",
      end: "end: an event post needs its end date and time",
    });
    expect(issues({ postType: "EVENT", title: "T", start: "2030-01-02T10:00", end: "2030-01-02T09:00" })).toEqual({
      end: "end: must be after the start",
    });
    expect(issues({ postType: "EVENT", title: "T", start: "2030-01-02 10:00", end: "2030-01-02T11:00" }).start).toMatch(/2026-09-01T18:30/);
  });

  it("an offer needs its schedule too; offer fields only on offers; no button on offers", () => {
    expect(Object.keys(issues({ postType: "OFFER", couponCode: "X" }))).toEqual(["title", "start", "end"]);
    expect(issues({ couponCode: "X" })).toEqual({ couponCode: "couponCode: only offer posts take it" });
    const offer = { postType: "OFFER", title: "T", start: "2030-01-01T00:00", end: "2030-02-01T00:00" };
    expect(issues({ ...offer, actionType: "BOOK", actionUrl: "https://x.test" })).toHaveProperty("actionType");
    expect(issues({ ...offer, redeemOnlineUrl: "ftp://x" })).toHaveProperty("redeemOnlineUrl");
  });

  it("a button needs its link, except Call now, which takes none", () => {
    expect(issues({ actionType: "BOOK" })).toEqual({ actionUrl: "actionUrl: the Book button needs a link" });
    expect(issues({ actionType: "CALL", actionUrl: "https://x.test" })).toHaveProperty("actionUrl");
    expect(issues({ actionType: "CALL" })).toEqual({});
    expect(issues({ actionUrl: "https://x.test" })).toHaveProperty("actionType");
  });

  it("builds the documented LocalPost body for each type", () => {
    const item = { text: "Hello", media: [{ url: "https://img.test/p.jpg", mimeType: "image/jpeg" }] };
    expect(localPostBody(item as never, gmbSettings.parse({ actionType: "CALL" }))).toEqual({
      languageCode: "en-US",
      topicType: "STANDARD",
      summary: "Hello",
      callToAction: { actionType: "CALL" },
      media: [{ mediaFormat: "PHOTO", sourceUrl: "https://img.test/p.jpg" }],
    });
    const offer = localPostBody(
      { text: "Deal" } as never,
      gmbSettings.parse({
        postType: "OFFER",
        title: "BOGO",
        start: "2030-01-01T09:00",
        end: "2030-01-31T17:30",
        couponCode: "BOGO",
        termsConditions: "One per visit",
      }),
    );
    expect(offer).toEqual({
      languageCode: "en-US",
      topicType: "OFFER",
      summary: "Deal",
      event: {
        title: "BOGO",
        schedule: {
          startDate: { year: 2030, month: 1, day: 1 },
          startTime: { hours: 9, minutes: 0, seconds: 0, nanos: 0 },
          endDate: { year: 2030, month: 1, day: 31 },
          endTime: { hours: 17, minutes: 30, seconds: 0, nanos: 0 },
        },
      },
      offer: { couponCode: "BOGO", termsConditions: "One per visit" },
    });
  });
});
