import { afterEach, describe, expect, it, vi } from "vitest";
import { httpClient } from "@/providers/core/transport";
import { countText } from "@/providers/core/counting";
import { ProviderError } from "@/providers/core/errors";
import { linkedinManifest } from "@/providers/linkedin/linkedin.manifest";
import { pollContent, postBody } from "@/providers/linkedin/linkedin.content";
import { LinkedInApi } from "@/providers/linkedin/linkedin.api";
import { classifyLinkedInError, msUntilMidnightUtc } from "@/providers/linkedin/linkedin.errors";
import { fetchMember } from "@/providers/linkedin/linkedin.member";
import { LinkedInProvider } from "@/providers/linkedin/linkedin.provider";
import { linkedinSettings } from "@/providers/linkedin/linkedin.settings";
import { escapeLittleText, readLittleText } from "@/providers/linkedin/linkedin.text";

// The documented error bodies (linkedin.md §4, linkedin-page.md §4) and their outcomes.
const ROWS: { name: string; status: number; body: unknown; kind: string; page?: string }[] = [
  {
    name: "expired token 65600",
    status: 401,
    body: { status: 401, serviceErrorCode: 65600, code: "EXPIRED_ACCESS_TOKEN", message: "The token used in the request is expired" },
    kind: "refresh-token",
  },
  {
    name: "invalid token",
    status: 401,
    body: { serviceErrorCode: 65600, message: "Invalid access token", status: 401 },
    kind: "refresh-token",
  },
  {
    name: "revoked 65601",
    status: 401,
    body: {
      status: 401,
      serviceErrorCode: 65601,
      code: "REVOKED_ACCESS_TOKEN",
      message: "The token used in the request has been revoked by the user",
    },
    kind: "disconnect",
  },
  {
    name: "missing permission",
    status: 403,
    body: {
      status: 403,
      serviceErrorCode: 100,
      code: "ACCESS_DENIED",
      message: "Not enough permissions to access: partnerApiPostsExternal.CREATE.20260101",
    },
    kind: "bad-body",
  },
  {
    name: "lost admin role on the organization",
    status: 403,
    kind: "bad-body",
    page: "disconnect",
    body: {
      status: 403,
      serviceErrorCode: 100,
      code: "ACCESS_DENIED",
      message: "Not enough permissions to access: organization urn:li:organization:123",
    },
  },
  {
    name: "organization author with member scopes",
    status: 400,
    body: { status: 400, message: "Organization permissions must be used when using organization as author" },
    kind: "bad-body",
  },
  {
    name: "duplicate",
    status: 422,
    kind: "bad-body",
    body: {
      errorDetailType: "com.linkedin.common.error.BadRequest",
      message: "ERROR :: /commentary :: Content is a duplicate of urn:li:share:7000",
      errorDetails: { inputErrors: [{ code: "DUPLICATE_POST" }] },
      status: 422,
    },
  },
  {
    name: "retired version",
    status: 426,
    body: { status: 426, code: "NONEXISTENT_VERSION", message: "Requested version 20240401 is not active" },
    kind: "bad-body",
  },
  {
    name: "rate limit",
    status: 429,
    body: { status: 429, message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached." },
    kind: "retry",
  },
  {
    name: "media processing: activity",
    status: 400,
    body: { status: 400, message: "Unable to obtain activity urn:li:activity:123" },
    kind: "retry",
  },
  { name: "media processing: forbidden", status: 403, body: { status: 403, message: "The resource is forbidden" }, kind: "retry" },
  { name: "server error", status: 503, body: { status: 503, message: "Service Unavailable" }, kind: "retry" },
];

describe("LinkedIn error classification", () => {
  it.each(ROWS)("$name -> $kind", ({ status, body, kind, page }) => {
    expect(classifyLinkedInError(JSON.stringify(body), status)?.kind).toBe(kind);
    expect(classifyLinkedInError(JSON.stringify(body), status, { organization: true })?.kind).toBe(page ?? kind);
  });

  it("names LINKEDIN_API_VERSION on a retired version", () => {
    expect(classifyLinkedInError(JSON.stringify(ROWS[7]!.body), 426)?.message).toContain("LINKEDIN_API_VERSION");
  });

  it("waits a 429 out until midnight UTC", () => {
    const now = Date.UTC(2026, 10, 24, 22, 0, 0);
    expect(classifyLinkedInError("{}", 429, { now })?.retryAfterMs).toBe(2 * 3_600_000);
    expect(msUntilMidnightUtc(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe(1000);
  });

  it("keeps LinkedIn's message readable", () => {
    expect(classifyLinkedInError(JSON.stringify(ROWS[5]!.body), 400)?.message).toContain("Organization permissions must be used");
  });
});

describe("little text format", () => {
  it("backslash-escapes every reserved character", () => {
    expect(escapeLittleText("\\|{}@[]()<>#*_~")).toBe("\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~");
  });

  it("leaves ordinary text, emoji and newlines alone", () => {
    expect(escapeLittleText("Hello, world! 🎉\nÇa va? 100% & more.")).toBe("Hello, world! 🎉\nÇa va? 100% & more.");
  });

  it("reads back escaped text whole and cuts unescaped text where LinkedIn would", () => {
    const text = "Ship it (v2) #launch @team {x|y} a_b ~c~ <d> [e] *f* \\g";
    expect(readLittleText(escapeLittleText(text))).toBe(text);
    expect(readLittleText("Hello (world)")).toBe("Hello ");
  });
});

describe("LinkedIn limits and settings", () => {
  it("counts plain characters against 3000", () => {
    const p = new LinkedInProvider();
    expect([p.counting, p.maxLength()]).toEqual(["chars", 3000]);
    expect(countText(p.counting, "héllo 🎉")).toBe(7);
  });

  it("maps poll durations and enforces the option rules", () => {
    expect(linkedinManifest.polls?.durationMinutes).toEqual({ choices: [1440, 4320, 10080, 20160] });
    expect(pollContent({ options: ["a", "b"], durationMinutes: 20160 }, "Question?").settings.duration).toBe("FOURTEEN_DAYS");
    expect(() => pollContent({ options: ["a", "b"], durationMinutes: 60 }, "Q")).toThrow(ProviderError);
    expect(() => pollContent({ options: ["a"], durationMinutes: 1440 }, "Q")).toThrow(/2 to 4/);
    expect(() => pollContent({ options: ["a", "x".repeat(31)], durationMinutes: 1440 }, "Q")).toThrow(/30 characters/);
    expect(() => pollContent({ options: ["a", "b"], durationMinutes: 1440 }, "q".repeat(141))).toThrow(/question/);
  });

  it("builds one content kind: media for one image, multiImage for several", () => {
    const base = { author: "urn:li:person:1", text: "t", visibility: "PUBLIC" as const };
    expect(postBody({ ...base, media: [{ urn: "urn:li:image:1", alt: "a" }] }).content).toEqual({
      media: { id: "urn:li:image:1", altText: "a" },
    });
    expect(postBody({ ...base, media: [{ urn: "urn:li:image:1" }, { urn: "urn:li:image:2" }] }).content).toEqual({
      multiImage: { images: [{ id: "urn:li:image:1" }, { id: "urn:li:image:2" }] },
    });
    expect(postBody({ ...base, media: [] })).not.toHaveProperty("content");
  });

  it("validates visibility with a message naming the field", () => {
    expect(linkedinSettings.parse({})).toEqual({ visibility: "PUBLIC" });
    const r = linkedinSettings.safeParse({ visibility: "FRIENDS" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^visibility must be/);
  });
});

describe("LinkedIn media still processing", () => {
  afterEach(() => vi.restoreAllMocks());

  it("repeats the create after 'Unable to obtain activity' (nothing was created), then gives up as not published", async () => {
    const p = new LinkedInProvider();
    p.timing = { processingWaitsMs: [0], video: { attempts: 1, intervalMs: 0 } };
    const processing = () =>
      new Response(JSON.stringify({ status: 400, message: "Unable to obtain activity urn:li:activity:1" }), { status: 400 });
    const created = () => new Response(null, { status: 201, headers: { "x-restli-id": "urn:li:share:42" } });
    const spy = vi.spyOn(httpClient, "send").mockResolvedValueOnce(processing()).mockResolvedValueOnce(created());
    const channel = { id: "c", internalId: "abc", accessToken: "t" };
    await expect(p.post(channel, { text: "hi" }, { visibility: "PUBLIC" })).resolves.toMatchObject({ id: "urn:li:share:42" });
    expect(spy).toHaveBeenCalledTimes(2);

    spy.mockReset().mockResolvedValueOnce(processing()).mockResolvedValueOnce(processing());
    const e = (await p.post(channel, { text: "hi" }, { visibility: "PUBLIC" }).catch((x: unknown) => x)) as ProviderError;
    expect([e.kind, e.details.mayHavePublished]).toEqual(["retry", false]);
  });
});

describe("LinkedIn right after consent", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the profile again once when LinkedIn briefly calls a fresh token revoked (65601)", async () => {
    const p = new LinkedInProvider();
    const revoked = new Response(
      JSON.stringify({
        status: 401,
        serviceErrorCode: 65601,
        code: "REVOKED_ACCESS_TOKEN",
        message: "The token used in the request has been revoked by the user",
      }),
      { status: 401 },
    );
    const ok = new Response(JSON.stringify({ sub: "abc", name: "Ada" }), { status: 200 });
    const spy = vi.spyOn(httpClient, "send").mockResolvedValueOnce(revoked).mockResolvedValueOnce(ok);
    await expect(fetchMember(p, new LinkedInApi(p, "linkedin"), "t", 0)).resolves.toEqual({ sub: "abc", name: "Ada", picture: undefined });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
