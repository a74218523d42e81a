import { ProviderError } from "../core/errors";
import { hostOf } from "../core/hosts";
import { parseJsonAnswer } from "../core/json";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { classifySlackError } from "./slack.errors";
import { slackManifest } from "./slack.manifest";

// The Web API calls of one piece of work with one bot token (../shared/platforms/slack.md §1):
// https://slack.com/api/<method> with "Authorization: Bearer xoxb-…". Slack answers almost every
// failure with HTTP 200 and {"ok": false, "error"}, which the shared fetch() takes for a success,
// so the session reads `ok` itself and classifies the error; an expired token (token rotation) is
// renewed once through the publish's refresh and the call repeated, and the new token is kept for
// the session's later calls.

export type SlackAnswer = Record<string, unknown> & { ok: true };

export const slackMethodUrl = (method: string) => `${hostOf(slackManifest, "api")}/${method}`;

export class SlackSession {
  private token: string;

  constructor(
    private readonly api: SocialAbstract,
    accessToken: string,
    private readonly ctx?: PublishContext,
  ) {
    this.token = accessToken;
  }

  /**
   * One method call. GET with `query`, or POST with a JSON body (`json`) or a form (`form`).
   * `idempotent`: whether repeating it after a lost answer is harmless (never for chat.postMessage).
   */
  async call(
    method: string,
    args: { query?: Record<string, string>; json?: unknown; form?: Record<string, string> },
    opts: { action: string; idempotent?: boolean },
  ): Promise<SlackAnswer> {
    let refreshed = false;
    for (;;) {
      const url = args.query ? `${slackMethodUrl(method)}?${new URLSearchParams(args.query)}` : slackMethodUrl(method);
      const init: RequestInit = args.query
        ? { method: "GET" }
        : args.json !== undefined
          ? { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(args.json) }
          : {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams(args.form ?? {}),
            };
      const res = await this.api.fetch(url, init, {
        action: opts.action,
        token: this.token,
        ctx: this.ctx ? { ...this.ctx, refreshAccessToken: undefined } : undefined,
        ...(opts.idempotent !== undefined ? { idempotent: opts.idempotent } : {}),
      });
      const text = await res.text();
      const body = parseJsonAnswer<Record<string, unknown>>(text, "Slack", opts.action, { status: res.status });
      if (body && body.ok === true) return body as SlackAnswer;
      const handled = classifySlackError(text, res.status) ?? { kind: "bad-body" as const, message: `Slack refused the call to ${method}` };
      const details = { status: res.status, body: text.slice(0, 2000), mayHavePublished: false };
      if (handled.kind === "refresh-token") {
        if (!refreshed && this.ctx?.refreshAccessToken) {
          this.token = await this.ctx.refreshAccessToken();
          refreshed = true;
          continue;
        }
        throw new ProviderError(refreshed ? "disconnect" : "refresh-token", handled.message, details);
      }
      throw new ProviderError(handled.kind, handled.message, { ...details, retryAfterMs: handled.retryAfterMs });
    }
  }
}

/** The Slack error code a ProviderError carries, when it came from an {"ok": false} answer. */
export function slackErrorOf(e: unknown): string | undefined {
  if (!(e instanceof ProviderError) || !e.details.body) return undefined;
  try {
    const code = (JSON.parse(e.details.body) as { error?: unknown }).error;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}
