import { afterEach, describe, expect, it } from "vitest";
import { castUrl, idemOf } from "@/providers/farcaster/farcaster.cast";
import { classifyFarcasterError, neynarMessage } from "@/providers/farcaster/farcaster.errors";
import { farcasterSettings } from "@/providers/farcaster/farcaster.settings";

// Farcaster's pure parts: Neynar's error bodies (OpenAPI ErrorRes and the ZodError validation
// body) reduced to the four outcomes, the idem key, cast links and the channel setting.

const body = (b: unknown) => JSON.stringify(b);

describe("Neynar's errors as a table", () => {
  const rows: [string, number, unknown, string, RegExp][] = [
    [
      "a revoked signer (403, property signer_uuid)",
      403,
      { code: "Forbidden", message: "Signer is not approved (status: revoked)", property: "signer_uuid", status: 403 },
      "disconnect",
      /Signer is not approved.*connect the account again with an approved signer/,
    ],
    [
      "a signer made with another API key (400, named in the message)",
      400,
      { message: "signer_uuid is paired with another API key" },
      "disconnect",
      /paired with another API key/,
    ],
    [
      "an unknown signer (404)",
      404,
      { code: "NotFound", message: "Signer not found", property: "signer_uuid", status: 404 },
      "disconnect",
      /Signer not found/,
    ],
    [
      "a refused API key (401) is the operator's to fix, not the user's",
      401,
      { code: "Unauthorized", message: "Invalid API key", status: 401 },
      "bad-body",
      /Neynar refused this server's API key \(Invalid API key\).*NEYNAR_API_KEY/,
    ],
    ["a rate limit (429)", 429, { code: "RateLimitExceeded", message: "Too many requests", status: 429 }, "retry", /rate limit/],
    [
      "a server error (500)",
      500,
      { code: "InternalServerError", message: "Internal server error", status: 500 },
      "retry",
      /Internal server error/,
    ],
    ["a server error without a JSON body (502)", 502, "<html>Bad gateway</html>", "retry", /Bad gateway/],
    [
      "a validation error names the field and the rule (ZodError body)",
      400,
      {
        message: "Invalid body parameters",
        code: "InvalidField",
        errors: [{ code: "too_big", path: ["embeds"], message: "Array must contain at most 2 element(s)" }],
      },
      "bad-body",
      /^Invalid body parameters: embeds: Array must contain at most 2 element\(s\)$/,
    ],
    [
      "an unknown channel (404)",
      404,
      { code: "NotFound", message: "Channel not found: nope", property: "channel_id", status: 404 },
      "bad-body",
      /Channel not found/,
    ],
    [
      "an unknown parent cast (404)",
      404,
      { code: "NotFound", message: "Parent cast not found", property: "parent", status: 404 },
      "bad-body",
      /Parent cast/,
    ],
  ];

  it.each(rows)("%s", (_what, status, b, kind, message) => {
    const handled = classifyFarcasterError(typeof b === "string" ? b : body(b), status);
    expect(handled?.kind).toBe(kind);
    expect(handled?.message).toMatch(message);
  });

  it("quotes Neynar's own words for a refusal at connect", () => {
    expect(neynarMessage(body({ message: "Signer not found", property: "signer_uuid" }), 404)).toBe("Signer not found");
    expect(neynarMessage("", 404)).toBe("HTTP 404");
  });
});

describe("the idem key", () => {
  it("is 16 characters, the same for the same publish attempt and different for another", () => {
    expect(idemOf("target-1:0")).toMatch(/^[0-9a-f]{16}$/);
    expect(idemOf("target-1:0")).toBe(idemOf("target-1:0"));
    expect(idemOf("target-1:1")).not.toBe(idemOf("target-1:0"));
  });
});

describe("cast links", () => {
  const saved = process.env.PROVIDER_SANDBOX_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.PROVIDER_SANDBOX_URL;
    else process.env.PROVIDER_SANDBOX_URL = saved;
  });

  it("are farcaster.xyz/<username>/<hash>, or by hash alone for an account without a username", () => {
    delete process.env.PROVIDER_SANDBOX_URL;
    const hash = `0x${"a".repeat(40)}`;
    expect(castUrl("dwr.eth", hash)).toBe(`https://farcaster.xyz/dwr.eth/${hash}`);
    expect(castUrl("!123", hash)).toBe(`https://farcaster.xyz/~/conversations/${hash}`);
  });
});

describe("the channel setting", () => {
  it("is optional, and a channel id is lower-case letters, digits and dashes", () => {
    expect(farcasterSettings.parse({})).toEqual({});
    expect(farcasterSettings.parse({ channel: " memes " })).toEqual({ channel: "memes" });
    const bad = farcasterSettings.safeParse({ channel: "Not A Channel" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/Farcaster channel id/);
  });
});
