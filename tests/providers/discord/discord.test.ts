import { afterEach, describe, expect, it } from "vitest";
import { awaitBucket, noteAnswer, resetBuckets, routeOf, waitFor } from "@/providers/discord/discord.buckets";
import { classifyDiscordError, classifyDiscordTokenError, formErrors } from "@/providers/discord/discord.errors";
import { DISCORD_BOT_PERMISSIONS } from "@/providers/discord/discord.manifest";
import { messageRequest, nonceFor } from "@/providers/discord/discord.message";

// Discord's documented error bodies (opcodes-and-status-codes.mdx, rate-limits.mdx), the bot's
// permission integer (permissions.mdx bit values), Create Message bodies (message.mdx, poll.mdx)
// and the per-route rate-limit buckets.

describe("Discord errors", () => {
  const cases: [string, number, string, RegExp][] = [
    ['{"message": "You are being rate limited.", "retry_after": 64.57, "global": false}', 429, "retry", /rate limiting this channel/],
    ['{"message": "You are being rate limited.", "retry_after": 1.5, "global": true}', 429, "retry", /everywhere/],
    ['{"message": "This channel is in slowmode", "code": 20016, "retry_after": 3}', 400, "retry", /slow down/],
    ['{"message": "401: Unauthorized", "code": 0}', 401, "bad-body", /DISCORD_BOT_TOKEN/],
    ['{"message": "Missing Access", "code": 50001}', 403, "disconnect", /removed from the server.*reconnect/],
    ['{"message": "Unknown Channel", "code": 10003}', 404, "disconnect", /Unknown Channel/],
    ['{"message": "Unknown Guild", "code": 10004}', 404, "disconnect", /Unknown Guild/],
    ['{"message": "Missing Permissions", "code": 50013}', 403, "bad-body", /permission overrides/],
    ['{"message": "Cannot send an empty message", "code": 50006}', 400, "bad-body", /empty message/],
    ['{"message": "Request entity too large", "code": 40005}', 413, "bad-body", /too large/],
    ['{"message": "Cannot send a message in a forum channel", "code": 40058}', 400, "bad-body", /cannot post this here/],
    ['{"message": "Message was blocked by automatic moderation", "code": 200000}', 400, "bad-body", /moderation/],
    ['{"message": "Unknown Message", "code": 10008}', 404, "bad-body", /is gone/],
    ['{"message": "500: Internal Server Error", "code": 0}', 500, "retry", /trouble/],
  ];
  for (const [body, status, kind, message] of cases)
    it(`${status} ${body} → ${kind}`, () => {
      const h = classifyDiscordError(body, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("waits the 429's retry_after (seconds, decimal)", () => {
    expect(classifyDiscordError('{"message":"You are being rate limited.","retry_after":64.57,"global":false}', 429)?.retryAfterMs).toBe(
      64_570,
    );
  });

  it("matches the numeric code, not digits elsewhere in the body", () => {
    const h = classifyDiscordError('{"message":"Unknown channel 50001500015000150001","code":10003}', 404);
    expect(h?.kind).toBe("disconnect");
    expect(classifyDiscordError('{"message":"id 50013 is fine","code":50006}', 400)?.message).not.toMatch(/permission overrides/);
  });

  it("names every field of an Invalid Form Body (50035)", () => {
    const body = {
      code: 50035,
      message: "Invalid Form Body",
      errors: {
        content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] },
        poll: {
          answers: { "0": { poll_media: { text: { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] } } } },
        },
      },
    };
    expect(formErrors(body.errors)).toEqual([
      "content: Must be 2000 or fewer in length.",
      "poll.answers.0.poll_media.text: This field is required",
    ]);
    expect(classifyDiscordError(JSON.stringify(body), 400)?.message).toBe(
      "Discord refused the message: content: Must be 2000 or fewer in length.; poll.answers.0.poll_media.text: This field is required",
    );
  });

  it("reads the token endpoint's OAuth errors as a refused install", () => {
    expect(
      classifyDiscordTokenError('{"error": "invalid_grant", "error_description": "Invalid \\"code\\" in request."}', 400),
    ).toMatchObject({
      kind: "disconnect",
      message: expect.stringMatching(/invalid_grant: Invalid "code"/),
    });
    expect(classifyDiscordTokenError("<html>bad gateway</html>", 502).kind).toBe("retry");
  });
});

describe("Discord bot install", () => {
  it("asks for exactly View Channel, Send Messages, Embed Links, Attach Files, Create Public Threads and Send Messages in Threads", () => {
    const bits = {
      VIEW_CHANNEL: 10,
      SEND_MESSAGES: 11,
      EMBED_LINKS: 14,
      ATTACH_FILES: 15,
      CREATE_PUBLIC_THREADS: 35,
      SEND_MESSAGES_IN_THREADS: 38,
    };
    const want = Object.values(bits).reduce((sum, bit) => sum | (1n << BigInt(bit)), 0n);
    expect(BigInt(DISCORD_BOT_PERMISSIONS)).toBe(want);
  });
});

describe("Discord Create Message bodies", () => {
  it("sends the converted text, an enforced nonce of at most 25 characters, and mentions that ping nobody by default", () => {
    const req = messageRequest({ text: "**Hi** @everyone" }, {}, nonceFor("target-1:0"));
    const body = JSON.parse(req.body as string);
    expect(body).toEqual({
      content: "**Hi** @everyone",
      nonce: nonceFor("target-1:0"),
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(nonceFor("target-1:0")).toBe(nonceFor("target-1:0"));
    expect(nonceFor("target-1:1")).not.toBe(nonceFor("target-1:0"));
  });

  it("lets mentions notify when the post asks to", () => {
    const body = JSON.parse(messageRequest({ text: "hi" }, { notify: true }, "n").body as string);
    expect(body.allowed_mentions).toEqual({ parse: ["everyone", "roles", "users"] });
  });

  it("refuses a message over 2,000 characters once converted, saying so", () => {
    // 1,000 asterisks become 2,000 characters escaped.
    expect(() => messageRequest({ text: "\\*".repeat(1001) }, {}, "n")).toThrow(/2002 characters; Discord takes at most 2,000/);
  });

  it("builds a poll in hours, its question from the poll or the text's first line", () => {
    const body = JSON.parse(
      messageRequest({ text: "Lunch?\nvote below", poll: { options: ["Pizza", "Soup"], durationMinutes: 1440 } }, {}, "n").body as string,
    );
    expect(body.poll).toEqual({
      question: { text: "Lunch?" },
      answers: [{ poll_media: { text: "Pizza" } }, { poll_media: { text: "Soup" } }],
      duration: 24,
      allow_multiselect: false,
    });
  });

  it("sends files as files[n] with payload_json naming each by n, its alt text as description", async () => {
    const req = messageRequest(
      {
        text: "pics",
        media: [
          { mimeType: "image/png", bytes: new Uint8Array([1, 2]), alt: "a dog" },
          { mimeType: "video/mp4", bytes: new Uint8Array([3]) },
        ],
      },
      {},
      "n",
    );
    const form = req.body as FormData;
    expect(req.contentType).toBeUndefined();
    const payload = JSON.parse(form.get("payload_json") as string);
    expect(payload.attachments).toEqual([
      { id: 0, filename: "file-1.png", description: "a dog" },
      { id: 1, filename: "file-2.mp4" },
    ]);
    expect((form.get("files[0]") as File).name).toBe("file-1.png");
    expect((form.get("files[1]") as File).type).toBe("video/mp4");
  });
});

describe("Discord rate-limit buckets", () => {
  afterEach(() => resetBuckets());
  const headers = (h: Record<string, string>) => new Headers(h);

  it("keys a route by its shape and its major parameter", () => {
    expect(routeOf("post", "/channels/123456789012345678/messages/223456789012345678/threads")).toEqual({
      route: "POST /channels/:id/messages/:id/threads",
      major: "123456789012345678",
    });
  });

  it("waits for a spent bucket's reset, per channel", () => {
    const now = 1_000_000;
    noteAnswer(
      "POST",
      "/channels/111111111111111111/messages",
      headers({ "x-ratelimit-bucket": "abc", "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "2.5" }),
      now,
    );
    expect(waitFor("POST", "/channels/111111111111111111/messages", now)).toBe(2500);
    expect(waitFor("POST", "/channels/222222222222222222/messages", now)).toBe(0);
    expect(waitFor("POST", "/channels/111111111111111111/messages", now + 2500)).toBe(0);
  });

  it("does not wait while the bucket has requests left", () => {
    noteAnswer("POST", "/channels/111111111111111111/messages", headers({ "x-ratelimit-remaining": "3", "x-ratelimit-reset-after": "5" }));
    expect(waitFor("POST", "/channels/111111111111111111/messages")).toBe(0);
  });

  it("hands a wait longer than the caller allows back as a retry with its time", async () => {
    noteAnswer("POST", "/channels/111111111111111111/messages", headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "60" }));
    await expect(awaitBucket("POST", "/channels/111111111111111111/messages", 1000, async () => {})).rejects.toMatchObject({
      kind: "retry",
      details: { retryAfterMs: expect.any(Number), mayHavePublished: false },
    });
  });
});
