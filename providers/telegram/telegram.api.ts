import { ProviderError } from "../core/errors";
import { hostOf, sandboxMode } from "../core/hosts";
import type { SocialAbstract } from "../social.abstract";
import type { PublishContext } from "../social.integrations.interface";
import { telegramManifest } from "./telegram.manifest";

// One call of the Bot API: https://api.telegram.org/bot<token>/<method>, JSON or multipart, the
// answer's {ok, result} envelope unwrapped. The token sits in the URL, so every call names its
// action: a URL never reaches a message or a log.

/** The emulator's bot in sandbox mode (emulator/platforms/telegram accepts any well-formed token). */
export const SANDBOX_BOT_TOKEN = "7000000001:AAEmulatorSandboxBotToken-0000000000";

/** The deployment's bot token, or "" when it is not set. */
export function botToken(): string {
  return process.env.TELEGRAM_BOT_TOKEN?.trim() || (sandboxMode() ? SANDBOX_BOT_TOKEN : "");
}

/** A bot token begins with the bot's numeric id ("123456:ABC…"). */
export const botIdOf = (token: string) => token.split(":")[0] ?? "";

export type CallOptions = { action: string; idempotent?: boolean; ctx?: PublishContext };

export async function callBot<T>(
  api: SocialAbstract,
  method: string,
  body: Record<string, unknown> | FormData,
  o: CallOptions,
): Promise<T> {
  const token = botToken();
  if (!token) throw new ProviderError("bad-body", "Telegram is not configured on this server: set TELEGRAM_BOT_TOKEN");
  const url = `${hostOf(telegramManifest, "api")}/bot${token}/${method}`;
  const init: RequestInit =
    body instanceof FormData
      ? { method: "POST", body }
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const answer = await api.fetchJson<{ ok?: boolean; result?: T; description?: string }>(url, init, {
    action: o.action,
    idempotent: o.idempotent ?? false,
    ctx: o.ctx,
  });
  if (answer?.ok !== true || answer.result === undefined)
    throw new ProviderError(
      "retry",
      `Telegram answered ${o.action} without a result${answer?.description ? `: ${answer.description}` : ""}`,
      {
        mayHavePublished: !o.idempotent,
      },
    );
  return answer.result;
}
