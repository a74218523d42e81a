import { describe, expect, it } from "vitest";
import { classifyMeweError, classifyMeweTokenError } from "@/providers/mewe/mewe.errors";
import { MeweProvider } from "@/providers/mewe/mewe.provider";

// MeWe's error table (../shared/platforms/mewe.md §4), row by row, with the bodies MeWe sends:
// plain text or a small JSON object, no envelope.

describe("MeWe errors", () => {
  const cases: [string, number, string, RegExp][] = [
    ["Unauthorized", 401, "disconnect", /no longer accepts this sign-in \(Unauthorized\).*reconnect/],
    ['{"message":"Token expired"}', 401, "disconnect", /\(Token expired\)/],
    ["Enhance Your Calm", 420, "retry", /slow down \(Enhance Your Calm\)/],
    ["Forbidden", 403, "bad-body", /refused the post \(Forbidden\).*group/],
    ["Request Entity Too Large", 413, "bad-body", /image as too large \(Request Entity Too Large\)/],
    ["Not Found", 404, "bad-body", /does not know this group.*\(Not Found\)/],
    ['{"error":"text is required"}', 400, "bad-body", /refused the request: text is required/],
    ["Internal Server Error", 500, "retry", /trouble \(Internal Server Error\)/],
    ["<html>Bad Gateway</html>", 502, "retry", /trouble/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = classifyMeweError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("leaves what it does not know to the status rules", () => {
    expect(classifyMeweError("I'm a teapot", 418)).toBeUndefined();
  });

  it("is the provider's handleErrors", () => {
    expect(new MeweProvider().handleErrors("Enhance Your Calm", 420)?.kind).toBe("retry");
  });

  it("reads a refused token exchange as a sign-in to start again, naming the app settings", () => {
    for (const status of [401, 403]) {
      const h = classifyMeweTokenError("Unauthorized", status);
      expect(h).toMatchObject({ kind: "disconnect" });
      expect(h!.message).toMatch(/MEWE_APP_ID and MEWE_API_KEY/);
    }
    expect(classifyMeweTokenError("Service Unavailable", 503)?.kind).toBe("retry");
  });
});
