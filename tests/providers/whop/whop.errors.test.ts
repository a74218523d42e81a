import { describe, expect, it } from "vitest";
import { WhopProvider } from "@/providers/whop/whop.provider";

// Whop's errors (../shared/platforms/whop.md §4): the REST API answers a status with a JSON
// `message` (the text Whop's SDK shows; its error classes go by status), the OAuth endpoints
// {error, error_description}. Each documented row, with the kind and the words the user sees.

const provider = new WhopProvider();
const api = (message: string) => JSON.stringify({ message });
const nested = (type: string, message: string) => JSON.stringify({ error: { type, message } });
const oauth = (error: string, description: string) => JSON.stringify({ error, error_description: description });

describe("Whop error classification", () => {
  const rows: [number, string, string, RegExp][] = [
    [400, oauth("invalid_grant", "The refresh token is invalid or revoked"), "disconnect", /invalid or revoked.*connect Whop again/],
    [401, api("The access token is invalid or has expired"), "refresh-token", /has expired/],
    [401, nested("unauthorized", "Token expired"), "refresh-token", /Token expired/],
    [
      403,
      nested("insufficient_scope", "Missing permission forum:post:create"),
      "disconnect",
      /forum:post:create.*approve every permission/,
    ],
    [403, api("This token is missing the required permission: forum:read"), "disconnect", /forum:read.*connect Whop again/],
    [403, api("Only admins can post in this forum"), "bad-body", /Only admins can post.*only admins post/],
    [404, api("Experience exp_123 not found"), "bad-body", /could not find the forum or post: Experience exp_123 not found/],
    [400, api("experience_id is required"), "bad-body", /refused the post: experience_id is required/],
    [422, api("A title is required for paywalled posts"), "bad-body", /title is required for paywalled posts/],
    [409, api("Conflict"), "retry", /conflict/],
    [429, api("Too many requests"), "retry", /rate limiting.*Too many requests/],
    [500, api("Internal server error"), "retry", /HTTP 500.*Internal server error/],
    [503, "<html>Service Unavailable</html>", "retry", /HTTP 503/],
  ];

  it.each(rows)("HTTP %i %s -> %s", (status, text, kind, message) => {
    const handled = provider.handleErrors(text, status);
    expect(handled?.kind).toBe(kind);
    expect(handled?.message).toMatch(message);
  });

  it("leaves an unlisted status to the status rules", () => {
    expect(provider.handleErrors(api("Gone"), 410)).toBeUndefined();
  });
});
