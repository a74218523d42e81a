import { describe, expect, it } from "vitest";
import { classifyKickError } from "@/providers/kick/kick.errors";
import { classifyByStatus } from "@/providers/social.abstract";

// Kick's documented error answers ({data, message} from the public API; Cloudflare's 403 in front of
// it; the bot's daily quota) reduced to the four outcomes.

const kick = (message: string, data: unknown = null) => JSON.stringify({ data, message });
const outcome = (body: string, status: number) => classifyKickError(body, status) ?? classifyByStatus(status, body);

describe("Kick errors", () => {
  const cases: [string, number, string, RegExp][] = [
    [kick("Unauthorized"), 401, "refresh-token", /Unauthorized/],
    [kick("Unauthorized", {}), 401, "refresh-token", /Unauthorized/],
    [kick("missing required scope chat:write"), 401, "disconnect", /chat:write.*Reconnect/],
    [JSON.stringify({ error: "Request blocked by security policy.", reference: "18.abc" }), 403, "retry", /firewall/],
    [kick("Forbidden"), 403, "bad-body", /refused the message: Forbidden/],
    [kick("Pusher error: API call failed since (daily) message quota exceeded"), 400, "bad-body", /daily chat message quota/],
    [kick("broadcaster_user_id: is required for type user"), 400, "bad-body", /broadcaster_user_id/],
    [kick("Internal server error"), 500, "retry", /Internal server error/],
    [kick("Too Many Requests"), 429, "retry", /Too Many Requests/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = outcome(body, status);
      expect(h.kind).toBe(kind);
      expect(h.message).toMatch(message);
    });
});
