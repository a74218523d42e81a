import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { classifySlackError, classifySlackTokenError } from "@/providers/slack/slack.errors";
import { sections } from "@/providers/slack/slack.provider";
import { SlackSession } from "@/providers/slack/slack.session";
import type { SocialAbstract } from "@/providers/social.abstract";

// Slack's documented error answers (each method's errors, the common errors; HTTP 200 with
// {"ok": false, "error"}, 429 with Retry-After), and how a session reads them.

describe("Slack errors", () => {
  const body = (error: string, extra = {}) => JSON.stringify({ ok: false, error, ...extra });
  const cases: [string, number, string, RegExp][] = [
    [body("token_expired"), 200, "refresh-token", /expired/],
    [body("invalid_auth"), 200, "disconnect", /invalid_auth.*reconnect/],
    [body("token_revoked"), 200, "disconnect", /token_revoked/],
    [body("account_inactive"), 200, "disconnect", /account_inactive/],
    [body("not_authed"), 200, "disconnect", /not_authed/],
    [body("missing_scope", { needed: "files:write", provided: "chat:write" }), 200, "disconnect", /needs files:write/],
    [body("channel_not_found"), 200, "bad-body", /cannot find the channel.*\/invite/],
    [body("not_in_channel"), 200, "bad-body", /not in this channel/],
    [body("is_archived"), 200, "bad-body", /archived/],
    [body("msg_too_long"), 200, "bad-body", /too long/],
    [body("no_text"), 200, "bad-body", /empty/],
    [body("invalid_blocks", { errors: ["must be at most 50 blocks [json-pointer:/blocks]"] }), 200, "bad-body", /at most 50 blocks/],
    [body("restricted_action_read_only_channel"), 200, "bad-body", /does not let the bot post/],
    [body("file_upload_size_restricted"), 200, "bad-body", /refused the file/],
    [body("ratelimited"), 429, "retry", /rate limiting/],
    [body("rate_limited"), 200, "retry", /rate limiting/],
    [body("message_limit_exceeded"), 200, "retry", /rate limiting/],
    [body("internal_error"), 200, "retry", /trouble/],
    ["<html>upstream</html>", 503, "retry", /trouble/],
  ];
  for (const [b, status, kind, message] of cases)
    it(`${status} ${b} → ${kind}`, () => {
      const h = classifySlackError(b, status);
      expect(h?.kind).toBe(kind);
      expect(h?.message).toMatch(message);
    });

  it("reads oauth.v2.access refusals as a failed install, naming the error", () => {
    for (const e of ["invalid_code", "bad_redirect_uri", "bad_client_secret", "invalid_client_id", "invalid_refresh_token"])
      expect(classifySlackTokenError(body(e), 200)).toMatchObject({ kind: "disconnect", message: expect.stringContaining(e) });
    expect(classifySlackTokenError(body("ratelimited"), 429).kind).toBe("retry");
  });
});

describe("Slack sessions", () => {
  const answers: { status: number; body: unknown }[] = [];
  const seen: { url: string; token?: string }[] = [];
  const api = {
    fetch: vi.fn(async (url: string, _init: RequestInit, opts: { token?: string }) => {
      seen.push({ url, token: opts.token });
      const a = answers.shift()!;
      return new Response(JSON.stringify(a.body), { status: a.status });
    }),
  } as unknown as SocialAbstract;
  beforeEach(() => {
    answers.length = 0;
    seen.length = 0;
  });
  afterEach(() => vi.clearAllMocks());

  it("takes an HTTP 200 {ok:false} for the failure it is, never a success", async () => {
    answers.push({ status: 200, body: { ok: false, error: "channel_not_found" } });
    const e = await new SlackSession(api, "xoxb-1").call("chat.postMessage", { json: {} }, { action: "post" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: "bad-body", details: { mayHavePublished: false } });
  });

  it("renews an expired token once, repeats the call with the new one and keeps it for the next calls", async () => {
    answers.push(
      { status: 200, body: { ok: false, error: "token_expired" } },
      { status: 200, body: { ok: true, ts: "1.2" } },
      { status: 200, body: { ok: true } },
    );
    const refresh = vi.fn(async () => "xoxb-new");
    const s = new SlackSession(api, "xoxb-old", { refreshAccessToken: refresh });
    expect(await s.call("chat.postMessage", { json: {} }, { action: "post" })).toMatchObject({ ts: "1.2" });
    await s.call("chat.getPermalink", { query: { channel: "C1", message_ts: "1.2" } }, { action: "link" });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.map((c) => c.token)).toEqual(["xoxb-old", "xoxb-new", "xoxb-new"]);
    expect(seen[2]!.url).toMatch(/chat\.getPermalink\?channel=C1&message_ts=1\.2$/);
  });

  it("flags the channel when the renewed token is refused as expired too", async () => {
    answers.push(
      { status: 200, body: { ok: false, error: "token_expired" } },
      { status: 200, body: { ok: false, error: "token_expired" } },
    );
    const s = new SlackSession(api, "xoxb-old", { refreshAccessToken: async () => "xoxb-new" });
    await expect(s.call("chat.postMessage", { json: {} }, { action: "post" })).rejects.toMatchObject({ kind: "disconnect" });
  });
});

describe("Slack section blocks", () => {
  it("splits text into sections of at most 3,000 characters, at line ends where it can", () => {
    const text = `${"a".repeat(2000)}\n${"b".repeat(2000)}\n${"c".repeat(10)}`;
    const parts = sections(text);
    expect(parts.map((p) => p.length)).toEqual([2000, 2011]);
    expect(sections("x".repeat(6500)).map((p) => p.length)).toEqual([3000, 3000, 500]);
    expect(sections("")).toEqual([]);
  });
});
