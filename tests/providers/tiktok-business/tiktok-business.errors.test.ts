import { describe, expect, it } from "vitest";
import { classifyTiktokBusinessError, classifyTiktokBusinessTokenError } from "@/providers/tiktok-business/tiktok-business.errors";

// TikTok API for Business answers HTTP 200 with {"code":<int>,"message","request_id","data"}
// (../shared/platforms/tiktok-business.md §4): the code decides, never the status.

const biz = (code: number, message: string) => JSON.stringify({ code, message, request_id: "202612021530ABCDEF", data: {} });

describe("TikTok API for Business errors", () => {
  const cases: [number, string, string, RegExp][] = [
    [40105, "Access token is incorrect or has been revoked.", "refresh-token", /no longer accepts the access token/],
    [40001, "No permission to operate.", "disconnect", /reconnect the channel/],
    [40100, "Too many requests.", "retry", /slow down/],
    [50002, "Internal service error, please try again later.", "retry", /having trouble/],
    [51065, "Something is wrong", "bad-body", /check the music or the media/],
    [40002, "url_ownership_unverified: the domain is not verified", "bad-body", /not verified as a URL property/],
    [40002, "spam_risk_too_many_posts", "bad-body", /try again tomorrow/],
    [40002, "post_info.privacy_level must be one of PUBLIC_TO_EVERYONE", "bad-body", /privacy_level must be one of/],
  ];
  for (const [code, message, kind, words] of cases)
    it(`${code} ${message} → ${kind}`, () => {
      const h = classifyTiktokBusinessError(biz(code, message), 200);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(words);
      expect(h?.message).toContain("202612021530ABCDEF");
    });

  it("an access-token message without a code still refreshes", () => {
    expect(classifyTiktokBusinessError(JSON.stringify({ message: "Access token has expired." }), 200)?.kind).toBe("refresh-token");
  });

  it("a refused refresh token means connecting again; TikTok's own trouble is retried", () => {
    expect(classifyTiktokBusinessTokenError(biz(40105, "The refresh token is invalid or has expired."), 200).kind).toBe("disconnect");
    expect(classifyTiktokBusinessTokenError(biz(50002, "Internal error"), 200).kind).toBe("retry");
  });
});
