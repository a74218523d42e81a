import { describe, expect, it } from "vitest";
import { MediumProvider } from "@/providers/medium/medium.provider";

// Medium's error answers (../shared/platforms/medium.md §4): {"errors":[{"message","code"}]} with
// the codes Medium's own WordPress plugin and users' reports show, and the README's statuses.

const provider = new MediumProvider();
const body = (message: string, code?: number) => JSON.stringify({ errors: [{ message, ...(code === undefined ? {} : { code }) }] });

describe("Medium error classification", () => {
  const rows: [number, string, string, RegExp][] = [
    [401, body("An access token is required.", 6000), "disconnect", /An access token is required.*Reconnect Medium/],
    [401, body("Invalid token.", 6001), "disconnect", /Invalid token.*integration token/],
    [401, body("Token does not have the required scope.", 6002), "disconnect", /lacks a permission.*create a new one/],
    [401, body("Token was invalid.", 6003), "disconnect", /Token was invalid.*Reconnect Medium/],
    [401, body("User not found", 6004), "disconnect", /User not found/],
    [401, body("Application not found", 6005), "disconnect", /Application not found.*issues no new integration tokens/],
    [403, body("Application not found", 6005), "disconnect", /Application not found/],
    [503, body("The Medium API is temporarily disabled.", 6027), "retry", /temporarily disabled/],
    [400, body("If specified, publishedAt must be in the past.", 2014), "bad-body", /publishedAt must be in the past/],
    // The README's statuses, for answers with a code the table does not know.
    [401, body("Something about the token"), "disconnect", /Something about the token.*Reconnect Medium/],
    [403, body("You may not publish here.", 6099), "bad-body", /You may not publish here.*writers may only submit drafts/],
    [400, body("title is required."), "bad-body", /title is required/],
  ];

  it.each(rows)("HTTP %i %s -> %s", (status, text, kind, message) => {
    const handled = provider.handleErrors(text, status);
    expect(handled?.kind).toBe(kind);
    expect(handled?.message).toMatch(message);
    expect(handled?.message).toMatch(/^Medium: /);
  });

  it("names the code's kind whatever the status says", () => {
    // 6027 comes as a 4xx from some fronts; the code decides.
    expect(provider.handleErrors(body("The Medium API is temporarily disabled.", 6027), 400)?.kind).toBe("retry");
  });

  it("leaves rate limits, server errors and unreadable bodies to the status rules", () => {
    expect(provider.handleErrors(body("Too many requests."), 429)).toBeUndefined();
    expect(provider.handleErrors(body("Internal server error."), 500)).toBeUndefined();
    expect(provider.handleErrors("<html>Just a moment…</html>", 502)).toBeUndefined();
    expect(provider.handleErrors("", 404)).toBeUndefined();
  });

  it("reads a body that is not Medium's envelope as the status alone", () => {
    expect(provider.handleErrors("<html>Forbidden</html>", 403)).toMatchObject({
      kind: "bad-body",
      message: expect.stringMatching(/^Medium: HTTP 403/),
    });
    expect(provider.handleErrors(JSON.stringify({ errors: "nope" }), 401)?.kind).toBe("disconnect");
  });
});
