"use client";
import { useEffect } from "react";
import { calendarHref } from "./calendar-url";

// Keeps the address in step with what a view shows. Replaced, not pushed: paging through weeks
// does not fill the history, and Back from a post comes back to the week last shown. A bare
// /calendar already means this week, unfiltered: it stays bare until something else is shown.
export function useCalendarUrl(state: { view: string; date: string; channels: string[] }, isDefault: boolean) {
  const href = calendarHref(state);
  useEffect(() => {
    if (isDefault && location.search === "") return;
    if (`${location.pathname}${location.search}` !== href) window.history.replaceState(window.history.state, "", href);
  }, [href, isDefault]);
}
