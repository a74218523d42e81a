import { z } from "zod";
import { cleanSettings, settingsFields } from "@/lib/composer/settings-fields";
import { ValidationError } from "@/lib/errors";
import type { OrgContext } from "@/lib/orgs/context";
import { getProvider } from "@/providers/registry";
import type { SetChannelInput } from "./schemas";

// A set's channels must be the organization's own, and each channel's default settings must pass
// its platform's settings schema (the one the composer's tab and the post check use). A set holds
// defaults, not a finished post, so a field left out is fine (a Reddit title is written per post);
// every field that is given is checked, and a field the platform does not have is refused.

export async function checkSetChannels(ctx: OrgContext, channels: SetChannelInput[]): Promise<SetChannelInput[]> {
  const rows = await ctx.db.integration.findMany({
    where: { id: { in: channels.map((c) => c.channelId) } },
    select: { id: true, name: true, provider: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: Record<string, string> = {};
  const out = channels.map((c, i) => {
    const at = `channels.${i}`;
    const row = byId.get(c.channelId);
    if (!row) {
      errors[`${at}.channelId`] = "this channel does not exist in your organization";
      return c;
    }
    const provider = getProvider(row.provider);
    if (!provider) {
      errors[`${at}.channelId`] = `${row.name}: the platform ${row.provider} is not available on this server`;
      return c;
    }
    const fields = settingsFields(z.toJSONSchema(provider.settings, { unrepresentable: "any", io: "input" }));
    const known = new Set(fields.map((f) => f.key));
    for (const key of Object.keys(c.settings)) {
      if (!known.has(key)) errors[`${at}.settings.${key}`] = `${row.name}: ${provider.name} has no setting "${key}"`;
    }
    const given = cleanSettings(c.settings, fields);
    if (Object.keys(given).length) {
      const parsed = provider.settings.safeParse(given);
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        if (key in given) errors[`${at}.settings.${key}`] ??= `${row.name}: ${issue.message}`;
      }
    }
    return { channelId: c.channelId, settings: given };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}
