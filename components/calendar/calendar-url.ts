// The calendar keeps its view, date and channel filter in the address (?view=&date=&channels=),
// so a reload, a shared link or Back from a post shows the same week with the same filter. Plain
// functions, read by the server page and the browser alike.

export const VIEWS = ["day", "week", "month", "list"] as const;
export type View = (typeof VIEWS)[number];

export function calendarHref(state: { view: string; date?: string; channels?: string[] }): string {
  const q = new URLSearchParams({ view: state.view });
  if (state.date) q.set("date", state.date);
  if (state.channels?.length) q.set("channels", state.channels.join(","));
  return `/calendar?${q}`;
}

/** Channel ids from ?channels=a,b (ids not among the organization's channels are dropped by the view). */
export const parseChannels = (v: string | null | undefined): string[] => (v ? v.split(",").filter(Boolean).slice(0, 100) : []);
