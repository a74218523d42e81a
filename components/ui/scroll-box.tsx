import type { ReactNode } from "react";

/**
 * A wide table's own horizontal scroller, so on a phone the table scrolls inside its box and the
 * page itself never scrolls sideways. Focusable and named, so a keyboard user can scroll it with
 * the arrow keys and a screen reader says what it is (a scrolling region nothing inside it can
 * focus would otherwise be out of reach from the keyboard). Positioned, so what is absolutely
 * positioned inside (screen-reader-only text in a far column) is clipped with the rest instead of
 * widening the page.
 */
export function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
