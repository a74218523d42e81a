import type { SocialProvider } from "@/providers/social.integrations.interface";
import type { PostInput } from "@/lib/posts/schemas";
import { matchChannel, type ImportChannel } from "./channel-match";
import type { PlannedColumn } from "./columns";
import type { CsvRow } from "./csv-read";
import { parseWhen } from "./dates";

// One row of the file as the composer's post input: its channels resolved, each channel's text
// picked (its own column, else its platform's, else `text`), its media links and its platform
// settings. What the row says wrong is reported by column; the rest of the checking is the
// composer's own (lib/posts/prepare.ts), whose answers `columnFor` maps back to the columns.

export type CellError = { row: number; column: string; message: string };

export type RowPlan = {
  row: number;
  input?: PostInput;
  /** Per target (in input order): the column its text came from and its platform. */
  targets: { textColumn: string; platform: string }[];
  errors: CellError[];
};

/** Several channels or media links share a cell, separated by | (or line breaks). */
const split = (cell: string) =>
  cell
    .split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A setting cell is text, unless the setting's own field refuses text and takes the value as JSON (a number, true, a list). */
function settingValue(provider: SocialProvider, key: string, cell: string): unknown {
  const check = (v: unknown) => !provider.settings.safeParse({ [key]: v }).error?.issues.some((i) => i.path[0] === key);
  if (check(cell)) return cell;
  try {
    const parsed: unknown = JSON.parse(cell);
    return check(parsed) ? parsed : cell;
  } catch {
    return cell;
  }
}

export function planRow(
  r: CsvRow,
  columns: PlannedColumn[],
  channels: ImportChannel[],
  providers: Map<string, SocialProvider>,
  userZone: string,
  headerLength: number,
): RowPlan {
  const errors: CellError[] = [];
  const fail = (column: string, message: string) => errors.push({ row: r.row, column, message });
  const cell = (kind: PlannedColumn["kind"]) => {
    const c = columns.find((x) => x.kind === kind);
    return c ? { name: c.name, value: (r.cells[c.index] ?? "").trim() } : undefined;
  };
  if (r.cells.slice(headerLength).some((c) => c.trim()))
    fail(`column ${headerLength + 1}`, "has a value but no header; the row has more cells than the header names");

  const modeCell = cell("mode");
  const mode = (modeCell?.value || "schedule").toLowerCase();
  if (mode !== "schedule" && mode !== "draft") fail(modeCell!.name, `"${modeCell!.value}" is not a mode; write schedule or draft`);

  const zoneCell = cell("timezone");
  const dateCell = cell("date")!;
  let publishAt: Date | undefined;
  if (dateCell.value) {
    const when = parseWhen(dateCell.value, zoneCell?.value || userZone);
    if ("error" in when) fail(zoneCell?.value && when.error.includes("time zone") ? zoneCell.name : dateCell.name, when.error);
    else publishAt = when.at;
  } else if (mode !== "draft") fail(dateCell.name, "is empty; a scheduled post needs its date and time (or write draft in mode)");

  const channelsCell = cell("channels")!;
  const picked: ImportChannel[] = [];
  for (const ref of split(channelsCell.value)) {
    const m = matchChannel(ref, channels);
    if ("error" in m) fail(channelsCell.name, m.error);
    else if (picked.some((c) => c.id === m.channel.id)) fail(channelsCell.name, `names ${ref} twice`);
    else picked.push(m.channel);
  }
  if (!channelsCell.value) fail(channelsCell.name, "is empty; name at least one channel");

  const mediaCell = cell("media");
  const media = split(mediaCell?.value ?? "").map((url) => ({ url }));
  const text = cell("text");
  const targets: RowPlan["targets"] = [];
  const inputTargets = picked.map((ch) => {
    const own = columns.find((c) => c.kind === "textFor" && c.channelId === ch.id && r.cells[c.index]?.trim());
    const platform = columns.find((c) => c.kind === "textFor" && c.platform === ch.provider && r.cells[c.index]?.trim());
    const from = own ?? platform;
    targets.push({ textColumn: from?.name ?? text?.name ?? "text", platform: ch.provider });
    const settings: Record<string, unknown> = {};
    const provider = providers.get(ch.provider);
    for (const c of columns) {
      const value = r.cells[c.index]?.trim();
      if (c.kind === "setting" && c.platform === ch.provider && value && provider) settings[c.key] = settingValue(provider, c.key, value);
    }
    return { channelId: ch.id, items: [{ text: from ? r.cells[from.index]!.trim() : (text?.value ?? ""), media }], settings };
  });
  if (errors.length) return { row: r.row, targets, errors };
  return { row: r.row, targets, errors, input: { mode: mode as "schedule" | "draft", publishAt, targets: inputTargets } };
}

/** The column a field of the composer's answer is about ("targets.1.items.0.text" → that channel's text column). */
export function columnFor(field: string, plan: RowPlan, columns: PlannedColumn[]): string {
  const name = (kind: PlannedColumn["kind"], fallback: string) => columns.find((c) => c.kind === kind)?.name ?? fallback;
  if (field === "publishAt" || field === "mode") return name("date", "date");
  const m = /^targets\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!m) return name("channels", "channels");
  const target = plan.targets[Number(m[1])];
  const rest = m[2] ?? "";
  if (!target || rest === "" || rest === "channelId") return name("channels", "channels");
  if (rest === "settings")
    return columns.find((c) => c.kind === "setting" && c.platform === target.platform)?.name ?? name("channels", "channels");
  if (rest.startsWith("settings.")) {
    const key = rest.split(".")[1]!;
    return (
      columns.find((c) => c.kind === "setting" && c.platform === target.platform && c.key === key)?.name ??
      `setting:${target.platform}:${key}`
    );
  }
  if (/^items\.\d+\.media/.test(rest)) return name("media", "media");
  return target.textColumn;
}
