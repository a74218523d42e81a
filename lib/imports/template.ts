import { addDays, todayIn } from "@/lib/time/zone";
import type { SocialProvider } from "@/providers/social.integrations.interface";
import type { ImportChannel } from "./channel-match";
import { settingKeys } from "./columns";

// The downloadable template: the columns this import reads, and one example row per channel of
// the organization (up to a few), dated tomorrow at 09:00 in the user's zone. Cells that come from
// the organization's data (channel names) are written so a spreadsheet never runs them as a
// formula: one starting with = + - @ (or a tab or carriage return) gets a leading apostrophe.

const EXAMPLES = 5;

export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(cell: string): string {
  return /[",;\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Settings a platform's form requires (what an empty form is refused for), so the template shows those columns. */
function requiredSettings(p: SocialProvider): string[] {
  const keys = settingKeys(p) ?? [];
  const issues = p.settings.safeParse({}).error?.issues ?? [];
  return keys.filter((k) => issues.some((i) => i.path[0] === k));
}

/** How the template names a channel: platform:handle where it has one (no "@", which spreadsheets read as a formula), else platform:name. */
function reference(c: ImportChannel): string {
  const handle = c.username?.replace(/^@/, "");
  return `${c.provider}:${handle || c.name}`;
}

export function templateCsv(channels: ImportChannel[], providers: Map<string, SocialProvider>, timeZone: string, now = new Date()): string {
  const examples = channels.slice(0, EXAMPLES);
  const platforms = [...new Set(examples.map((c) => c.provider))];
  const settingColumns = platforms.flatMap((id) => {
    const p = providers.get(id);
    return p ? requiredSettings(p).map((k) => `setting:${id}:${k}`) : [];
  });
  const header = ["date", "timezone", "channels", "mode", "text", "media", ...platforms.map((p) => `text:${p}`), ...settingColumns];
  const date = `${addDays(todayIn(timeZone, now), 1)} 09:00`;
  const rows = examples.length
    ? examples.map((c, i) => {
        const cells: Record<string, string> = {
          date,
          timezone: timeZone,
          channels: reference(c),
          mode: i === 0 ? "draft" : "schedule",
          text: `Hello from ${c.name}: our first imported post`,
          media: "",
        };
        return header.map((h) => spreadsheetSafe(cells[h] ?? ""));
      })
    : [[date, timeZone, "x:yourhandle", "draft", "Connect a channel, then name it here by handle, name or id", ""]];
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
