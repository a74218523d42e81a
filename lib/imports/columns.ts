import { z } from "zod";
import type { SocialProvider } from "@/providers/social.integrations.interface";
import { matchChannel, platformNamed, type ImportChannel } from "./channel-match";

// What each header of the file means. Fixed columns (date, timezone, channels, text, media, mode)
// and the open families: `text:<platform or channel>` (that platform's or channel's own text) and
// `setting:<platform>:<key>` (a key of the platform's settings form). A header this does not
// know is refused by name, so a typo never silently drops data.

export type Column =
  | { kind: "date" | "timezone" | "channels" | "text" | "media" | "mode" }
  | { kind: "textFor"; platform?: string; channelId?: string }
  | { kind: "setting"; platform: string; key: string };

export type PlannedColumn = Column & { name: string; index: number };
export type HeaderProblem = { column: string; message: string };

export const FIXED_COLUMNS = ["date", "timezone", "channels", "text", "media", "mode"] as const;

/** The keys a platform's settings form has, or null when its schema is not a plain object of fields. */
export function settingKeys(p: SocialProvider): string[] | null {
  return p.settings instanceof z.ZodObject ? Object.keys(p.settings.shape as object) : null;
}

export function planColumns(
  header: string[],
  channels: ImportChannel[],
  providers: SocialProvider[],
): { columns: PlannedColumn[]; problems: HeaderProblem[] } {
  const columns: PlannedColumn[] = [];
  const problems: HeaderProblem[] = [];
  const platforms = providers.map((p) => ({ id: p.identifier, name: p.name }));
  const seen = new Set<string>();
  header.forEach((name, index) => {
    const lower = name.toLowerCase();
    if (!name) return problems.push({ column: `column ${index + 1}`, message: "has no name; name it or delete it" });
    if (seen.has(lower)) return problems.push({ column: name, message: "appears twice; keep one" });
    seen.add(lower);
    const fixed = FIXED_COLUMNS.find((c) => c === lower);
    if (fixed) return columns.push({ kind: fixed, name, index });
    if (lower.startsWith("text:")) {
      const ref = name.slice(5).trim();
      const platform = platformNamed(ref, platforms);
      if (platform) return columns.push({ kind: "textFor", platform, name, index });
      const match = matchChannel(ref, channels);
      if ("channel" in match) return columns.push({ kind: "textFor", channelId: match.channel.id, name, index });
      return problems.push({ column: name, message: `names neither a platform nor a channel: ${match.error}` });
    }
    if (lower.startsWith("setting:")) {
      const [, platformRef = "", ...rest] = name.split(":");
      const key = rest.join(":").trim();
      const platform = platformNamed(platformRef, platforms);
      const provider = providers.find((p) => p.identifier === platform);
      if (!provider || !key)
        return problems.push({ column: name, message: "write setting columns as setting:<platform>:<key>, e.g. setting:reddit:title" });
      const keys = settingKeys(provider);
      if (keys && !keys.includes(key))
        return problems.push({
          column: name,
          message: keys.length
            ? `${provider.name} has no setting "${key}"; its settings are ${keys.join(", ")}`
            : `${provider.name} has no settings`,
        });
      return columns.push({ kind: "setting", platform: provider.identifier, key, name, index });
    }
    problems.push({
      column: name,
      message: `is not a column this import knows; use ${FIXED_COLUMNS.join(", ")}, text:<platform or channel> or setting:<platform>:<key>`,
    });
  });
  const has = (k: Column["kind"]) => columns.some((c) => c.kind === k);
  if (!has("channels")) problems.push({ column: "channels", message: "is missing; every post needs its channels" });
  if (!has("date")) problems.push({ column: "date", message: "is missing; every post needs its date and time" });
  if (!has("text") && !has("textFor") && !has("media"))
    problems.push({ column: "text", message: "is missing; give the posts a text (or text:<platform> columns, or media)" });
  return { columns, problems };
}
