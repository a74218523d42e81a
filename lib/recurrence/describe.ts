import { formatInZone } from "@/lib/time/zone";
import { WEEKDAYS, type StoredRule } from "./rule";

// The rule in plain words for the post detail and the composer: "Repeats weekly on Mon, Wed
// until Mar 30, 2027", "Repeats every 2 days, 10 times".

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const UNIT = { daily: "day", weekly: "week", monthly: "month" } as const;
const EVERY_ONE = { daily: "daily", weekly: "weekly", monthly: "monthly" } as const;

const ordinal = (n: number) => {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${tail}`;
};

export function describeRule(rule: StoredRule, startLocal: string, timeZone: string, endsBefore?: Date | null): string {
  const every = rule.interval === 1 ? EVERY_ONE[rule.freq] : `every ${rule.interval} ${UNIT[rule.freq]}s`;
  const day = Number(startLocal.slice(8, 10));
  const on =
    rule.freq === "weekly"
      ? ` on ${[...rule.weekdays]
          .sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b))
          .map((d) => DAY_NAMES[WEEKDAYS.indexOf(d)])
          .join(", ")}`
      : rule.freq === "monthly"
        ? ` on the ${ordinal(day)}${day > 28 ? " (months without one are skipped)" : ""}`
        : "";
  const at = ` at ${startLocal.slice(11, 16)}`;
  const end = endsBefore
    ? `, until before ${formatInZone(endsBefore, timeZone, { dateStyle: "medium" })}`
    : rule.end.kind === "count"
      ? `, ${rule.end.count} ${rule.end.count === 1 ? "time" : "times"}`
      : rule.end.kind === "until"
        ? ` until ${formatInZone(new Date(`${rule.end.until}T12:00:00Z`), "UTC", { dateStyle: "medium" })}`
        : "";
  return `Repeats ${every}${on}${at}${end} (${timeZone})`;
}
