import { channelAddress } from "@/lib/channels/label";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/zone";
import type { ComposerChannel } from "./types";

// The composer's channel picker at 50 channels: a search over name, handle and platform, and the
// channels laid out by group (customer or brand), ungrouped ones last. Pure, so it is unit tested.

export type PickerGroup = { id: string; name: string; timeZone: string | null; channelIds: string[] };
export type PickerSection = { group: PickerGroup | null; channels: ComposerChannel[] };

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** Every word of the query is found in the channel's name, handle, server or platform (name or id). */
export function matchesChannel(c: ComposerChannel, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = fold([c.name, c.username ?? "", channelAddress(c) ?? "", c.providerName, c.provider].join(" "));
  return words.every((w) => hay.includes(w.replace(/^@/, "")));
}

/** Sections in group-name order (groups as listed), each with its matching channels; empty sections are left out. */
export function pickerSections(channels: readonly ComposerChannel[], groups: readonly PickerGroup[], query = ""): PickerSection[] {
  const groupOf = groupIndex(groups);
  const sections = new Map<string | null, ComposerChannel[]>([...groups.map((g) => [g.id, []] as [string, ComposerChannel[]]), [null, []]]);
  for (const c of channels) if (matchesChannel(c, query)) sections.get(groupOf.get(c.id)?.id ?? null)!.push(c);
  const byId = new Map(groups.map((g) => [g.id, g]));
  return [...sections].flatMap(([id, list]) => (list.length ? [{ group: id ? byId.get(id)! : null, channels: list }] : []));
}

export function groupIndex(groups: readonly PickerGroup[]): Map<string, PickerGroup> {
  return new Map(groups.flatMap((g) => g.channelIds.map((id) => [id, g] as const)));
}

/**
 * The zone a post is scheduled in: a group's own when every picked channel is in that one group
 * and it has a zone, else the user's. The composer shows which and why beside the time.
 */
export function scheduleZone(
  picked: readonly string[],
  groups: readonly PickerGroup[],
  userZone: string,
): { timeZone: string; group: string | null } {
  const groupOf = groupIndex(groups);
  const first = picked.length ? groupOf.get(picked[0]!) : undefined;
  if (first?.timeZone && picked.every((id) => groupOf.get(id)?.id === first.id)) return { timeZone: first.timeZone, group: first.name };
  return { timeZone: userZone, group: null };
}

/** A wall time ("2026-12-01T09:00") in zone `from` as the same instant's wall time in `to`: an edited post opens in its group's zone. */
export function wallTimeIn(when: string, from: string, to: string): string {
  return !when || from === to ? when : dateToWallTime(wallTimeToDate(when, from), to);
}

/**
 * A save that starts or changes a recurring series, planned in a group's zone: the series repeats
 * in that zone too (its later occurrences follow that zone's clock changes, not the user's).
 */
export function inSeriesZone<T extends { body: object }>(req: T, zone: string | null): T {
  const body = req.body as { repeat?: object };
  return zone && body.repeat ? { ...req, body: { ...body, repeat: { ...body.repeat, timeZone: zone } } } : req;
}
