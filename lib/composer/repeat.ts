import { WEEKDAYS, type Frequency, type RepeatInput, type StoredRule, type WeekdayCode } from "@/lib/recurrence/rule";
import { weekdayIndex } from "@/lib/time/zone";

// The composer's Repeat control as plain data, and where a save goes: a new recurring post to
// /api/series, an edit of one occurrence to /api/posts/:id/occurrence with the scope the user
// chose, anything else to the ordinary post routes.

export type EndKind = "never" | "count" | "until";
export type RepeatDraft = {
  on: boolean;
  freq: Frequency;
  interval: number;
  weekdays: WeekdayCode[];
  endKind: EndKind;
  count: number;
  until: string;
  /** Editing an occurrence: this one only, or this and the following ones. */
  scope: "this" | "following";
  /** With scope "following": whether the rule changes too. */
  changeRule: boolean;
};

/** Off, with a weekly rule on the start's weekday ready for when it is switched on. */
export function defaultRepeat(when: string, rule?: StoredRule): RepeatDraft {
  const day = WEEKDAYS[weekdayIndex((when || "2000-01-03").slice(0, 10))]!;
  return {
    on: false,
    freq: rule?.freq ?? "weekly",
    interval: rule?.interval ?? 1,
    weekdays: rule?.weekdays.length ? [...rule.weekdays] : [day],
    endKind: rule?.end.kind ?? "never",
    count: rule?.end.kind === "count" ? rule.end.count : 10,
    until: rule?.end.kind === "until" ? rule.end.until : "",
    scope: "this",
    changeRule: false,
  };
}

export function repeatInput(d: RepeatDraft): RepeatInput {
  const end =
    d.endKind === "count"
      ? { kind: "count" as const, count: d.count }
      : d.endKind === "until"
        ? { kind: "until" as const, until: d.until }
        : { kind: "never" as const };
  return { freq: d.freq, interval: d.interval, weekdays: d.freq === "weekly" ? d.weekdays : [], end };
}

type Body = { mode: string; publishAt?: string; targets: unknown[] };

/** Where the composer sends a save, given the repeat settings and whether the post is an occurrence. */
export function saveRequest(
  postId: string | undefined,
  inSeries: boolean,
  repeat: RepeatDraft,
  body: Body,
): { url: string; method: "POST" | "PUT"; body: object } {
  if (postId && inSeries && body.mode === "schedule") {
    const rule = repeat.scope === "following" && repeat.changeRule ? { repeat: repeatInput(repeat) } : {};
    return {
      url: `/api/posts/${postId}/occurrence`,
      method: "PUT",
      body: { scope: repeat.scope, publishAt: body.publishAt, targets: body.targets, ...rule },
    };
  }
  if (!postId && repeat.on && body.mode === "schedule")
    return { url: "/api/series", method: "POST", body: { publishAt: body.publishAt, targets: body.targets, repeat: repeatInput(repeat) } };
  return postId ? { url: `/api/posts/${postId}`, method: "PUT", body } : { url: "/api/posts", method: "POST", body };
}
