import { describe, expect, it } from "vitest";
import { classifyByStatus } from "@/providers/social.abstract";
import { classifyListmonkError, listmonkMessage } from "@/providers/listmonk/listmonk.errors";

// Every row of the fact sheet's §4 error table, with Listmonk's documented {"message"} bodies.

const body = (message: string) => JSON.stringify({ message });
/** What the provider decides: its own table, else the kit's status rules. */
const decide = (b: string, status: number) => classifyListmonkError(b, status) ?? classifyByStatus(status, b);

describe("Listmonk errors", () => {
  it.each([
    [403, "invalid API credentials", "disconnect"],
    [403, "invalid session", "disconnect"],
    [400, "invalid Base64 value in Basic Authorization header", "disconnect"],
    [401, "Unauthorized", "disconnect"],
    [403, "permission denied: campaigns:send", "bad-body"],
    [403, "permission denied: settings:get", "bad-body"],
    [403, "Permission denied: lists", "bad-body"],
    [400, "Invalid length for name.", "bad-body"],
    [400, "Invalid length for subject.", "bad-body"],
    [400, "Invalid list IDs.", "bad-body"],
    [400, "Invalid `from_email`.", "bad-body"],
    [400, "Scheduled date should be in the future.", "bad-body"],
    [400, 'Error compiling campaign body: template: content:1: function "x" not defined', "bad-body"],
    [400, "There are no subscribers in the selected lists to create the campaign.", "bad-body"],
    [400, "Only paused campaigns and drafts can be started.", "bad-body"],
    [400, "Only draft or paused campaigns can be scheduled.", "bad-body"],
    [400, "Cannot update a running or a finished campaign.", "bad-body"],
    [404, "Campaign not found.", "bad-body"],
    [404, "Template not found.", "bad-body"],
    [429, "Too many requests", "retry"],
    [500, "Internal Server Error", "retry"],
    [502, "Bad Gateway", "retry"],
    [503, "Service Unavailable", "retry"],
    [504, "Gateway Timeout", "retry"],
  ] as const)("%i %s → %s, with Listmonk's words", (status, message, kind) => {
    const d = decide(body(message), status);
    expect(d.kind).toBe(kind);
    expect(d.message).toContain(message);
  });

  it("tells the user what to do: reconnect for credentials, fix the role for a permission", () => {
    expect(decide(body("invalid API credentials"), 403).message).toMatch(/reconnect/i);
    expect(decide(body("permission denied: campaigns:send"), 403).message).toMatch(/User roles/);
  });

  it("leaves a 403 it does not know to the status rules", () => {
    expect(classifyListmonkError(body("something else"), 403)).toBeUndefined();
    expect(decide(body("something else"), 403).kind).toBe("bad-body");
  });

  it("does not take a credentials word in another status as a lost login", () => {
    expect(classifyListmonkError(body("invalid API credentials"), 500)).toBeUndefined();
    expect(decide(body("invalid API credentials"), 500).kind).toBe("retry");
  });

  it("reads a proxy's HTML error page as text", () => {
    expect(listmonkMessage("<html><body><h1>502 Bad Gateway</h1></body></html>")).toBe("502 Bad Gateway");
    expect(listmonkMessage(body("  Invalid list IDs.  "))).toBe("Invalid list IDs.");
  });
});
