import { describe, expect, it } from "vitest";
import { classifyPinterestError } from "@/providers/pinterest/pinterest.errors";
import { PinterestProvider } from "@/providers/pinterest/pinterest.provider";

// Pinterest's error table (../shared/platforms/pinterest.md §4), row by row, with Pinterest.Lib.Error
// bodies ({"code", "message"}, sometimes "status": "failure" or a "message_detail").

describe("Pinterest errors", () => {
  const cases: [string, number, string, RegExp][] = [
    ['{"code":2,"message":"Authentication failed.","status":"failure"}', 401, "refresh-token", /Authentication failed\./],
    ['{"code":8,"message":"You have exceeded your rate limit. Try again later."}', 429, "retry", /rate limit was reached/],
    [
      '{"code":8,"message":"Too many requests","message_detail":"Your request was blocked as possible spam"}',
      429,
      "bad-body",
      /possible spam \(Too many requests\)/,
    ],
    ['{"code":3,"message":"Your application consumer type is not supported. Missing scopes: pins:write"}', 403, "disconnect", /reconnect/],
    ['{"code":29,"message":"You are not permitted to access that resource."}', 403, "bad-body", /may not pin to this board/],
    ['{"code":40,"message":"Board not found."}', 404, "bad-body", /Board not found\..*pick another board/],
    ["{\"code\":1,\"message\":\"'Recipes' does not match '^\\\\d+$' - 'board_id'\"}", 400, "bad-body", /does not match/],
    ['{"code":1,"message":"media_source.items: constraint: maxItems=5"}', 400, "bad-body", /maxItems=5/],
    [
      '{"code":1,"message":"A video Pin needs a cover: cover_image_url or cover_image_content_type and cover_image_data"}',
      400,
      "bad-body",
      /cover_image_url/,
    ],
    ['{"code":1,"message":"Unable to reach the URL: https://example.com/a.jpg"}', 400, "retry", /could not reach a link/],
    ['{"code":0,"message":"Something went wrong on our end. Sorry about that."}', 500, "retry", /trouble/],
    ["<html>Bad Gateway</html>", 502, "retry", /trouble \(<html>Bad Gateway<\/html>\)/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = classifyPinterestError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("leaves what it does not know to the status rules", () => {
    expect(classifyPinterestError('{"code":99,"message":"Teapot"}', 418)).toBeUndefined();
  });

  it("is the provider's handleErrors", () => {
    expect(new PinterestProvider().handleErrors('{"code":2,"message":"Authentication failed."}', 401)?.kind).toBe("refresh-token");
  });
});
