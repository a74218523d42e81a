import { describe, expect, it } from "vitest";
import { classifyDribbbleError, classifyDribbbleTokenError, untilTomorrowUtc } from "@/providers/dribbble/dribbble.errors";
import { DribbbleProvider, shotIdOf } from "@/providers/dribbble/dribbble.provider";

// Dribbble's error rows (../shared/platforms/dribbble.md §4; developer.dribbble.com/v2 "Client
// Errors") with the documented bodies: {"message"} and, on 422, "errors": [{attribute, message}].

describe("Dribbble errors", () => {
  const cases: [string, number, string, RegExp][] = [
    ['{"message":"Problem parsing JSON."}', 400, "bad-body", /refused the request: Problem parsing JSON\./],
    [
      '{"message":"Validation failed.","errors":[{"attribute":"image","message":"must be exactly 400x300 or 800x600"}]}',
      422,
      "bad-body",
      /refused the shot: Validation failed\. image must be exactly 400x300 or 800x600/,
    ],
    [
      '{"message":"Validation failed.","errors":[{"attribute":"title","message":"can\'t be blank"}]}',
      422,
      "bad-body",
      /title can't be blank/,
    ],
    [
      '{"message":"Validation failed.","errors":[{"attribute":"image","message":"You have reached your daily limit of shots"}]}',
      422,
      "retry",
      /daily upload limit.*tomorrow/,
    ],
    ['{"message":"Bad credentials"}', 401, "disconnect", /no longer accepts this sign-in \(Bad credentials\)/],
    ['{"message":"Rate Limit Exceeded"}', 403, "retry", /rate limit/],
    ['{"message":"API rate limit exceeded."}', 429, "retry", /rate limit/],
    ['{"message":"This action requires the \'upload\' scope"}', 403, "disconnect", /reconnect the channel and allow uploads/],
    ['{"message":"Forbidden"}', 403, "bad-body", /may not be allowed to upload shots/],
    ['{"message":"Internal Server Error"}', 500, "retry", /trouble/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = classifyDribbbleError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("waits for the next UTC day after a daily limit", () => {
    const h = classifyDribbbleError('{"message":"daily limit reached"}', 403);
    expect(h?.retryAfterMs).toBeGreaterThan(0);
    expect(untilTomorrowUtc(Date.UTC(2026, 0, 1, 23, 0, 0))).toBe(3_600_000);
  });

  it("reads the token endpoint's OAuth errors as a sign-in to start again", () => {
    expect(classifyDribbbleTokenError('{"error":"invalid_grant","error_description":"The code has expired"}', 400)).toMatchObject({
      kind: "disconnect",
      message: expect.stringMatching(/The code has expired.*DRIBBBLE_CLIENT_ID/),
    });
    expect(classifyDribbbleTokenError("oops", 503).kind).toBe("retry");
  });

  it("is the provider's handleErrors", () => {
    expect(new DribbbleProvider().handleErrors('{"message":"Bad credentials"}', 401)?.kind).toBe("disconnect");
  });
});

describe("the shot id from the 202's Location", () => {
  it("is the last path segment", () => {
    expect(shotIdOf("https://api.dribbble.com/v2/shots/471756")).toBe("471756");
    expect(shotIdOf("/v2/shots/12/")).toBe("12");
    expect(shotIdOf(null)).toBeUndefined();
    expect(shotIdOf("https://api.dribbble.com/v2/user")).toBeUndefined();
  });
});
