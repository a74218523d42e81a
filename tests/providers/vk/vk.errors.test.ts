import { describe, expect, it } from "vitest";
import { classifyVkError } from "@/providers/vk/vk.errors";
import { classifyVkIdError, packRefresh, unpackRefresh } from "@/providers/vk/vk.auth";

// VK's error envelope (dev.vk.com errors and captcha-error pages; VKCOM/vk-api-schema errors.json):
// HTTP 200 with {"error":{"error_code","error_msg","request_params"}}, row by row.

const vk = (code: number, msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { error_code: code, error_msg: msg, request_params: [{ key: "v", value: "5.199" }], ...extra } });

describe("VK API errors", () => {
  const cases: [number, string, string, RegExp, number?][] = [
    [
      5,
      "User authorization failed: invalid access_token (4).",
      "refresh-token",
      /no longer accepts the sign-in \(User authorization failed/,
    ],
    [1117, "Access token has expired", "refresh-token", /Access token has expired/],
    [7, "Permission to perform this action is denied", "disconnect", /reconnect the channel/],
    [17, "Validation required: please open redirect_uri in browser", "disconnect", /Validation required/],
    [18, "User was deleted or banned", "disconnect", /deleted or banned/],
    [6, "Too many requests per second", "retry", /slow down/, 1_000],
    [9, "Flood control", "retry", /flood control/i, 600_000],
    [29, "Rate limit reached", "retry", /in an hour/, 3_600_000],
    [601, "Permission denied. You have requested too many actions this day. Try later.", "retry", /in an hour/, 3_600_000],
    [10, "Internal server error", "retry", /having trouble \(Internal server error\)/],
    [1, "Unknown error occurred", "retry", /having trouble/],
    [15, "Access denied", "bad-body", /may no longer post on this wall/],
    [214, "Access to adding post denied", "bad-body", /Access to adding post denied/],
    [220, "Too many recipients", "bad-body", /Too many recipients/],
    [222, "Hyperlinks are forbidden", "bad-body", /forbids links/],
    [100, "One of the parameters specified was missing or invalid: message is empty", "bad-body", /message is empty/],
    [121, "Invalid hash", "bad-body", /Invalid hash/],
    [4242, "Something VK added later", "bad-body", /Something VK added later/],
  ];
  for (const [code, msg, kind, message, wait] of cases)
    it(`${code} ${msg} → ${kind}`, () => {
      const h = classifyVkError(vk(code, msg), 200);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
      expect(h?.retryAfterMs).toBe(wait);
    });

  it("asks the person to pass VK's captcha (14), never retrying it", () => {
    const body = vk(14, "Captcha needed", {
      captcha_sid: "239633676097",
      captcha_img: "https://api.vk.com/captcha.php?sid=239633676097&s=1",
    });
    const h = classifyVkError(body, 200);
    expect(h?.kind).toBe("bad-body");
    expect(h?.message).toMatch(/captcha.*open VK/);
  });

  it("leaves an answer without VK's envelope to the status rules", () => {
    expect(classifyVkError("<html>502 Bad Gateway</html>", 502)).toBeUndefined();
  });
});

describe("VK ID errors and the stored refresh token", () => {
  it("a refused grant means connecting again; VK ID's trouble is retried", () => {
    expect(classifyVkIdError('{"error":"invalid_grant","error_description":"refresh token is expired"}', 400)).toMatchObject({
      kind: "disconnect",
      message: expect.stringMatching(/refresh token is expired.*connect the channel again/),
    });
    expect(classifyVkIdError("oops", 503).kind).toBe("retry");
  });

  it("keeps the device_id with the refresh token it belongs to", () => {
    const stored = packRefresh("dev-123.ab", "vk2.a.refresh.token");
    expect(unpackRefresh(stored)).toEqual({ deviceId: "dev-123.ab", refresh: "vk2.a.refresh.token" });
    expect(() => unpackRefresh("vk2.a.bare")).toThrow(/no device id/);
  });
});
