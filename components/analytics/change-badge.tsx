import type { Change } from "@/lib/analytics/change";
import { changeTone, formatChange } from "./format";

/** The change versus the previous period, with words for screen readers. */
export function ChangeBadge({ change }: { change: Change }) {
  const text = formatChange(change);
  const spoken =
    change.kind === "no-data"
      ? "no data to compare with the previous period"
      : change.kind === "new"
        ? "new: nothing in the previous period"
        : `${text} versus the previous period`;
  return (
    <span className={`text-xs font-medium ${changeTone(change)}`} data-change={text}>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{spoken}</span>
    </span>
  );
}
