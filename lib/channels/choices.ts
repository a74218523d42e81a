import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { ProviderError } from "@/providers/core/errors";
import { getProvider } from "@/providers/registry";
import type { SettingsChoice, SocialProvider } from "@/providers/social.integrations.interface";
import { accessFor, refreshHook } from "./tokens";

// The choices of a settings field that are the channel's own (a blog's categories, a Pinterest
// account's boards), read from the platform when the composer opens the field. The field must be
// declared `.meta({ choices: "channel" })` in the platform's settings; the provider reads them in
// settingsChoices(). A platform that refuses or fails is reported in words, never as a 500.

/** More than a form can sensibly offer; the rest are dropped rather than slowing the composer. */
export const MAX_CHOICES = 1000;

/**
 * The settings keys of a provider whose choices come from the channel, read from the JSON Schema
 * the composer gets (as lib/composer/settings-fields.ts does), so both sides agree on the fields.
 */
export function choiceFieldsOf(provider: SocialProvider): string[] {
  const schema = z.toJSONSchema(provider.settings, { unrepresentable: "any", io: "input" }) as {
    properties?: Record<string, { choices?: unknown }>;
  };
  return Object.entries(schema.properties ?? {}).flatMap(([key, p]) => (p.choices === "channel" ? [key] : []));
}

export async function listChoices(ctx: OrgContext, channelId: string, field: string): Promise<SettingsChoice[]> {
  const row = await ctx.db.integration.findFirst({ where: { id: channelId } });
  if (!row) throw notFound("Channel");
  const provider = getProvider(row.provider);
  if (!provider?.settingsChoices || !choiceFieldsOf(provider).includes(field))
    throw new AppError(`${provider?.name ?? row.provider} has no setting "${field}" with choices read from the channel`, 404, "field");
  // A channel that cannot be used (disconnected, disabled, waiting for a page) says so in its own words.
  const access = await accessFor(row).catch((e: unknown) => {
    throw e instanceof ProviderError && e.kind !== "retry" ? new AppError(e.message, 409) : choicesError(provider.name, row.name, e);
  });
  try {
    const current = { token: access.accessToken };
    // A token refused mid-call is renewed once, as when publishing; a long rate-limit wait is not sat through.
    const ctxForCall = { refreshAccessToken: refreshHook(row.id, current), maxWaitMs: 5_000 };
    return cleanChoices(await provider.settingsChoices(access, field, ctxForCall));
  } catch (e) {
    throw choicesError(provider.name, row.name, e);
  }
}

/** Only string pairs, each value once, at most MAX_CHOICES: what the platform said, made safe to render. */
function cleanChoices(raw: unknown): SettingsChoice[] {
  const seen = new Set<string>();
  const out: SettingsChoice[] = [];
  for (const c of Array.isArray(raw) ? raw : []) {
    const { value, label } = (c ?? {}) as Partial<SettingsChoice>;
    if (typeof value !== "string" || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, label: typeof label === "string" && label.trim() ? label : value });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

function choicesError(platform: string, channel: string, e: unknown): AppError {
  if (e instanceof ProviderError) {
    if (e.kind === "retry") return new AppError(`${platform} is not answering right now (${e.message}); please try again in a moment`, 502);
    if (e.kind === "disconnect" || e.kind === "refresh-token")
      return new AppError(`${platform} refused access for ${channel}: ${e.message}. Reconnect it on the Channels page.`, 409);
    return new AppError(`${platform} would not list the choices for ${channel}: ${e.message}`, 409);
  }
  // A provider that could not read the platform's answer; the error is logged, its text not sent.
  console.error(`[choices] ${platform}: settingsChoices failed`, e);
  return new AppError(`${platform} answered in a way Postmill could not read; please try again later`, 502);
}
