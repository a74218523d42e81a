"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { calendarHref, parseChannels, VIEWS, type View } from "./calendar-url";

// The calendar's view switch. Each tab keeps the date and channel filter of the address (which
// the views keep up to date), and a phone that opens /calendar without a view gets the day view:
// a week of seven columns does not fit a 390-pixel screen.

const PHONE = "(max-width: 640px)";

export function CalendarTabs({ view, explicit }: { view: View; explicit: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  useEffect(() => {
    if (!explicit && window.matchMedia(PHONE).matches) router.replace(calendarHref({ view: "day", date: params.get("date") ?? undefined }));
  }, [explicit, router, params]);
  const date = params.get("date") ?? undefined;
  const channels = parseChannels(params.get("channels"));
  return (
    <nav aria-label="Calendar views" className="flex gap-1 rounded-md border border-slate-200 bg-white p-1 text-sm">
      {VIEWS.map((v) => (
        <Link
          key={v}
          href={calendarHref({ view: v, date, channels })}
          aria-current={v === view ? "page" : undefined}
          className={`rounded px-3 py-1 capitalize ${v === view ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {v}
        </Link>
      ))}
    </nav>
  );
}
