import { describe, expect, it } from "vitest";
import { classifyTwitchError } from "@/providers/twitch/twitch.errors";

// Twitch's documented error answers (Helix's {error, status, message}; Send Chat Message and Send
// Chat Announcement's error rows) reduced to the four outcomes.

const helix = (status: number, error: string, message: string) => JSON.stringify({ error, status, message });

describe("Twitch errors", () => {
  const cases: [string, number, string | undefined, RegExp][] = [
    [helix(401, "Unauthorized", "Invalid OAuth token"), 401, "refresh-token", /Invalid OAuth token/],
    [helix(401, "Unauthorized", "OAuth token is missing"), 401, "refresh-token", /missing/],
    [JSON.stringify({ status: 401, message: "invalid access token" }), 401, "refresh-token", /invalid access token/],
    [
      helix(401, "Unauthorized", "The user access token must include the user:write:chat scope"),
      401,
      "disconnect",
      /user:write:chat.*Reconnect/,
    ],
    [helix(401, "Unauthorized", "Missing scope: moderator:manage:announcements"), 401, "disconnect", /moderator:manage:announcements/],
    [helix(401, "Unauthorized", "Client ID and OAuth token do not match"), 401, "disconnect", /TWITCH_CLIENT_ID/],
    [helix(401, "Unauthorized", "Client-Id header is missing"), 401, "disconnect", /client id/],
    [
      helix(403, "Forbidden", "The sender is not permitted to send chat messages to the broadcaster's chat room"),
      403,
      "bad-body",
      /not permitted/,
    ],
    [helix(422, "Unprocessable Entity", "The message is too large"), 422, "bad-body", /too large/],
    [helix(429, "Too Many Requests", "The sender has exceeded the number of announcements"), 429, "retry", /rate limit.*announcements/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = classifyTwitchError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("leaves a 400 and a 5xx to the status rules (bad-body, retry)", () => {
    expect(classifyTwitchError(helix(400, "Bad Request", "Missing required parameter: message"), 400)).toBeUndefined();
    expect(classifyTwitchError(helix(500, "Internal Server Error", ""), 500)).toBeUndefined();
  });
});
