import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { parseJsonAnswer } from "@/providers/core/json";
import { httpClient } from "@/providers/core/transport";
import { XProvider } from "@/providers/x/x.provider";

// Every JSON answer a provider reads is parsed safely: a 200 whose body is an HTML page (a proxy,
// a captive portal, a maintenance page) or plain text is a ProviderError, never a SyntaxError.
// The token endpoint is the case that used to throw; it goes through the guarded transport now.

const html = "<!DOCTYPE html><html><body>Maintenance</body></html>";

describe("token endpoint answers", () => {
  const x = new XProvider();
  beforeEach(() => {
    vi.stubEnv("X_CLIENT_ID", "client");
    vi.stubEnv("X_CLIENT_SECRET", "secret");
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("a 200 with an HTML page on refresh is a ProviderError (retry), not a SyntaxError", async () => {
    const send = vi
      .spyOn(httpClient, "send")
      .mockResolvedValue(new Response(html, { status: 200, headers: { "content-type": "text/html" } }));
    const err = await x.refreshToken("refresh-1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      kind: "retry",
      message: expect.stringMatching(/X token endpoint sent an unreadable answer .*refresh the access token/),
    });
    // Sent once, through the guarded client, to X's token endpoint.
    expect(send).toHaveBeenCalledTimes(1);
    expect(String(send.mock.calls[0]![0])).toMatch(/\/2\/oauth2\/token$/);
  });

  it("a form-encoded token answer is refused without quoting the token anywhere", async () => {
    vi.spyOn(httpClient, "send").mockResolvedValue(new Response("access_token=SECRET123&token_type=bearer", { status: 200 }));
    const err = (await x.refreshToken("refresh-1").catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).not.toContain("SECRET123");
    expect(JSON.stringify(err.details)).not.toContain("SECRET123");
  });

  it("a JSON answer without an access token is a ProviderError", async () => {
    vi.spyOn(httpClient, "send").mockResolvedValue(Response.json({ token_type: "bearer" }));
    await expect(x.refreshToken("refresh-1")).rejects.toMatchObject({
      kind: "retry",
      message: expect.stringMatching(/without an access token/),
    });
  });

  it("a refused refresh is read as an OAuth error (disconnect) and not repeated", async () => {
    const send = vi
      .spyOn(httpClient, "send")
      .mockResolvedValue(
        Response.json({ error: "invalid_request", error_description: "Value passed for the token was invalid." }, { status: 400 }),
      );
    await expect(x.refreshToken("refresh-1")).rejects.toMatchObject({
      kind: "disconnect",
      message: "Value passed for the token was invalid.",
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("a refresh that gets no answer is a retry that published nothing, sent once", async () => {
    const send = vi.spyOn(httpClient, "send").mockRejectedValue(new TypeError("fetch failed"));
    const err = (await x.refreshToken("refresh-1").catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: "retry", details: { mayHavePublished: false } });
    expect(err.message).toContain("refresh the access token");
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("a good answer still yields the token set", async () => {
    vi.spyOn(httpClient, "send").mockResolvedValue(Response.json({ access_token: "a2", refresh_token: "r2", expires_in: 7200 }));
    await expect(x.refreshToken("refresh-1")).resolves.toEqual({ accessToken: "a2", refreshToken: "r2", expiresIn: 7200 });
  });
});

describe("API answers", () => {
  afterEach(() => vi.restoreAllMocks());

  it("fetchJson turns a non-JSON 200 into a ProviderError naming the action", async () => {
    vi.spyOn(httpClient, "send").mockResolvedValue(new Response(html, { status: 200 }));
    const err = await new XProvider()
      .fetchJson("https://api.x.com/2/users/me", {}, { action: "read the account" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      kind: "retry",
      details: { status: 200 },
      message: expect.stringContaining("while trying to read the account"),
    });
  });

  it("parseJsonAnswer: empty is {}, JSON is parsed, anything else is a ProviderError", () => {
    expect(parseJsonAnswer("", "P", "a")).toEqual({});
    expect(parseJsonAnswer('{"a":1}', "P", "a")).toEqual({ a: 1 });
    expect(() => parseJsonAnswer("Bad Gateway", "P", "post")).toThrow(ProviderError);
  });
});
